"""Labelled professionals in the API: the links between consultancies' coaches and professionals."""
