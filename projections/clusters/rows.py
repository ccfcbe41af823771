"""What the cluster queries answer: clusters, their members, the plan's sessions, attendance, unavailability."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from domain.clusters.rules import is_active_member
from projections.organisations.rows import OrganisationRow


@dataclass(frozen=True)
class ClusterRow:
    cluster_id: UUID
    name: str
    coach_id: UUID
    coach_name: str
    status: str
    planned_start: date | None
    planned_end: date | None
    started_on: date | None
    member_count: int
    plan_starts_on: date | None = None
    closed_on: date | None = None
    template: dict[str, Any] | None = None


@dataclass(frozen=True)
class MemberRow:
    cluster_id: UUID
    organisation: OrganisationRow
    evidence_small_enterprise: str
    evidence_management_commitment: str
    evidence_resources_available: str
    admitted_at: datetime
    coaching_half_days_used: int
    coaching_half_days_ceiling: int
    outcome: str = "in_progress"
    withdrawn_on: date | None = None
    withdrawal_reason: str | None = None
    established_on: date | None = None
    audit_on: date | None = None
    certification_body: str | None = None
    certified_on: date | None = None
    certificate_reference: str | None = None

    @property
    def active(self) -> bool:
        """The domain's one definition of an active member (`domain/clusters/rules.py`)."""
        return is_active_member(self.withdrawn_on is not None)


@dataclass(frozen=True)
class SessionRow:
    key: str
    kind: str
    title: str
    module_number: int | None
    organisation_id: UUID | None
    scheduled_on: date
    half_day: str
    half_days: int
    status: str
    held_on: date | None
    held_half_days: int | None
    cancellation_reason: str | None


@dataclass(frozen=True)
class SessionMoveRow:
    moved_at: datetime
    from_on: date
    to_on: date
    reason: str


@dataclass(frozen=True)
class AttendanceRow:
    organisation_id: UUID
    organisation_name: str
    attendees: tuple[str, ...]


@dataclass(frozen=True)
class UnavailabilityRow:
    organisation_id: UUID
    organisation_name: str
    starts_on: date
    ends_on: date
    reason: str


@dataclass(frozen=True)
class SessionHistoryRow:
    """One step of a session's history: planned, moved, held, held_undone, cancelled or restored."""

    action: str
    on: date | None
    reason: str | None
    acted_by: str | None
    """The account's name; none for the system (the demo, an import)."""
    acted_at: datetime


@dataclass(frozen=True)
class RetractionRow:
    """A period of unavailability retracted as declared by mistake: it no longer counts."""

    organisation_id: UUID
    organisation_name: str
    starts_on: date
    ends_on: date
    reason: str
    retracted_by: str | None
    retracted_at: datetime
