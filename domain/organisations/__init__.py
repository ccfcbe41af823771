"""Organisations: the SMEs a consultancy coaches, registered once and admitted to clusters."""
