"""Assessment: the gap analyses that rate a member and estimate its coaching."""
