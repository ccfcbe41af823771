"""Pages of the cluster programme: plan, sessions, members and effort."""
