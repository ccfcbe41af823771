"""Read model of an organisation's training records and awareness campaigns, and its people's record."""
