"""A labelling body's credentials as it publishes them: each built from what its issuing events state (the read
model's row), signed on request with the body's key; the body's key set and status lists; and the verdict its
public verification page shows, reached with the same `verification.check` any verifier runs.

Nothing here fetches a URL: a token's status list is served from the body's own rows, and only once the token is
verified and names one of this body's own lists.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from uuid import UUID

from backend.credentials.openbadges import (
    CATEGORIES,
    OB_CONTEXT,
    PASSING_RATING,
    Achievement,
    CategoryResult,
    Issuer,
    LabelCredential,
    StatusEntry,
    Subject,
    achievement_json,
    counted_mission_evidence,
    exam_evidence,
    expiry_instant,
    first_mission_evidence,
    open_badge,
    professional_uri,
    training_evidence,
)
from backend.credentials.signing import CredentialRefused, SigningKey, configured_key, jwks, key_named, sign, verify
from backend.credentials.status_list import REVOKED, SUSPENDED, VALID, Bitstring, status_list_credential
from backend.credentials.verification import State, Verdict, check, standing
from projections.credentials.rows import CredentialRow

ACHIEVEMENT_NAME = "ISMS cluster coach"
ACHIEVEMENT_DESCRIPTION = (
    "Accompanies small organisations, in clusters, through the establishment of an information security management "
    "system (ISO/IEC 27001)."
)
STATUS_VALUES = {"valid": VALID, "suspended": SUSPENDED, "revoked": REVOKED}
"""The read model's statuses as the status list's values."""


class LabelKeyMissing(Exception):
    """In production, a labelling body whose key is not configured signs nothing: no key is ever generated there."""


@dataclass(frozen=True)
class PublishedBody:
    """A labelling body and where it publishes: everything under `<base_url>/labels/<slug>`."""

    id: UUID
    slug: str
    name: str
    base_url: str

    @property
    def issuer_id(self) -> str:
        return f"{self.base_url}/labels/{self.slug}"

    @property
    def issuer_profile(self) -> dict[str, Any]:
        """The body's Open Badges profile, as served at its issuer id."""
        return {"id": self.issuer_id, "type": ["Profile"], "name": self.name}

    @property
    def jwks_url(self) -> str:
        return f"{self.issuer_id}/jwks.json"

    @property
    def issuer(self) -> Issuer:
        return Issuer(self.issuer_id, self.name)

    def status_list_url(self, number: int) -> str:
        return f"{self.issuer_id}/status/{number}"

    def credential_url(self, credential_id: UUID) -> str:
        return f"{self.issuer_id}/credentials/{credential_id}"

    def status_list_number(self, url: object) -> int | None:
        """The number of one of this body's own lists at `url`, or None for any other address."""
        prefix = self.status_list_url(0)[:-1]
        if not isinstance(url, str) or not url.startswith(prefix):
            return None
        number = url[len(prefix) :]
        return int(number) if number.isascii() and number.isdecimal() and len(number) < 10 else None


@dataclass
class LabelKeys:
    """Each body's keys, read once per process: the ones configured for its slug (the current one first, which
    signs, then the retired ones, still published so that what they signed still verifies) or, outside production,
    the one generated once into the data folder."""

    configured: Mapping[str, Sequence[bytes]]
    data_dir: Path
    production: bool
    _keys: dict[str, tuple[SigningKey, ...]] = field(default_factory=dict)

    def keys(self, body: PublishedBody) -> tuple[SigningKey, ...]:
        if body.slug not in self._keys:
            raw = tuple(self.configured.get(body.slug, ()))
            if not raw and self.production:
                raise LabelKeyMissing(f"No signing key is configured for the labelling body {body.slug!r}.")
            self._keys[body.slug] = tuple(
                configured_key(body.slug, key, self.data_dir, body.jwks_url) for key in raw or (None,)
            )
        return self._keys[body.slug]

    def key(self, body: PublishedBody) -> SigningKey:
        """The body's current key: the one that signs."""
        return self.keys(body)[0]

    def key_set(self, body: PublishedBody) -> dict[str, Any]:
        """The body's published key set: the current key first, then the retired ones."""
        return jwks(*self.keys(body))


def _instant(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def published_achievement(body: PublishedBody) -> dict[str, Any]:
    """The label's achievement at its id, as every credential of the body states it but for what varies with the
    scheme's version (the criteria's training and version): the name, the description, the four categories."""
    criteria = (
        "Attended the scheme's training, passed the exam, and was evaluated by another coach on a first mission on "
        "every requirement of the four categories."
    )
    achievement = Achievement(f"{body.issuer_id}/label", ACHIEVEMENT_NAME, ACHIEVEMENT_DESCRIPTION, criteria, "")
    results = [
        CategoryResult(key, f"Evaluated on the scheme's requirements of {name.lower()}.", PASSING_RATING)
        for key, name in CATEGORIES.items()
    ]
    served = {"@context": [OB_CONTEXT], **achievement_json(achievement, results), "creator": body.issuer_profile}
    del served["version"]  # each credential states the version of the scheme it was granted under
    return served


def row_standing(row: CredentialRow, today: date) -> State:
    """The state a verifier would find for the row's credential on `today` (from its first instant, UTC): its status
    entry, then its validity, by the public verdict's own rule."""
    state, _ = standing(
        STATUS_VALUES[row.status], _instant(row.valid_from), expiry_instant(row.valid_until), _instant(today)
    )
    return state


def label_credential(body: PublishedBody, row: CredentialRow) -> LabelCredential:
    """The credential of a row: what its issuing events stated, at this body's addresses."""
    criteria = (
        f"Attended the training {row.training_title!r}, passed the exam, and was evaluated by another coach on a "
        f"first mission on every requirement of the four categories of version {row.scheme_version} of the scheme."
    )
    return LabelCredential(
        id=body.credential_url(row.credential_id),
        issuer=body.issuer,
        subject=Subject(professional_uri(row.professional_id), row.name),
        achievement=Achievement(
            f"{body.issuer_id}/label", ACHIEVEMENT_NAME, ACHIEVEMENT_DESCRIPTION, criteria, str(row.scheme_version)
        ),
        results=tuple(
            CategoryResult(key, f"Evaluated on the scheme's requirements of {name.lower()}.", row.results[key])
            for key, name in CATEGORIES.items()
        ),
        evidence=(
            training_evidence(row.trained_on, row.training_provider),
            exam_evidence(row.exam_passed_on),
            first_mission_evidence(row.evaluated_on),
            *(counted_mission_evidence(f"urn:uuid:{m.mission_id}", m.ended_on, m.coaching_days) for m in row.missions),
        ),
        awarded=_instant(row.awarded_on),
        valid_from=_instant(row.valid_from),
        valid_until=expiry_instant(row.valid_until),
        status=StatusEntry(body.status_list_url(row.status_list), row.status_index),
    )


def signed_credential(body: PublishedBody, row: CredentialRow, key: SigningKey) -> str:
    return sign(open_badge(label_credential(body, row)), key)


def signed_status_list(
    body: PublishedBody, number: int, entries: Mapping[int, str], key: SigningKey, now: datetime
) -> str:
    """The list as it stands now: each credential's entry holding its status."""
    bits = Bitstring()
    for index, status in sorted(entries.items()):
        if STATUS_VALUES[status] != VALID:
            bits = bits.with_status(index, STATUS_VALUES[status])
    return sign(status_list_credential(body.status_list_url(number), body.issuer, bits, now), key)


def verdict(
    body: PublishedBody,
    token: str,
    keys: Sequence[SigningKey],
    entries_of: Callable[[int], Mapping[int, str] | None],
    now: datetime,
) -> Verdict:
    """The verdict on a token, as the body's own verifier gives it: verified with the body's key set (its current key
    first, then the retired ones), its status read from the body's own list, signed with the current key and built
    only once the token's signature holds."""
    key, key_set = keys[0], jwks(*keys)
    lists: dict[str, str] = {}
    try:
        credential = verify(token, key_named(token, key_set))
    except CredentialRefused:
        credential = None
    entry = credential.get("credentialStatus") if credential else None
    url = entry.get("statusListCredential") if isinstance(entry, dict) else None
    number = body.status_list_number(url)
    entries = entries_of(number) if number is not None else None
    if number is not None and isinstance(url, str):
        lists[url] = signed_status_list(body, number, entries or {}, key, now)
    return check(token, key_set, lists, now, expected_issuer=body.issuer_id)
