"""Effort: its read tables, projection and queries."""
