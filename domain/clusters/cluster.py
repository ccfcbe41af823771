"""A cluster: a few organisations establishing their ISMS together, led by a coach.

Its life: forming (members are admitted) → planned (a schedule is accepted, with the template it keeps) →
running (sessions are held, coaching is logged) → closed. Every rule is checked in a public method before its
event is triggered; the `@event` methods only change state, so replaying history never re-runs a rule.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.clusters.admission import AdmissionCriteria
from domain.clusters.details import checked_changes
from domain.clusters.membership import (
    Member,
    Unavailability,
    active_member,
    check_new_unavailability,
    check_size,
    declared_unavailability,
    without_unavailability,
)
from domain.clusters.rules import (
    ClusterStatus,
    SessionStatus,
    can_accept_plan,
    can_admit,
    can_close,
    can_start,
    can_withdraw,
    check_not_closed,
    check_running,
    is_active_member,
)
from domain.clusters.sessions import (
    Session,
    check_everyone_available,
    check_holding,
    check_move,
    check_no_later_module_held,
    cleaned_attendance,
    held,
    planned_again,
    scheduled_session,
    session_in_status,
)
from domain.engagement.outcome import Outcome
from domain.programme_template.template import ProgrammeTemplate
from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.calendar import business_date, optional_business_date
from domain.shared.errors import ValidationFailed, every_check
from domain.shared.text import (
    NAME_MAX_LENGTH,
    REASON_MAX_LENGTH,
    multi_line,
    natural_key,
    not_before,
    ordered_period,
    single_line,
)

MINIMUM_MEMBERS_TO_PLAN = 2
"""The paper's own experiment ran with two; fewer is not a cluster."""

CLUSTER_NAME_MAX_LENGTH = NAME_MAX_LENGTH
WORK_DONE_MAX_LENGTH = 5000
NEXT_STEPS_MAX_LENGTH = 5000
CERTIFICATION_BODY_MAX_LENGTH = NAME_MAX_LENGTH
CERTIFICATE_REFERENCE_MAX_LENGTH = 100
OVERRIDE_HALF_DAYS_MAX = 28


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
        (name, *_) = every_check(
            lambda: single_line("name", name, CLUSTER_NAME_MAX_LENGTH),
            lambda: optional_business_date("planned_start", planned_start),
            lambda: optional_business_date("planned_end", planned_end),
        )
        ordered_period("planned_start", planned_start, "planned_end", planned_end)
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            name=name,
            coach_id=coach_id,
            planned_start=planned_start,
            planned_end=planned_end,
        )

    @staticmethod
    def create_id(tenant_id: UUID, name: str) -> UUID:
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
        self.template: ProgrammeTemplate | None = None
        self.members: dict[UUID, Member] = {}
        self.sessions: dict[str, Session] = {}

    def __deepcopy__(self, memo: dict[int, Any]) -> Cluster:
        """Members and sessions are immutable values, replaced when they change: copying the two dicts suffices.

        The aggregate cache hands out a copy for every command, so this keeps a command's cost independent of how
        many sessions and members the cluster has.
        """
        clone = copy.copy(self)
        clone.members = dict(self.members)
        clone.sessions = dict(self.sessions)
        clone.__dict__["_pending_events"] = list(self.__dict__.get("_pending_events", []))
        return clone

    @property
    def active_members(self) -> list[UUID]:
        return [organisation for organisation, member in self.members.items() if is_active_member(member.withdrawn)]

    def _expected_at(self, session: Session) -> list[UUID]:
        """The whole cluster at a training session; the one member at its own."""
        return self.active_members if session.organisation_id is None else [session.organisation_id]

    # Admission and withdrawal

    def admit(self, actor_id: UUID, organisation_id: UUID, criteria: AdmissionCriteria, size_limit: int | None) -> None:
        """Admits an organisation whose three criteria are evidenced, while the cluster has room for it."""
        if not can_admit(self.status):
            raise ValidationFailed("organisation_id", "Organisations join a cluster while it is forming.")
        if organisation_id in self.members:
            raise ValidationFailed("organisation_id", "This organisation is already a member of the cluster.")
        check_size(size_limit, len(self.active_members) + 1, "organisation_id")
        self._organisation_admitted(actor_id, organisation_id, criteria.checked_evidence())

    @event("OrganisationAdmitted")
    def _organisation_admitted(self, actor_id: UUID, organisation_id: UUID, evidence: dict[str, str]) -> None:
        self.members[organisation_id] = Member()

    def withdraw(
        self, actor_id: UUID, organisation_id: UUID, withdrawn_on: date, reason: str, outcome: Outcome | None = None
    ) -> None:
        """The organisation leaves the programme; its history stays. `outcome` is its engagement's, once opened."""
        member = active_member(self.members, "organisation_id", organisation_id)
        check_not_closed(self.status, "organisation_id")
        if not can_withdraw(self.status, outcome or member.outcome):
            raise ValidationFailed("organisation_id", "A certified organisation has completed the programme.")
        business_date("withdrawn_on", withdrawn_on)
        not_before("withdrawn_on", withdrawn_on, self.started_on, "the cluster started")
        reason = multi_line("reason", reason, REASON_MAX_LENGTH)
        self._member_withdrew(actor_id, organisation_id, withdrawn_on, reason)

    @event("MemberWithdrew")
    def _member_withdrew(self, actor_id: UUID, organisation_id: UUID, withdrawn_on: date, reason: str) -> None:
        self._change_member(organisation_id, withdrawn=True, outcome=Outcome.WITHDRAWN)

    # Unavailability

    def declare_unavailability(
        self, actor_id: UUID, organisation_id: UUID, starts_on: date, ends_on: date, reason: str
    ) -> None:
        """A member will be overloaded or away; planning keeps clear of it, and a clash is reported."""
        member = active_member(self.members, "organisation_id", organisation_id)
        check_not_closed(self.status, "organisation_id")
        check_new_unavailability(member, starts_on, ends_on)
        reason = multi_line("reason", reason, REASON_MAX_LENGTH)
        self._unavailability_declared(actor_id, organisation_id, starts_on, ends_on, reason)

    @event("UnavailabilityDeclared")
    def _unavailability_declared(
        self, actor_id: UUID, organisation_id: UUID, starts_on: date, ends_on: date, reason: str
    ) -> None:
        periods = (*self.members[organisation_id].unavailability, Unavailability(starts_on, ends_on))
        self._change_member(organisation_id, unavailability=periods)

    def retract_unavailability(self, actor_id: UUID, organisation_id: UUID, starts_on: date, reason: str) -> None:
        """A correction: the period no longer counts for planning or clashes; its declaration stays in history."""
        member = active_member(self.members, "organisation_id", organisation_id)
        check_not_closed(self.status, "organisation_id")
        period = declared_unavailability(member, business_date("starts_on", starts_on))
        reason = multi_line("reason", reason, REASON_MAX_LENGTH)
        self._unavailability_retracted(actor_id, organisation_id, starts_on, period.ends_on, reason)

    @event("UnavailabilityRetracted")
    def _unavailability_retracted(
        self, actor_id: UUID, organisation_id: UUID, starts_on: date, ends_on: date, reason: str
    ) -> None:
        self._change_member(
            organisation_id, unavailability=without_unavailability(self.members[organisation_id], starts_on)
        )

    # Planning

    def accept_plan(
        self, actor_id: UUID, template: ProgrammeTemplate, starts_on: date, sessions: list[dict[str, Any]]
    ) -> None:
        """Records the accepted schedule and the template version the cluster keeps from now on."""
        if not can_accept_plan(self.status):
            raise ValidationFailed("starts_on", "A plan is accepted once, while the cluster is forming.")
        if len(self.active_members) < MINIMUM_MEMBERS_TO_PLAN:
            raise ValidationFailed("members", f"A cluster is planned with at least {MINIMUM_MEMBERS_TO_PLAN} members.")
        business_date("starts_on", starts_on)
        if not sessions:
            raise ValidationFailed("starts_on", "The plan has no sessions.")
        self._plan_accepted(actor_id, template.checked().as_record(), starts_on, sessions)

    @event("PlanAccepted")
    def _plan_accepted(
        self, actor_id: UUID, template: dict[str, Any], starts_on: date, sessions: list[dict[str, Any]]
    ) -> None:
        self.status = ClusterStatus.PLANNED
        self.template = ProgrammeTemplate.from_record(template)
        self.sessions = {record["key"]: Session.from_record(record) for record in sessions}

    def move_session(self, actor_id: UUID, session_key: str, on: date, half_day: str, reason: str) -> None:
        """Moves a scheduled session to another day, keeping the modules in order and clear of unavailability."""
        session = scheduled_session(self.sessions, session_key)
        check_move(self.sessions, session, on, half_day)
        check_everyone_available(self.members, self._expected_at(session), session, on)
        self._session_moved(actor_id, session_key, on, half_day, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("SessionMoved")
    def _session_moved(self, actor_id: UUID, session_key: str, on: date, half_day: str, reason: str) -> None:
        self.sessions[session_key] = replace(self.sessions[session_key], on=on, half_day=half_day)

    # Running

    def start(self, actor_id: UUID, started_on: date, size_limit: int | None) -> None:
        if not can_start(self.status):
            raise ValidationFailed("started_on", "A cluster starts once its plan is accepted.")
        check_size(size_limit, len(self.active_members), "members")
        self._started(actor_id, business_date("started_on", started_on))

    @event("Started")
    def _started(self, actor_id: UUID, started_on: date) -> None:
        self.status = ClusterStatus.RUNNING
        self.started_on = started_on

    def close(self, actor_id: UUID, closed_on: date) -> None:
        if not can_close(self.status):
            raise ValidationFailed("closed_on", "Only a running cluster can be closed.")
        business_date("closed_on", closed_on)
        not_before("closed_on", closed_on, self.started_on, "the cluster started")
        self._closed(actor_id, closed_on)

    @event("Closed")
    def _closed(self, actor_id: UUID, closed_on: date) -> None:
        self.status = ClusterStatus.CLOSED

    def change_details(self, actor_id: UUID, name: str, coach_id: UUID, reason: str) -> None:
        """Renames the cluster, hands it to another coach, or both; the coach is checked in the consultancy first."""
        changes = checked_changes(self.status, self.name, self.coach_id, name, coach_id, reason)
        if changes.name is not None:
            self._renamed(actor_id, changes.name, changes.reason)
        if changes.coach_id is not None:
            self._coach_reassigned(actor_id, changes.coach_id, changes.reason)

    @event("Renamed")
    def _renamed(self, actor_id: UUID, name: str, reason: str) -> None:
        self.name = name

    @event("CoachReassigned")
    def _coach_reassigned(self, actor_id: UUID, coach_id: UUID, reason: str) -> None:
        self.coach_id = coach_id

    # Sessions

    def hold_session(
        self, actor_id: UUID, session_key: str, held_on: date, half_days: int, attendance: dict[UUID, list[str]]
    ) -> None:
        """Records that a session took place, and who came from each member (the others were absent)."""
        session = scheduled_session(self.sessions, session_key)
        check_running(self.status, "session_key")
        check_holding(self.sessions, session, self.started_on, held_on, half_days)
        names = cleaned_attendance(attendance, set(self._expected_at(session)))
        self._session_held(actor_id, session_key, held_on, half_days, names)

    @event("SessionHeld")
    def _session_held(
        self, actor_id: UUID, session_key: str, held_on: date, half_days: int, attendance: dict[str, list[str]]
    ) -> None:
        self.sessions[session_key] = held(self.sessions[session_key], held_on, half_days, attendance)

    def undo_held(self, actor_id: UUID, session_key: str, reason: str) -> None:
        """A correction: a session recorded as held by mistake is planned again; the holding stays in history."""
        session = session_in_status(self.sessions, session_key, SessionStatus.HELD)
        check_not_closed(self.status, "session_key")
        check_no_later_module_held(self.sessions, session, "undoing")
        reason = multi_line("reason", reason, REASON_MAX_LENGTH)
        half_days = session.held_half_days or session.half_days
        self._session_held_undone(actor_id, session_key, reason, session.held_on, half_days, list(session.attended))

    @event("SessionHeldUndone")
    def _session_held_undone(
        self,
        actor_id: UUID,
        session_key: str,
        reason: str,
        held_on: date | None,
        half_days: int,
        attended: list[str],
    ) -> None:
        """`held_on`, `half_days` and `attended` say what was undone, so the effort can take it back."""
        self.sessions[session_key] = planned_again(self.sessions[session_key])

    def cancel_session(self, actor_id: UUID, session_key: str, reason: str) -> None:
        scheduled_session(self.sessions, session_key)
        check_not_closed(self.status, "session_key")
        self._session_cancelled(actor_id, session_key, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("SessionCancelled")
    def _session_cancelled(self, actor_id: UUID, session_key: str, reason: str) -> None:
        self._change_session(session_key, SessionStatus.CANCELLED)

    def restore_session(self, actor_id: UUID, session_key: str, reason: str) -> None:
        """A correction: a session cancelled by mistake is planned again at its date."""
        session = session_in_status(self.sessions, session_key, SessionStatus.CANCELLED)
        check_not_closed(self.status, "session_key")
        check_no_later_module_held(self.sessions, session, "restoring")
        self._session_restored(actor_id, session_key, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("SessionRestored")
    def _session_restored(self, actor_id: UUID, session_key: str, reason: str) -> None:
        self.sessions[session_key] = planned_again(self.sessions[session_key])

    # Engagement events written before the split (see domain/engagement/engagement.py): read, never triggered

    @event("CoachingHalfDayLogged")
    def _coaching_half_day_logged(
        self,
        actor_id: UUID,
        organisation_id: UUID,
        entry_number: int,
        held_on: date,
        coach_id: UUID,
        module_number: int | None,
        work_done: str,
        next_steps: str,
    ) -> None:
        """`entry_number` counts the member's half-days from 1, so the ledger reads "half-day 12 of 28"."""
        self._change_member(organisation_id, coaching_half_days_used=entry_number)
        slot = f"coaching:{module_number}:{organisation_id}"
        if slot in self.sessions and self.sessions[slot].status is SessionStatus.SCHEDULED:
            self._change_session(slot, SessionStatus.HELD)

    @event("CoachingCeilingRaised")
    def _coaching_ceiling_raised(
        self, actor_id: UUID, organisation_id: UUID, additional_half_days: int, reason: str
    ) -> None:
        granted = self.members[organisation_id].coaching_half_days_granted + additional_half_days
        self._change_member(organisation_id, coaching_half_days_granted=granted)

    @event("IsmsEstablished")
    def _isms_established(self, actor_id: UUID, organisation_id: UUID, established_on: date) -> None:
        self._change_member(organisation_id, outcome=Outcome.ESTABLISHED, isms_established_on=established_on)

    @event("CertificationAuditPlanned")
    def _certification_audit_planned(
        self, actor_id: UUID, organisation_id: UUID, audit_on: date, certification_body: str
    ) -> None:
        self._change_member(organisation_id, outcome=Outcome.AUDIT_PLANNED, audit_planned_on=audit_on)

    @event("Certified")
    def _certified(self, actor_id: UUID, organisation_id: UUID, certified_on: date, certificate_reference: str) -> None:
        self._change_member(organisation_id, outcome=Outcome.CERTIFIED)

    def _change_member(self, organisation_id: UUID, **changes: Any) -> None:
        self.members[organisation_id] = replace(self.members[organisation_id], **changes)

    def _change_session(self, session_key: str, status: SessionStatus) -> None:
        self.sessions[session_key] = replace(self.sessions[session_key], status=status)


def cluster_warnings(member_count: int, recommended_minimum: int = 3) -> list[str]:
    """What a coach should know about a cluster's make-up; none of it blocks the programme."""
    if member_count < recommended_minimum:
        return [
            f"Fewer than {recommended_minimum} members: anonymised comparisons are weak; members may recognise "
            "each other's figures, and each other's unsigned feedback."
        ]
    return []


def cluster_id(tenant_id: UUID, name: str) -> UUID:
    return tenant_scoped_id(tenant_id, "cluster", natural_key(name))
