"""Commands on a cluster: its members, its plan, its sessions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from domain.clusters.admission import AdmissionCriteria


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
    on_day_off: bool = False
    """Confirms a move onto a weekend or a public holiday of a member concerned."""


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
class RetractUnavailability:
    """Corrects a declaration made by mistake: the period from `starts_on` no longer counts."""

    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    organisation_id: UUID
    starts_on: date
    reason: str


@dataclass(frozen=True)
class UndoSessionHeld:
    """Corrects a session recorded as held by mistake: it is planned again."""

    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    session_key: str
    reason: str


@dataclass(frozen=True)
class RestoreSession:
    """Corrects a cancellation made by mistake: the session is planned again at its date."""

    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    session_key: str
    reason: str


@dataclass(frozen=True)
class ChangeClusterDetails:
    """Rename the cluster and/or hand it to another coach of the consultancy, with a reason."""

    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    name: str
    coach_id: UUID
    reason: str
