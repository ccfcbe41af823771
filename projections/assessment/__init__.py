"""Read model of gap analyses: every assessment of each member, with its coaching estimate."""
