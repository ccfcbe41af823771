"""Labelled professionals, as read: the links between consultancies' coach accounts and professionals."""
