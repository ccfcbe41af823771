"""Commands on an organisation's nonconformities and corrective actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID


@dataclass(frozen=True)
class RaiseNonconformity:
    """Found in an audit, an incident, a management review or by anyone (`other`); `source_reference` names the
    source (its id, a ticket) when there is one."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    title: str
    description: str
    severity: str
    source_kind: str
    source_reference: str | None = None


@dataclass(frozen=True)
class AnalyseNonconformity:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    nonconformity_id: UUID
    root_cause: str
    correction: str | None = None


@dataclass(frozen=True)
class PlanCorrectiveAction:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    nonconformity_id: UUID
    description: str
    owner_id: UUID
    due_on: date


@dataclass(frozen=True)
class CompleteCorrectiveAction:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    nonconformity_id: UUID
    action_id: UUID
    completed_on: date
    note: str | None = None


@dataclass(frozen=True)
class VerifyActionEffectiveness:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    nonconformity_id: UUID
    action_id: UUID
    effective: bool
    evidence: str


@dataclass(frozen=True)
class CloseNonconformity:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    nonconformity_id: UUID
    note: str | None = None
