"""Commands on an organisation's internal audits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID


@dataclass(frozen=True)
class PlanAuditProgramme:
    """The year's programme: each area a clause (9.2) or control (A.5.15), and the account that owns it."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    year: int
    areas: tuple[tuple[str, UUID], ...]
    objectives: str | None = None


@dataclass(frozen=True)
class ReviseAuditProgramme:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    programme_id: UUID
    areas: tuple[tuple[str, UUID], ...]
    reason: str
    objectives: str | None = None


@dataclass(frozen=True)
class PlanAudit:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    programme_id: UUID
    title: str
    scope: tuple[str, ...]
    criteria: str
    planned_on: date
    auditor_id: UUID


@dataclass(frozen=True)
class RecordAuditFinding:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    audit_id: UUID
    kind: str
    reference: str
    statement: str
    evidence: str


@dataclass(frozen=True)
class RaiseNonconformityFromFinding:
    """A major or minor nonconformity found raises one nonconformity of the register, linked to the finding."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    audit_id: UUID
    finding_id: UUID
    title: str


@dataclass(frozen=True)
class CompleteAudit:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    audit_id: UUID
    held_on: date
    conclusion: str
