"""What the internal audits' queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID


@dataclass(frozen=True)
class AreaRow:
    reference: str
    owner_id: UUID
    owner_name: str | None


@dataclass(frozen=True)
class ProgrammeRow:
    programme_id: UUID
    organisation_id: UUID
    year: int
    objectives: str
    planned_at: datetime
    areas: tuple[AreaRow, ...]


@dataclass(frozen=True)
class AuditRow:
    audit_id: UUID
    organisation_id: UUID
    programme_id: UUID
    year: int
    title: str
    scope: str
    criteria: str
    planned_on: date
    auditor_id: UUID
    auditor_name: str | None
    status: str
    held_on: date | None
    conclusion: str | None
    findings: int
    nonconformities: int
    sort_title: str


@dataclass(frozen=True)
class AuditPageRows:
    rows: list[AuditRow]
    has_next_page: bool
    total: int


@dataclass(frozen=True)
class FindingRow:
    finding_id: UUID
    audit_id: UUID
    kind: str
    reference: str
    statement: str
    evidence: str
    nonconformity_id: UUID | None
    recorded_at: datetime


@dataclass(frozen=True)
class AuditEventRow:
    action: str
    details: str
    acted_by: str | None
    acted_at: datetime
