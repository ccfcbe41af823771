"""Effort: the days a cluster takes, as paper 004 measures it against a single-organisation project."""
