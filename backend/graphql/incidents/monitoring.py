"""The secret of a monitoring token: made here, shown once, kept only as its SHA-256 hash."""

from __future__ import annotations

import hashlib
import re
import secrets

SECRET = re.compile(r"[A-Za-z0-9_-]{43}")
"""What `new_secret` makes: 32 random bytes, URL-safe base64 without padding."""


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
