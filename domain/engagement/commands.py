"""Commands on one member's engagement in a cluster: coaching, its ceiling, outcomes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID


@dataclass(frozen=True)
class LogCoachingHalfDay:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    organisation_id: UUID
    held_on: date
    coach_id: UUID
    work_done: str
    next_steps: str = ""
    module_number: int | None = None


@dataclass(frozen=True)
class RaiseCoachingCeiling:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    organisation_id: UUID
    additional_half_days: int
    reason: str


@dataclass(frozen=True)
class RecordIsmsEstablished:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    organisation_id: UUID
    established_on: date


@dataclass(frozen=True)
class PlanCertificationAudit:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    organisation_id: UUID
    audit_on: date
    certification_body: str


@dataclass(frozen=True)
class RecordCertified:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    organisation_id: UUID
    certified_on: date
    certificate_reference: str


@dataclass(frozen=True)
class CorrectCoachingEntry:
    """Corrects an entry of the coaching ledger, saying why; the ledger keeps what it said before."""

    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    organisation_id: UUID
    entry_number: int
    held_on: date
    work_done: str
    reason: str
    next_steps: str = ""


@dataclass(frozen=True)
class VoidCoachingEntry:
    """Voids an entry logged by mistake, saying why: it no longer counts, and the ledger still shows it."""

    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    organisation_id: UUID
    entry_number: int
    reason: str
