"""The monitoring and measurement register's API: metrics, their measurements, and what the viewer may do."""
