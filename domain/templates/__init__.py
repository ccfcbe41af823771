"""Data a consultancy sets and clusters copy: the programme template (versioned)."""
