"""What the credentials' queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID


@dataclass(frozen=True)
class CountedMissionRow:
    mission_id: UUID
    ended_on: date
    coaching_days: float


@dataclass(frozen=True)
class CredentialRow:
    """A credential's statement, as issued or last reissued, and its status entry."""

    body_id: UUID
    credential_id: UUID
    professional_id: UUID
    name: str
    scheme_version: int
    training_title: str
    training_provider: str
    trained_on: date
    exam_passed_on: date
    evaluated_on: date
    results: dict[str, str]
    awarded_on: date
    valid_from: date
    valid_until: date
    status_list: int
    status_index: int
    status: str
    """`valid`, `suspended` or `revoked`: what its status entry says (expiry is the credential's own date)."""
    missions: tuple[CountedMissionRow, ...]
