"""What the change log's queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID


@dataclass(frozen=True)
class ChangeRow:
    change_id: UUID
    organisation_id: UUID
    number: int
    owner_id: UUID
    owner_name: str | None
    initiator: str
    cause: str
    ticket: str
    hostname: str
    description: str
    configuration: str
    category: str
    risk: str
    standard_change_id: str | None
    standard_change_title: str | None
    approver_id: UUID | None
    approver_name: str | None
    approved_on: date | None
    scheduled_for: date | None
    fallback: str | None
    executed_on: date | None
    succeeded: bool | None
    execution_notes: str | None
    status: str
    consent_count: int
    filed_on: date


@dataclass(frozen=True)
class ChangePageRows:
    rows: list[ChangeRow]
    has_next_page: bool
    total: int


@dataclass(frozen=True)
class ChangeEventRow:
    version: int
    action: str
    details: str
    acted_by: UUID
    actor_name: str | None
    acted_at: datetime


@dataclass(frozen=True)
class ConsentRow:
    member_id: UUID
    name: str | None
    consented_on: date


@dataclass(frozen=True)
class BoardMemberRow:
    member_id: UUID
    name: str | None


@dataclass(frozen=True)
class StandardChangeRow:
    standard_change_id: str
    title: str
    procedure: str
