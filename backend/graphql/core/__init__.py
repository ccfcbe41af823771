"""What every feature of the API shares: the command path, typed errors, input coercion, limits, idempotency,
known documents, per-request loaders and the read snapshot."""
