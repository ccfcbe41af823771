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

RATINGS = ("not_met", "partially", "meets")
"""The domain's ratings of a requirement (`domain/labels/rules.py`), lowest first: a category's result is the lowest
rating among its requirements, on this scale."""
PASSING_RATING = "partially"
"""A category passes when none of its requirements is `not_met`, that is when its lowest rating is at least this one."""

STATUS_PURPOSE = "message"
STATUS_SIZE = 2
STATUS_MESSAGES = (("0x0", "valid"), ("0x1", "suspended"), ("0x2", "revoked"), ("0x3", "revoked"))
"""One status entry (Open Badges 3.0 allows at most one `credentialStatus`) of two bits: the Bitstring Status List's
`message` purpose, each value spelt out (the specification wants 2^statusSize messages)."""


def status_messages() -> list[dict[str, str]]:
    return [{"status": status, "message": message} for status, message in STATUS_MESSAGES]


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
    achieved: str
    """The lowest rating among the category's requirements, one of `RATINGS`; at least `required`."""
    scale: tuple[str, ...] = RATINGS
    """The ratings, lowest first."""
    required: str = PASSING_RATING


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
    """Where the credential's two status bits are, in one of the labelling body's status lists."""

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
    status: StatusEntry


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
        "credentialStatus": _status(label.status),
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
    return achievement_json(label.achievement, _in_scheme_order(label))


def achievement_json(achievement: Achievement, results: list[CategoryResult]) -> dict[str, Any]:
    """The achievement as a credential states it, with the description of each category's result."""
    return {
        "id": achievement.id,
        "type": ["Achievement"],
        "achievementType": "Certification",
        "name": achievement.name,
        "description": achievement.description,
        "criteria": {"narrative": achievement.criteria},
        "version": achievement.version,
        "resultDescription": [_result_description(achievement, result) for result in results],
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
        "statusPurpose": STATUS_PURPOSE,
        "statusListIndex": str(entry.index),
        "statusSize": STATUS_SIZE,
        "statusMessage": status_messages(),
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
    _check_evidence(label.evidence)
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
        if result.scale.index(result.achieved) < result.scale.index(result.required):
            raise CredentialDataError(f"results.{result.key}", "a failed category cannot be part of a label.")


GENRES = ("Training", "Exam", "Mission")
"""The evidence a label rests on: the training, the exam, and at least one mission."""


def _check_evidence(evidence: tuple[Evidence, ...]) -> None:
    genres = {item.genre for item in evidence}
    for genre in GENRES:
        if genre not in genres:
            raise CredentialDataError("evidence", f"must hold the {genre.lower()} evidence.")


def _check_status(entry: StatusEntry) -> None:
    _check_uri("status", entry.list_url)
    if entry.index < 0:
        raise CredentialDataError("status", "index must not be negative.")


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


SIZE_BANDS: Mapping[str, str] = {
    "micro": "a micro organisation (fewer than 10 employees)",
    "small": "a small organisation (10 to 49 employees)",
    "medium": "a medium-sized organisation (50 to 249 employees)",
    "large": "a large organisation (250 employees or more)",
}
"""The domain's size bands (`domain/labels/missions.py` `SizeBand`, the European Commission's), in words."""


@dataclass(frozen=True)
class Mission:
    """A mission the consultancy attested, as the portfolio holds it (the organisation is never named)."""

    uri: str
    consultancy: str
    sector: str
    size_band: str
    """The domain's `SizeBand` value: `micro`, `small`, `medium` or `large`."""
    started_on: date
    ended_on: date
    coaching_days: float
    training_days: float


def mission_evidence(mission: Mission) -> Evidence:
    """A mission: for whom, what kind of organisation, when, how much; never its ISMS."""
    if mission.size_band not in SIZE_BANDS:
        raise CredentialDataError("mission.size_band", f"must be one of {', '.join(SIZE_BANDS)}.")
    narrative = (
        f"Coached for {mission.consultancy} {SIZE_BANDS[mission.size_band]} in {mission.sector}, "
        f"from {mission.started_on} to {mission.ended_on}: {mission.coaching_days:g} days of coaching "
        f"and {mission.training_days:g} days of training."
    )
    return Evidence(mission.uri, "Mission", narrative, "Mission")


def first_mission_evidence(evaluated_on: date) -> Evidence:
    """The first mission, as the grant rests on it: evaluated by another coach, and when; not the mission's name
    (the labelling body's note, which may name the organisation), not the ratings' comments."""
    narrative = (
        "Evaluated by another coach on a first mission, on every requirement of the four categories, on "
        f"{evaluated_on}."
    )
    return Evidence(None, "First mission", narrative, "Mission")


def counted_mission_evidence(uri: str, ended_on: date, coaching_days: float) -> Evidence:
    """A mission a renewal counted, as the renewal was given it: attested by a consultancy, when it ended, its days
    of coaching; never the organisation."""
    narrative = (
        f"Coached a mission a consultancy attested, ended on {ended_on}: {coaching_days:g} days of coaching, counted "
        "for the label's renewal."
    )
    return Evidence(uri, "Mission", narrative, "Mission")
