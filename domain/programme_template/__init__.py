"""The programme template a consultancy sets and each cluster keeps from its accepted plan (versioned)."""
