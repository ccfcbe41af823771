"""A cluster: a few organisations establishing their ISMS together, led by a coach."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import event

from domain.programme.admission import AdmissionCriteria
from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.errors import ValidationFailed
from domain.shared.text import bounded_text, natural_key, ordered_period, required_text

MINIMUM_MEMBERS_TO_START = 2
"""The paper's own experiment ran with two; fewer is not a cluster."""

RECOMMENDED_MINIMUM_MEMBERS = 3
"""Below three members, anonymised comparisons cannot hide who is who."""

COACHING_CEILING_HALF_DAYS = 28
"""Individual coaching is capped at 14 days per organisation (paper 004, part 3)."""


class ClusterStatus(StrEnum):
    FORMING = "forming"
    RUNNING = "running"


@dataclass
class Member:
    """What the cluster's rules need of a member; the rest (evidence, ledger entries) lives in the events."""

    coaching_half_days_used: int = 0


class Cluster(TenantAggregate):
    @classmethod
    def form(
        cls,
        tenant_id: UUID,
        actor_id: UUID,
        name: str,
        coach_id: UUID,
        planned_start: date | None = None,
        planned_end: date | None = None,
    ) -> Cluster:
        ordered_period("planned_start", planned_start, "planned_end", planned_end)
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            name=required_text("name", name),
            coach_id=coach_id,
            planned_start=planned_start,
            planned_end=planned_end,
        )

    @staticmethod
    def create_id(
        tenant_id: UUID,
        actor_id: UUID,
        name: str,
        coach_id: UUID,
        planned_start: date | None,
        planned_end: date | None,
    ) -> UUID:
        return cluster_id(tenant_id, name)

    @event("Formed")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        name: str,
        coach_id: UUID,
        planned_start: date | None,
        planned_end: date | None,
    ) -> None:
        self.tenant_id = tenant_id
        self.name = name
        self.coach_id = coach_id
        self.status = ClusterStatus.FORMING
        self.started_on: date | None = None
        self.members: dict[UUID, Member] = {}

    # Admission

    def admit(self, actor_id: UUID, organisation_id: UUID, criteria: AdmissionCriteria, size_limit: int | None) -> None:
        """Admits an organisation whose three criteria are evidenced, while the cluster has room for it."""
        self._check_forming("organisation_id", "Organisations join a cluster before it starts.")
        if organisation_id in self.members:
            raise ValidationFailed("organisation_id", "This organisation is already a member of the cluster.")
        self._check_size(size_limit, len(self.members) + 1, "organisation_id")
        criteria.check_all_met()
        self._organisation_admitted(actor_id, organisation_id, criteria.as_evidence())

    @event("OrganisationAdmitted")
    def _organisation_admitted(self, actor_id: UUID, organisation_id: UUID, evidence: dict[str, str]) -> None:
        self.members[organisation_id] = Member()

    # Start

    def start(self, actor_id: UUID, started_on: date, size_limit: int | None) -> None:
        self._check_forming("started_on", "The cluster has already started.")
        if len(self.members) < MINIMUM_MEMBERS_TO_START:
            raise ValidationFailed("members", f"A cluster starts with at least {MINIMUM_MEMBERS_TO_START} members.")
        self._check_size(size_limit, len(self.members), "members")
        self._started(actor_id, started_on)

    @event("Started")
    def _started(self, actor_id: UUID, started_on: date) -> None:
        self.status = ClusterStatus.RUNNING
        self.started_on = started_on

    # Coaching

    def log_coaching_half_day(
        self, actor_id: UUID, organisation_id: UUID, held_on: date, coach_id: UUID, topic: str, notes: str
    ) -> None:
        """Logs one half-day of individual coaching, refused past the organisation's ceiling."""
        member = self._member("organisation_id", organisation_id)
        if self.status is not ClusterStatus.RUNNING or self.started_on is None:
            raise ValidationFailed("organisation_id", "Coaching is logged once the cluster has started.")
        if held_on < self.started_on:
            raise ValidationFailed("held_on", f"Cannot be before the cluster started ({self.started_on}).")
        if member.coaching_half_days_used >= COACHING_CEILING_HALF_DAYS:
            raise ValidationFailed(
                "organisation_id",
                f"The coaching ceiling of {COACHING_CEILING_HALF_DAYS} half-days is reached for this organisation.",
            )
        self._coaching_half_day_logged(
            actor_id,
            organisation_id,
            member.coaching_half_days_used + 1,
            held_on,
            coach_id,
            required_text("topic", topic),
            bounded_text("notes", notes),
        )

    @event("CoachingHalfDayLogged")
    def _coaching_half_day_logged(
        self,
        actor_id: UUID,
        organisation_id: UUID,
        entry_number: int,
        held_on: date,
        coach_id: UUID,
        topic: str,
        notes: str,
    ) -> None:
        """`entry_number` counts the member's half-days from 1, so the ledger reads "half-day 12 of 28"."""
        self.members[organisation_id].coaching_half_days_used = entry_number

    # Guards

    def _check_forming(self, field_name: str, message: str) -> None:
        if self.status is not ClusterStatus.FORMING:
            raise ValidationFailed(field_name, message)

    def _check_size(self, size_limit: int | None, size: int, field_name: str) -> None:
        if size_limit is not None and size > size_limit:
            raise ValidationFailed(
                field_name,
                f"A cluster has at most {size_limit} members unless the consultancy's settings allow more.",
            )

    def _member(self, field_name: str, organisation_id: UUID) -> Member:
        try:
            return self.members[organisation_id]
        except KeyError:
            raise ValidationFailed(field_name, "This organisation is not a member of the cluster.") from None


def cluster_warnings(member_count: int) -> list[str]:
    """What a coach should know about a cluster's make-up; none of it blocks the programme."""
    if member_count < RECOMMENDED_MINIMUM_MEMBERS:
        return [
            f"Fewer than {RECOMMENDED_MINIMUM_MEMBERS} members: anonymised comparisons are weak, "
            "and members may recognise each other's figures."
        ]
    return []


def cluster_id(tenant_id: UUID, name: str) -> UUID:
    return tenant_scoped_id(tenant_id, "cluster", natural_key(name))
