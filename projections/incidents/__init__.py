"""The incident register read side: incidents with their targets and timelines, and the service levels."""
