"""A granted label as an Open Badges 3.0 credential (`OpenBadgeCredential`, a W3C Verifiable Credential of the Data
Model 2.0), built from plain data: who grants it, to whom, for what, on what evidence, how long, and where its
revocation and suspension bits are published. Nothing is added that the caller did not give;
`docs/labels-credentials.md` says which parts of Open Badges 3.0 are followed and which are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CONTEXTS = (VC_CONTEXT, OB_CONTEXT)
CREDENTIAL_TYPES = ("VerifiableCredential", "OpenBadgeCredential")

CATEGORIES: Mapping[str, str] = {
    "gap_analysis": "Gap analysis",
    "risk_management": "Risk management",
    "management_system": "Management system procedures",
    "security_policies": "Security policies and procedures",
}
"""The scheme's four evaluation categories, by key, in the scheme paper's order."""

REVOCATION, SUSPENSION = "revocation", "suspension"
STATUS_PURPOSES = (REVOCATION, SUSPENSION)


class CredentialDataError(ValueError):
    """The data cannot make a credential; the message names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True)
class Issuer:
    """The labelling body, as its Open Badges profile."""

    id: str
    """A URL of the labelling body (its public page), the JWT's `iss`."""
    name: str


@dataclass(frozen=True)
class Subject:
    """The labelled professional."""

    id: str
    """A URI for the professional: `professional_uri(professional_id)`, the JWT's `sub`."""
    name: str
    """Shown to whoever verifies the credential: the credential says for whom it stands."""


@dataclass(frozen=True)
class CategoryResult:
    """One of the four categories: the rating scale the scheme sets, the rating required and the rating achieved."""

    key: str
    """One of `CATEGORIES`."""
    description: str
    scale: tuple[str, ...]
    """The ratings, lowest first."""
    required: str
    achieved: str


@dataclass(frozen=True)
class Achievement:
    """The label itself, as the scheme defines it (the same for every professional holding it)."""

    id: str
    """A URL of the label's public description."""
    name: str
    description: str
    criteria: str
    """What it takes: training, exam, first-mission evaluation, in words."""
    version: str
    """The version of the evaluation requirements the professional was evaluated on."""


@dataclass(frozen=True)
class Evidence:
    """One fact the label rests on, in words a verifier can read; never confidential (no client's ISMS content)."""

    id: str | None
    """A URI for the fact, when it has one."""
    name: str
    narrative: str
    genre: str
    """What kind of fact: `Training`, `Exam` or `Mission`."""


@dataclass(frozen=True)
class StatusEntry:
    """Where the credential's bit is, in one of the labelling body's status lists."""

    purpose: str
    """`revocation` or `suspension`."""
    list_url: str
    """The URL the `BitstringStatusListCredential` is published at."""
    index: int


@dataclass(frozen=True)
class LabelCredential:
    """Everything the credential says."""

    id: str
    """A URI for this credential; it stays the same when a renewal reissues it (a later `validFrom` supersedes)."""
    issuer: Issuer
    subject: Subject
    achievement: Achievement
    results: tuple[CategoryResult, ...]
    evidence: tuple[Evidence, ...]
    awarded: datetime
    """When the label was first granted."""
    valid_from: datetime
    """When this credential was issued (the grant or the latest renewal)."""
    valid_until: datetime
    """The label's expiry: see `expiry_instant`."""
    status: tuple[StatusEntry, ...]


def professional_uri(professional_id: UUID) -> str:
    """The subject's id: a UUID URN of the professional's one identity. It names no consultancy and no host, so it stays
    the same whichever consultancy they coach for and wherever the service is moved; it reveals nothing by itself."""
    return f"urn:uuid:{professional_id}"


def expiry_instant(expires_on: date) -> datetime:
    """A label expiring on a day is valid through the day before: `validUntil` is that day's first instant (UTC)."""
    return datetime.combine(expires_on, time(0, 0), tzinfo=UTC)


def timestamp(moment: datetime) -> str:
    """An XML Schema dateTimeStamp in UTC to the second, as `validFrom` and `validUntil` are written."""
    if moment.tzinfo is None:
        raise CredentialDataError("datetime", "must carry a time zone.")
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def open_badge(label: LabelCredential) -> dict[str, Any]:
    """The credential as JSON (the JWT payload before its registered claims)."""
    _check(label)
    return {
        "@context": list(CONTEXTS),
        "id": label.id,
        "type": list(CREDENTIAL_TYPES),
        "issuer": {"id": label.issuer.id, "type": ["Profile"], "name": label.issuer.name},
        "name": label.achievement.name,
        "validFrom": timestamp(label.valid_from),
        "validUntil": timestamp(label.valid_until),
        "awardedDate": timestamp(label.awarded),
        "credentialSubject": _subject(label),
        "evidence": [_evidence(item) for item in label.evidence],
        "credentialStatus": [_status(entry) for entry in label.status],
    }


def subject_name(credential: Mapping[str, Any]) -> str | None:
    """The name a credential gives its subject (its plain-text `name` identity), if any."""
    subject = credential.get("credentialSubject")
    identities = subject.get("identifier") if isinstance(subject, dict) else None
    for identity in identities if isinstance(identities, list) else []:
        if isinstance(identity, dict) and identity.get("identityType") == "name" and identity.get("hashed") is False:
            name = identity.get("identityHash")
            return name if isinstance(name, str) else None
    return None


def _subject(label: LabelCredential) -> dict[str, Any]:
    return {
        "id": label.subject.id,
        "type": ["AchievementSubject"],
        "identifier": [
            {"type": "IdentityObject", "identityType": "name", "hashed": False, "identityHash": label.subject.name}
        ],
        "achievement": _achievement(label),
        "result": [_result(label.achievement, result) for result in _in_scheme_order(label)],
    }


def _in_scheme_order(label: LabelCredential) -> list[CategoryResult]:
    order = list(CATEGORIES)
    return sorted(label.results, key=lambda result: order.index(result.key))


def _achievement(label: LabelCredential) -> dict[str, Any]:
    achievement = label.achievement
    return {
        "id": achievement.id,
        "type": ["Achievement"],
        "achievementType": "Certification",
        "name": achievement.name,
        "description": achievement.description,
        "criteria": {"narrative": achievement.criteria},
        "version": achievement.version,
        "resultDescription": [_result_description(achievement, result) for result in _in_scheme_order(label)],
    }


def _result_description(achievement: Achievement, result: CategoryResult) -> dict[str, Any]:
    return {
        "id": _result_description_id(achievement, result),
        "type": ["ResultDescription"],
        "name": CATEGORIES[result.key],
        "description": result.description,
        "resultType": "PerformanceLevel",
        "allowedValue": list(result.scale),
        "requiredValue": result.required,
    }


def _result(achievement: Achievement, result: CategoryResult) -> dict[str, Any]:
    return {
        "type": ["Result"],
        "resultDescription": _result_description_id(achievement, result),
        "value": result.achieved,
    }


def _result_description_id(achievement: Achievement, result: CategoryResult) -> str:
    return f"{achievement.id}#{result.key}"


def _evidence(item: Evidence) -> dict[str, Any]:
    described = {"type": ["Evidence"], "name": item.name, "narrative": item.narrative, "genre": item.genre}
    return {"id": item.id, **described} if item.id else described


def _status(entry: StatusEntry) -> dict[str, Any]:
    return {
        "id": f"{entry.list_url}#{entry.index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": entry.purpose,
        "statusListIndex": str(entry.index),
        "statusListCredential": entry.list_url,
    }


def _check(label: LabelCredential) -> None:
    for field, uri in (
        ("id", label.id),
        ("issuer.id", label.issuer.id),
        ("subject.id", label.subject.id),
        ("achievement.id", label.achievement.id),
    ):
        _check_uri(field, uri)
    for field, text in (("issuer.name", label.issuer.name), ("subject.name", label.subject.name)):
        if not text.strip():
            raise CredentialDataError(field, "is required.")
    _check_results(label.results)
    _check_status(label.status)
    for field, moment in (
        ("awarded", label.awarded),
        ("valid_from", label.valid_from),
        ("valid_until", label.valid_until),
    ):
        if moment.tzinfo is None:
            raise CredentialDataError(field, "must carry a time zone.")
    if label.valid_until <= label.valid_from:
        raise CredentialDataError("valid_until", "must come after valid_from.")


def _check_results(results: tuple[CategoryResult, ...]) -> None:
    if sorted(result.key for result in results) != sorted(CATEGORIES):
        raise CredentialDataError("results", f"must be one for each category: {', '.join(CATEGORIES)}.")
    for result in results:
        if result.required not in result.scale or result.achieved not in result.scale:
            raise CredentialDataError(f"results.{result.key}", "ratings must be on the category's scale.")


def _check_status(status: tuple[StatusEntry, ...]) -> None:
    if sorted(entry.purpose for entry in status) != sorted(STATUS_PURPOSES):
        raise CredentialDataError("status", "must be one revocation entry and one suspension entry.")
    for entry in status:
        _check_uri(f"status.{entry.purpose}", entry.list_url)
        if entry.index < 0:
            raise CredentialDataError(f"status.{entry.purpose}", "index must not be negative.")


def _check_uri(field: str, value: str) -> None:
    parts = urlsplit(value)
    if not parts.scheme or not (parts.netloc or parts.path) or any(c.isspace() for c in value):
        raise CredentialDataError(field, "must be a URI.")


def training_evidence(attended_on: date, provider: str) -> Evidence:
    """The training, as a verifier may read it: when and with whom, nothing of what was said."""
    return Evidence(None, "Training", f"Attended the label's training with {provider}, on {attended_on}.", "Training")


def exam_evidence(passed_on: date) -> Evidence:
    """The exam: passed, and when; the score and the attempts stay with the labelling body."""
    return Evidence(None, "Exam", f"Passed the label's exam on {passed_on}.", "Exam")


@dataclass(frozen=True)
class Mission:
    """A mission the consultancy attested, as the portfolio holds it (the organisation is never named)."""

    uri: str
    consultancy: str
    sector: str
    size_band: str
    """Employees, as a band (`10-49`)."""
    started_on: date
    ended_on: date
    coaching_days: float
    training_days: float


def mission_evidence(mission: Mission) -> Evidence:
    """A mission: for whom, what kind of organisation, when, how much; never its ISMS."""
    narrative = (
        f"Coached for {mission.consultancy} an organisation of {mission.size_band} employees in {mission.sector}, "
        f"from {mission.started_on} to {mission.ended_on}: {mission.coaching_days:g} days of coaching "
        f"and {mission.training_days:g} days of training."
    )
    return Evidence(mission.uri, "Mission", narrative, "Mission")
