"""Organisations, clusters, admission and coaching."""
