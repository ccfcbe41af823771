"""Read model of consultancies and their accounts."""
