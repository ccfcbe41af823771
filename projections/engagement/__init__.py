"""Engagement: its read tables, projection and queries."""
