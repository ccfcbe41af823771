"""What a verifier is told about a label credential on a given day: whether the labelling body signed it, whether it is
in force (not yet valid, expired), whether it was revoked or suspended, and for whom it stands. Pure: the caller
gives the token, the public key, the signed status lists it points to, and the day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal

from backend.credentials.openbadges import REVOCATION, SUSPENSION, subject_name
from backend.credentials.signing import CredentialRefused, verify
from backend.credentials.status_list import StatusListError, is_set

State = Literal["valid", "expired", "not_yet_valid", "revoked", "suspended", "status_unknown", "invalid"]
"""In order of precedence, the worst first: `invalid` (not signed by this key, or malformed), then `revoked`,
`suspended`, `expired`, `not_yet_valid`, `status_unknown` (a status list it points to was not given or cannot be
read), and `valid`."""


@dataclass(frozen=True)
class Verdict:
    state: State
    subject_name: str | None = None
    label_name: str | None = None
    issuer_name: str | None = None
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    reason: str = ""
    """Why it is not valid, in words for the verifier."""
    credential: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)
    """The verified credential, when its signature holds."""


def check(token: str, public_jwk: Mapping[str, Any], status_lists: Mapping[str, str], today: date) -> Verdict:
    """The verdict on `token` on `today`. `status_lists` maps each list's URL to its signed list credential."""
    try:
        credential = verify(token, public_jwk)
    except CredentialRefused as refusal:
        return Verdict("invalid", reason=str(refusal))
    if "OpenBadgeCredential" not in credential.get("type", ()):
        return Verdict("invalid", reason="The token is not an Open Badges credential.")
    described = _described(credential)
    flags = _status_flags(credential, public_jwk, status_lists)
    state, reason = _state(credential, flags, today)
    return Verdict(state, **described, reason=reason, credential=credential)


def _state(credential: Mapping[str, Any], flags: Mapping[str, bool | str], today: date) -> tuple[State, str]:
    if flags.get(REVOCATION) is True:
        return "revoked", "The labelling body revoked this label."
    if flags.get(SUSPENSION) is True:
        return "suspended", "The labelling body suspended this label."
    start_of_day = datetime.combine(today, time(0, 0), tzinfo=UTC)
    valid_until = _moment(credential.get("validUntil"))
    if valid_until is not None and valid_until <= start_of_day:
        return "expired", f"The label expired on {valid_until.date()}."
    valid_from = _moment(credential.get("validFrom"))
    if valid_from is not None and valid_from >= start_of_day + timedelta(days=1):
        return "not_yet_valid", f"The label is valid from {valid_from.date()}."
    unknown = [reason for reason in flags.values() if isinstance(reason, str)]
    if unknown:
        return "status_unknown", unknown[0]
    return "valid", ""


def _status_flags(
    credential: Mapping[str, Any], public_jwk: Mapping[str, Any], status_lists: Mapping[str, str]
) -> dict[str, bool | str]:
    """Per purpose, whether the bit is set, or why it could not be read."""
    entries = credential.get("credentialStatus", [])
    entries = entries if isinstance(entries, list) else [entries]
    flags: dict[str, bool | str] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        purpose = str(entry.get("statusPurpose"))
        try:
            flags[purpose] = flags.get(purpose) is True or _bit(entry, credential, public_jwk, status_lists)
        except (CredentialRefused, StatusListError) as error:
            flags.setdefault(purpose, f"The {purpose} list cannot be read: {error}")
    return flags


def _bit(
    entry: Mapping[str, Any],
    credential: Mapping[str, Any],
    public_jwk: Mapping[str, Any],
    status_lists: Mapping[str, str],
) -> bool:
    url = entry.get("statusListCredential")
    token = status_lists.get(url) if isinstance(url, str) else None
    if token is None:
        raise StatusListError(f"{url} was not given.")
    list_credential = verify(token, public_jwk)
    if _issuer_id(list_credential) != _issuer_id(credential):
        raise StatusListError("it was published by another issuer.")
    return is_set(entry, list_credential)


def _described(credential: Mapping[str, Any]) -> dict[str, Any]:
    issuer = credential.get("issuer")
    name = credential.get("name")
    return {
        "subject_name": subject_name(credential),
        "label_name": name if isinstance(name, str) else None,
        "issuer_name": issuer.get("name") if isinstance(issuer, dict) else None,
        "valid_from": _moment(credential.get("validFrom")),
        "valid_until": _moment(credential.get("validUntil")),
    }


def _issuer_id(credential: Mapping[str, Any]) -> object:
    issuer = credential.get("issuer")
    return issuer.get("id") if isinstance(issuer, dict) else issuer


def _moment(value: object) -> datetime | None:
    """A timestamp the signature already vouched for (`verify` read it), in UTC."""
    return datetime.fromisoformat(value).astimezone(UTC) if isinstance(value, str) else None
