"""Organisations: its read tables, projection and queries."""
