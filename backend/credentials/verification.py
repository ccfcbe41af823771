"""What a verifier is told about a label credential on a given day: whether the labelling body signed it, whether it is
in force (not yet valid, expired), whether it was revoked or suspended, and for whom it stands. Pure: the caller
gives the token, the body's published key set, the signed status list it points to, and the instant.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any, Literal

from backend.credentials.openbadges import subject_name, timestamp
from backend.credentials.signing import CredentialRefused, key_named, verify
from backend.credentials.status_list import REVOKED, SUSPENDED, StatusListError, status_of

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


def check(
    token: str,
    key_set: Mapping[str, Any],
    status_lists: Mapping[str, str],
    today: date | datetime,
    expected_issuer: str | None = None,
) -> Verdict:
    """The verdict on `token` at `today` (an instant; a day means its first instant, UTC). `key_set` is the labelling
    body's published key set (JWKS): the credential and each status list are verified with the key their own `kid`
    names in it, so a list signed after a key rotation still counts, and both must name the same issuer. With
    `expected_issuer`, a credential of another issuer is `invalid` (the caller asks on behalf of the body whose key
    set it gave). `status_lists` maps each list's URL to its signed list credential; the caller never fetches a URL
    read from a token before `check` has verified it."""
    try:
        credential = verify(token, key_named(token, key_set))
    except CredentialRefused as refusal:
        return Verdict("invalid", reason=str(refusal))
    if "OpenBadgeCredential" not in credential.get("type", ()):
        return Verdict("invalid", reason="The token is not an Open Badges credential.")
    if expected_issuer is not None and _issuer_id(credential) != expected_issuer:
        return Verdict("invalid", reason="The credential was issued by another labelling body.")
    described = _described(credential)
    status = _status(credential, key_set, status_lists)
    now = today if isinstance(today, datetime) else datetime.combine(today, time(0, 0), tzinfo=UTC)
    state, reason = _state(credential, status, now)
    return Verdict(state, **described, reason=reason, credential=credential)


def _state(credential: Mapping[str, Any], status: int | str, now: datetime) -> tuple[State, str]:
    return standing(status, _moment(credential.get("validFrom")), _moment(credential.get("validUntil")), now)


def standing(
    status: int | str, valid_from: datetime | None, valid_until: datetime | None, now: datetime
) -> tuple[State, str]:
    """A signed label's state at `now`, from its status value (or why it could not be read) and its validity: the one
    rule for the public verdict and for what the API tells its professional."""
    if status == REVOKED:
        return "revoked", "The labelling body revoked this label."
    if status == SUSPENDED:
        return "suspended", "The labelling body suspended this label."
    if valid_until is not None and valid_until <= now:
        return "expired", f"The label expired on {valid_until.date()}."
    if valid_from is not None and now < valid_from:
        return "not_yet_valid", f"The label is valid from {timestamp(valid_from)}."
    if isinstance(status, str):
        return "status_unknown", status
    return "valid", ""


def _status(credential: Mapping[str, Any], key_set: Mapping[str, Any], status_lists: Mapping[str, str]) -> int | str:
    """The credential's status value, or why it could not be read: it has exactly one entry (Open Badges 3.0)."""
    entry = credential.get("credentialStatus")
    if not isinstance(entry, dict):
        return "The credential has no single status entry."
    try:
        return _read(entry, credential, key_set, status_lists)
    except (CredentialRefused, StatusListError) as error:
        return f"The status list cannot be read: {error}"


def _read(
    entry: Mapping[str, Any],
    credential: Mapping[str, Any],
    key_set: Mapping[str, Any],
    status_lists: Mapping[str, str],
) -> int:
    url = entry.get("statusListCredential")
    token = status_lists.get(url) if isinstance(url, str) else None
    if token is None:
        raise StatusListError(f"{url} was not given.")
    list_credential = verify(token, key_named(token, key_set))
    if _issuer_id(list_credential) != _issuer_id(credential):
        raise StatusListError("it was published by another issuer.")
    return status_of(entry, list_credential)


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
