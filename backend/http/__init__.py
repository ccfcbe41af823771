"""HTTP concerns outside GraphQL and the pages: response headers, health and readiness."""
