"""Consultancies (the tenants), their settings and their users' accounts."""
