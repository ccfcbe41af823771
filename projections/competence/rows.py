"""What the competence queries answer: training records, awareness campaigns, their history, and each person's
record (trainings, sessions attended, policies acknowledged and those still to acknowledge)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar
from uuid import UUID

R = TypeVar("R")


@dataclass(frozen=True)
class TrainingRow:
    training_id: UUID
    organisation_id: UUID
    account_id: UUID | None
    person: str
    """The account's display name, or the person named."""
    course: str
    completed_on: date
    provider: str
    evidence: str
    document_id: UUID | None
    document_title: str | None
    withdrawn: bool
    withdrawn_reason: str | None
    recorded_at: datetime


@dataclass(frozen=True)
class CampaignRow:
    campaign_id: UUID
    organisation_id: UUID
    title: str
    held_on: date
    audience: str
    material: str
    participants: tuple[str, ...]
    withdrawn: bool
    withdrawn_reason: str | None
    recorded_at: datetime


@dataclass(frozen=True)
class Page(Generic[R]):
    rows: list[R]
    has_next_page: bool
    total: int


@dataclass(frozen=True)
class HistoryRow:
    action: str
    reason: str | None
    acted_by: str | None
    acted_at: datetime


@dataclass(frozen=True)
class AttendedRow:
    """A session of a cluster the person attended, as the coach recorded the attendance (read, never copied)."""

    cluster_id: UUID
    session_key: str
    title: str
    held_on: date | None


@dataclass(frozen=True)
class AcknowledgedRow:
    document_id: UUID
    title: str
    number: int
    acknowledged_at: datetime


@dataclass(frozen=True)
class PolicyRow:
    """A published version that asks its readers to acknowledge it."""

    document_id: UUID
    title: str
    number: int


@dataclass(frozen=True)
class PersonRow:
    name: str
    account_id: UUID | None
    trainings: tuple[TrainingRow, ...]
    sessions: tuple[AttendedRow, ...]
    campaigns: tuple[str, ...]
    """The titles of the awareness campaigns the person took part in."""
    acknowledged: tuple[AcknowledgedRow, ...]
    missing: tuple[PolicyRow, ...]
    """Published policies asking for acknowledgement that this member account has not acknowledged."""
