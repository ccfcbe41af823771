"""What the nonconformity register's queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID


@dataclass(frozen=True)
class NonconformityRow:
    nonconformity_id: UUID
    organisation_id: UUID
    title: str
    sort_title: str
    description: str
    severity: str
    source_kind: str
    source_reference: str | None
    status: str
    root_cause: str | None
    correction: str | None
    actions: int
    earliest_due_on: date | None
    raised_at: datetime
    closed_at: datetime | None


@dataclass(frozen=True)
class NonconformityPageRows:
    rows: list[NonconformityRow]
    has_next_page: bool
    total: int


@dataclass(frozen=True)
class CorrectiveActionRow:
    action_id: UUID
    nonconformity_id: UUID
    organisation_id: UUID
    description: str
    owner_id: UUID
    owner_name: str | None
    due_on: date
    completed_on: date | None
    completion_note: str | None
    verified_by: UUID | None
    verifier_name: str | None
    effective: bool | None
    verification_evidence: str | None


@dataclass(frozen=True)
class NonconformityEventRow:
    action: str
    details: str
    acted_by: str | None
    acted_at: datetime
