"""Commands on an organisation's change log, its Change Advisory Board and its catalogue of standard changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID


@dataclass(frozen=True)
class NameChangeAdvisoryBoard:
    """The board's members, all at once: member accounts of the organisation."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    member_ids: tuple[UUID, ...]


@dataclass(frozen=True)
class DefineStandardChange:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    title: str
    procedure: str


@dataclass(frozen=True)
class FileChange:
    """A change for the log; `standard_change_id` names the catalogue entry of a standard change (of no other)."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    owner_id: UUID
    initiator: str
    hostname: str
    description: str
    category: str
    risk: str
    cause: str | None = None
    ticket: str | None = None
    configuration: str | None = None
    standard_change_id: UUID | None = None


@dataclass(frozen=True)
class ApproveChange:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    change_id: UUID


@dataclass(frozen=True)
class ConsentToChange:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    change_id: UUID


@dataclass(frozen=True)
class ScheduleChange:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    change_id: UUID
    scheduled_for: date
    fallback: str


@dataclass(frozen=True)
class RecordChangeExecution:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    change_id: UUID
    executed_on: date
    succeeded: bool
    notes: str | None = None
