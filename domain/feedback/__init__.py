"""Feedback members share on the cluster's training sessions, anonymous unless signed."""
