"""Commands of the cluster programme. Each names who acts, in which tenant, and what they ask for."""

from __future__ import annotations

from dataclasses import dataclass
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
class StartCluster:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    started_on: date


@dataclass(frozen=True)
class LogCoachingHalfDay:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    organisation_id: UUID
    held_on: date
    coach_id: UUID
    topic: str
    notes: str = ""
