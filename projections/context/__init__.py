"""Read model of an organisation's context: issues, interested parties, scope versions, roles, commitment."""
