"""Commands of the cluster programme. Each names who acts, in which tenant, and what they ask for."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from domain.programme.admission import AdmissionCriteria


@dataclass(frozen=True)
class RegisterOrganisation:
    tenant_id: UUID
    actor_id: UUID
    name: str
    sector: str
    employee_count: int


@dataclass(frozen=True)
class FormCluster:
    tenant_id: UUID
    actor_id: UUID
    name: str
    coach_id: UUID
    planned_start: date | None = None
    planned_end: date | None = None


@dataclass(frozen=True)
class AdmitOrganisation:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    organisation_id: UUID
    criteria: AdmissionCriteria


@dataclass(frozen=True)
class WithdrawMember:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    organisation_id: UUID
    withdrawn_on: date
    reason: str


@dataclass(frozen=True)
class DeclareUnavailability:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    organisation_id: UUID
    starts_on: date
    ends_on: date
    reason: str


@dataclass(frozen=True)
class AcceptPlan:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    starts_on: date
    fingerprint: str | None = None
    """The proposal's fingerprint as shown to the coach; a different proposal now is a conflict."""


@dataclass(frozen=True)
class MoveSession:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    session_key: str
    on: date
    half_day: str
    reason: str


@dataclass(frozen=True)
class StartCluster:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    started_on: date


@dataclass(frozen=True)
class CloseCluster:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    closed_on: date


@dataclass(frozen=True)
class HoldSession:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    session_key: str
    held_on: date
    half_days: int
    attendance: dict[UUID, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class CancelSession:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    session_key: str
    reason: str


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
class AssessGap:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    organisation_id: UUID
    visited_on: date
    analysed_on: date
    clause_levels: dict[str, int]
    theme_levels: dict[str, int]


@dataclass(frozen=True)
class ShareFeedback:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    session_key: str
    organisation_id: UUID
    kind: str
    text: str
    signed_by: str | None = None


@dataclass(frozen=True)
class WithdrawFeedback:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    item_id: UUID
    acting_organisation_id: UUID


@dataclass(frozen=True)
class HideFeedback:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    item_id: UUID
    reason: str
