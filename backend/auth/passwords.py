"""Password hashing with argon2id (argon2-cffi's defaults follow RFC 9106's recommendations)."""

from __future__ import annotations

import gzip
import re
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from domain.shared.errors import ValidationFailed

_hasher = PasswordHasher()

# Verifying against this when the e-mail is unknown keeps the answer time the same: no account oracle.
_UNKNOWN_ACCOUNT_HASH = _hasher.hash("no such account")

MINIMUM_PASSWORD_LENGTH = 12


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _UNKNOWN_ACCOUNT_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


MAXIMUM_PASSWORD_LENGTH = 1024
"""Long passphrases are welcome; a megabyte of text is not a password and would only cost hashing time."""

COMMON_PASSWORDS = Path(__file__).with_name("common-passwords.txt.gz")
"""20,000 passwords people choose most (Royce Williams' list, as Django ships it; see README): refused outright."""


@cache
def _common_passwords() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS, "rt", encoding="utf-8") as listed:
        return frozenset(line.strip().lower() for line in listed if line.strip())


def check_password_change(known_hash: str | None, current: str, new: str, email: str) -> None:
    """Refuses a change unless `current` is the account's password and `new` a good one (ValidationFailed)."""
    if not verify_password(known_hash, current):
        raise ValidationFailed("current_password", "This is not your current password.")
    check_new_password(new, email)
    if new == current:
        raise ValidationFailed("new_password", "Choose a password other than your current one.")


_CONTROL = re.compile("[\u0000-\u001f\u007f-\u009f\ud800-\udfff]")
"""Control characters, which no keyboard types into a password field, and lone surrogates, which cannot be stored."""


def check_new_password(password: str, email: str) -> None:
    if len(password) < MINIMUM_PASSWORD_LENGTH:
        raise ValidationFailed("new_password", f"Use at least {MINIMUM_PASSWORD_LENGTH} characters.")
    if len(password) > MAXIMUM_PASSWORD_LENGTH:
        raise ValidationFailed("new_password", f"Use at most {MAXIMUM_PASSWORD_LENGTH:,} characters.")
    if _CONTROL.search(password):
        raise ValidationFailed("new_password", "Use letters, digits, spaces and signs only: no control characters.")
    if password.strip().lower() in _common_passwords():
        raise ValidationFailed("new_password", "This password is among the most common ones: choose another.")
    local_part = email.split("@", 1)[0].lower()
    if len(local_part) >= 4 and local_part in password.lower():
        raise ValidationFailed("new_password", "Choose a password that does not contain your e-mail address.")
