"""The viewer, the consultancy and its coaches."""
