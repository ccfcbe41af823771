"""Password hashing with argon2id (argon2-cffi's defaults follow RFC 9106's recommendations)."""

from __future__ import annotations

import gzip
import re
from functools import cache
from pathlib import Path

from argon2 import Parameters, PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

from domain.shared.errors import ValidationFailed

PRODUCT_PROFILE = profiles.RFC_9106_LOW_MEMORY
"""argon2id with 64 MiB, 3 passes and 4 lanes: RFC 9106's second recommended option, argon2-cffi's default."""


class _Hashing:
    """The hasher in use, and the hash an unknown e-mail is checked against: verifying against it keeps the answer
    time the same as for a wrong password, so no answer tells whether an account exists."""

    def __init__(self, profile: Parameters) -> None:
        self.hasher = PasswordHasher.from_parameters(profile)
        self.unknown_account_hash = self.hasher.hash("no such account")


_hashing = [_Hashing(PRODUCT_PROFILE)]


def use_profile(profile: Parameters) -> None:
    """The test suite hashes with argon2-cffi's CHEAPEST profile, made for tests: thousands of sign-ins then cost
    microseconds rather than a second of CPU each. The product never calls this; a stored hash names its own
    parameters, so either kind verifies whatever profile is in use."""
    _hashing[0] = _Hashing(profile)


MINIMUM_PASSWORD_LENGTH = 12


def hash_password(password: str) -> str:
    return _hashing[0].hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    hashing = _hashing[0]
    try:
        return hashing.hasher.verify(password_hash or hashing.unknown_account_hash, password) and bool(password_hash)
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
