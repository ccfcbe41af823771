"""Clusters: admission and withdrawal, unavailability, the plan and its sessions (the cluster approach, paper 004)."""
