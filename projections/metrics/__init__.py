"""The read side of the monitoring and measurement register: metrics, their measurements and their history."""
