"""Single sign-on with OpenID Connect: what a consultancy configures, and the rules its sign-ins follow.

The client secret is never part of an event (history is evidence, exported in audit bundles): the backend keeps it
encrypted in a secrets table and the consultancy's event records only its fingerprint, so a change of secret is on
record without the secret itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from domain.shared.errors import ValidationFailed

ISSUER_MAX_LENGTH = 500
CLIENT_IDENTIFIER_MAX_LENGTH = 255
SUBJECT_MAX_LENGTH = 255
"""OpenID Connect Core 1.0 §2: a subject identifier is at most 255 ASCII characters."""
DOMAINS_MAX = 50
DOMAIN_MAX_LENGTH = 253

_DOMAIN = re.compile(r"(?=.{1,253}\Z)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]")
_VISIBLE_ASCII = re.compile(r"[\x21-\x7e]+")
_FINGERPRINT = re.compile(r"[0-9a-f]{16}")
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class SingleSignOnSettings:
    """A consultancy's OpenID provider, as the consultancy's events record it (the secret only as its fingerprint)."""

    issuer: str
    client_identifier: str
    allowed_domains: tuple[str, ...]
    enabled: bool
    secret_fingerprint: str

    def allows(self, email: str) -> bool:
        """Whether an account may be opened for this (normalised) address at its first sign-in."""
        return email.rpartition("@")[2] in self.allowed_domains


def check_issuer(issuer: str) -> str:
    """An issuer is an https URL with no query or fragment (OpenID Connect Discovery §3); plain http only on the
    machine itself (a provider run for tests or a trial)."""
    text = (issuer or "").strip(" ")
    if not text or len(text) > ISSUER_MAX_LENGTH or not _VISIBLE_ASCII.fullmatch(text):
        raise ValidationFailed("issuer", f"Enter the provider's issuer URL, at most {ISSUER_MAX_LENGTH} characters.")
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
    except ValueError:
        parts, host = None, ""
    if parts is None or not host or parts.query or parts.fragment or parts.username or parts.password:
        raise ValidationFailed("issuer", "Enter the issuer as https://host/path, without a query or fragment.")
    if parts.scheme != "https" and not (parts.scheme == "http" and host in _LOOPBACK):
        raise ValidationFailed("issuer", "The issuer's URL must start with https:// (http only on this machine).")
    return text.rstrip("/") if parts.path in ("", "/") else text


def check_client_identifier(client_identifier: str) -> str:
    text = (client_identifier or "").strip(" ")  # a line break is refused, never trimmed into a valid id
    if not text or len(text) > CLIENT_IDENTIFIER_MAX_LENGTH or not _VISIBLE_ASCII.fullmatch(text):
        raise ValidationFailed(
            "client_identifier",
            f"Enter the client id the provider gave, 1 to {CLIENT_IDENTIFIER_MAX_LENGTH} visible characters.",
        )
    return text


def check_subject(subject: str) -> str:
    if not subject or len(subject) > SUBJECT_MAX_LENGTH or not _VISIBLE_ASCII.fullmatch(subject):
        raise ValidationFailed("subject", "The provider's subject identifier is 1 to 255 visible ASCII characters.")
    return subject


def check_domains(domains: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Domain names, lower-cased, each once, in the order given; none is refused (nobody new may join), more than
    `DOMAINS_MAX` too."""
    cleaned: list[str] = []
    for domain in domains:
        text = (domain or "").strip().lower()
        if not text:
            continue
        if not _DOMAIN.fullmatch(text):
            shown = text[:60] if _VISIBLE_ASCII.fullmatch(text[:60]) else "one of them"
            raise ValidationFailed("allowed_domains", f"{shown} is not a domain name such as example.org.")
        if text not in cleaned:
            cleaned.append(text)
    if len(cleaned) > DOMAINS_MAX:
        raise ValidationFailed("allowed_domains", f"List at most {DOMAINS_MAX} domains.")
    return tuple(cleaned)


def check_fingerprint(fingerprint: str | None, current: str | None) -> str:
    """The secret's fingerprint: a new one, or the current secret's when none is given; a first configuration
    needs a secret."""
    if fingerprint is None:
        if current is None:
            raise ValidationFailed("client_secret", "Enter the client secret the provider gave.")
        return current
    if not _FINGERPRINT.fullmatch(fingerprint):
        raise ValidationFailed("secret_fingerprint", "A secret is recorded as its fingerprint, 16 hexadecimal digits.")
    return fingerprint
