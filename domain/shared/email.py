"""E-mail addresses as the product takes them: one line, lower case, the shape name@domain.tld."""

from __future__ import annotations

import re

from domain.shared.errors import ValidationFailed
from domain.shared.text import single_line

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

EMAIL_MAX_LENGTH = 254
"""The longest address SMTP can deliver to (RFC 5321)."""


def normalise_email(email: str, field: str = "email") -> str:
    cleaned = single_line(field, (email or "").lower(), EMAIL_MAX_LENGTH)
    if not _EMAIL.fullmatch(cleaned):
        raise ValidationFailed(field, "Enter an e-mail address such as name@example.org.")
    return cleaned
