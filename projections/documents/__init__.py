"""Read model of an organisation's documents, their versions, files and acknowledgements."""
