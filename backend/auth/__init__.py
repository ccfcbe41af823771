"""Who is asking: local accounts, server-side sessions, CSRF tokens, and the principal of each request."""
