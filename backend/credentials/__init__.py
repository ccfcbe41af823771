"""Labels as verifiable credentials: Open Badges 3.0 credentials signed by the labelling body as VC-JWTs, their
revocation and suspension in bitstring status lists, and the verdict a verifier reads
(`docs/labels-credentials.md`)."""
