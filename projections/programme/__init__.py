"""Read model of the cluster programme: organisations, clusters, members, coaching."""
