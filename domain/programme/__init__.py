"""The cluster programme: organisations, clusters, admission and coaching (the cluster approach, paper 004)."""
