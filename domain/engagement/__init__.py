"""Engagement: one member's way through a cluster: coaching ledger, ceiling and overrides, outcome."""
