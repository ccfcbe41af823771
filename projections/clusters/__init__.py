"""Clusters: its read tables, projection and queries."""
