"""Queries of a cluster's programme: plan and sessions, attendance, unavailability, gap analyses, feedback,
coaching overrides and effort. Every query filters by tenant, by the clusters in view, and, for a member, by
its own organisation's part of each register."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Select, and_, exists, or_, select

from projections.queries.core import CoreQueries, Scope


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
class AssessmentRow:
    number: int
    visited_on: date
    analysed_on: date
    clause_levels: dict[str, int]
    theme_levels: dict[str, int]
    estimated_half_days: int
    formula_version: int


@dataclass(frozen=True)
class FeedbackRow:
    item_id: UUID
    session_key: str
    kind: str
    text: str
    signed_by: str | None
    status: str
    hidden_reason: str | None
    shared_at: datetime
    mine: bool


@dataclass(frozen=True)
class OverrideRow:
    decided_at: datetime
    additional_half_days: int
    reason: str
    decided_by: str


@dataclass(frozen=True)
class EffortRow:
    organisation_id: UUID
    organisation_name: str
    gap_analysis_days: float
    training_days_attended: float
    coaching_days: float


class ProgrammeQueries(CoreQueries):
    # Plan and sessions

    def sessions(self, scope: Scope, cluster_id: UUID) -> list[SessionRow]:
        sessions = self.t.sessions
        query = (
            select(sessions)
            .where(sessions.c.tenant_id == scope.tenant_id, sessions.c.cluster_id == cluster_id)
            .where(self._cluster_visible(scope, sessions.c.cluster_id))
            .where(or_(sessions.c.organisation_id.is_(None), self._own_register(scope, sessions.c.organisation_id)))
            .order_by(sessions.c.scheduled_on, sessions.c.half_day.desc(), sessions.c.session_key)
        )
        return [_session(row) for row in self._all(query)]

    def session(self, scope: Scope, cluster_id: UUID, key: str) -> SessionRow | None:
        return next((s for s in self.sessions(scope, cluster_id) if s.key == key), None)

    def session_moves(self, scope: Scope, cluster_id: UUID, key: str) -> list[SessionMoveRow]:
        if self.session(scope, cluster_id, key) is None:
            return []
        moves = self.t.session_moves
        query = (
            select(moves.c.moved_at, moves.c.from_on, moves.c.to_on, moves.c.reason)
            .where(moves.c.tenant_id == scope.tenant_id, moves.c.cluster_id == cluster_id, moves.c.session_key == key)
            .order_by(moves.c.moved_at)
        )
        return [SessionMoveRow(**row) for row in self._all(query)]

    def attendance(self, scope: Scope, cluster_id: UUID, key: str) -> list[AttendanceRow]:
        attendance, organisations = self.t.attendance, self.t.organisations
        query = (
            select(attendance.c.organisation_id, organisations.c.name, attendance.c.attendees)
            .join(
                organisations,
                and_(
                    organisations.c.tenant_id == attendance.c.tenant_id,
                    organisations.c.organisation_id == attendance.c.organisation_id,
                ),
            )
            .where(
                attendance.c.tenant_id == scope.tenant_id,
                attendance.c.cluster_id == cluster_id,
                attendance.c.session_key == key,
            )
            .where(self._cluster_visible(scope, attendance.c.cluster_id))
            .where(self._own_register(scope, attendance.c.organisation_id))
            .order_by(organisations.c.name)
        )
        return [AttendanceRow(r["organisation_id"], r["name"], tuple(r["attendees"])) for r in self._all(query)]

    def unavailability(self, scope: Scope, cluster_id: UUID) -> list[UnavailabilityRow]:
        periods, organisations = self.t.unavailability, self.t.organisations
        query = (
            select(periods, organisations.c.name)
            .join(
                organisations,
                and_(
                    organisations.c.tenant_id == periods.c.tenant_id,
                    organisations.c.organisation_id == periods.c.organisation_id,
                ),
            )
            .where(periods.c.tenant_id == scope.tenant_id, periods.c.cluster_id == cluster_id)
            .where(self._cluster_visible(scope, periods.c.cluster_id))
            .where(self._own_register(scope, periods.c.organisation_id))
            .order_by(periods.c.starts_on, organisations.c.name)
        )
        return [
            UnavailabilityRow(r["organisation_id"], r["name"], r["starts_on"], r["ends_on"], r["reason"])
            for r in self._all(query)
        ]

    # Gap analysis and coaching

    def assessments(self, scope: Scope, cluster_id: UUID, organisation_id: UUID) -> list[AssessmentRow]:
        assessments = self.t.gap_assessments
        query = self._assessments_query(scope, cluster_id).where(assessments.c.organisation_id == organisation_id)
        return [_assessment(row) for row in self._all(query)]

    def assessments_by_member(self, scope: Scope, cluster_id: UUID) -> dict[UUID, list[AssessmentRow]]:
        """Every member's gap analyses in view, in one query, each member's in order."""
        by_member: dict[UUID, list[AssessmentRow]] = {}
        query, parameters = self._prepared.get("assessments", scope, self._assessments_query, cluster_id=cluster_id)
        for row in self._all(query, parameters):
            by_member.setdefault(row["organisation_id"], []).append(_assessment(row))
        return by_member

    def _assessments_query(self, scope: Scope, cluster_id: UUID) -> Select[Any]:
        assessments = self.t.gap_assessments
        return (
            select(assessments)
            .where(assessments.c.tenant_id == scope.tenant_id, assessments.c.cluster_id == cluster_id)
            .where(self._cluster_visible(scope, assessments.c.cluster_id))
            .where(self._own_register(scope, assessments.c.organisation_id))
            .order_by(assessments.c.organisation_id, assessments.c.assessment_number)
        )

    def overrides(self, scope: Scope, cluster_id: UUID, organisation_id: UUID) -> list[OverrideRow]:
        overrides = self.t.coaching_overrides
        query = self._overrides_query(scope, cluster_id).where(overrides.c.organisation_id == organisation_id)
        return [_override(row) for row in self._all(query)]

    def overrides_by_member(self, scope: Scope, cluster_id: UUID) -> dict[UUID, list[OverrideRow]]:
        """Every member's ceiling overrides in view, in one query, each member's in order."""
        by_member: dict[UUID, list[OverrideRow]] = {}
        query, parameters = self._prepared.get("overrides", scope, self._overrides_query, cluster_id=cluster_id)
        for row in self._all(query, parameters):
            by_member.setdefault(row["organisation_id"], []).append(_override(row))
        return by_member

    def _overrides_query(self, scope: Scope, cluster_id: UUID) -> Select[Any]:
        overrides, accounts = self.t.coaching_overrides, self.t.accounts
        return (
            select(overrides, accounts.c.display_name)
            .join(
                accounts,
                and_(accounts.c.tenant_id == overrides.c.tenant_id, accounts.c.account_id == overrides.c.decided_by),
            )
            .where(overrides.c.tenant_id == scope.tenant_id, overrides.c.cluster_id == cluster_id)
            .where(self._cluster_visible(scope, overrides.c.cluster_id))
            .where(self._own_register(scope, overrides.c.organisation_id))
            .order_by(overrides.c.organisation_id, overrides.c.decided_at)
        )

    # Feedback

    def feedback(self, scope: Scope, cluster_id: UUID, session_key: str | None = None) -> list[FeedbackRow]:
        """Visible items for everyone in view; hidden ones too for coaches and admins. Never the author's
        organisation: only whether the item is the viewer's own."""
        items, sessions = self.t.feedback_items, self.t.sessions
        shown = ["visible"] if scope.organisation_id is not None else ["visible", "hidden"]
        about_training = exists().where(
            sessions.c.tenant_id == items.c.tenant_id,
            sessions.c.cluster_id == items.c.cluster_id,
            sessions.c.session_key == items.c.session_key,
            sessions.c.organisation_id.is_(None),
        )
        query = (
            select(items)
            .where(items.c.tenant_id == scope.tenant_id, items.c.cluster_id == cluster_id, items.c.status.in_(shown))
            .where(about_training)
            .where(self._cluster_visible(scope, items.c.cluster_id))
            .order_by(items.c.shared_at, items.c.item_id)
        )
        if session_key is not None:
            query = query.where(items.c.session_key == session_key)
        return [
            FeedbackRow(
                r["item_id"],
                r["session_key"],
                r["kind"],
                r["text"],
                r["signed_by"],
                r["status"],
                r["hidden_reason"],
                r["shared_at"],
                mine=scope.organisation_id == r["organisation_id"],
            )
            for r in self._all(query)
        ]

    # Effort

    def effort(self, scope: Scope, cluster_id: UUID) -> list[EffortRow]:
        """Days per member: gap analysis (each assessment), training sessions attended, coaching half-days."""
        cluster = self.cluster(scope, cluster_id)
        if cluster is None:
            return []
        gap_half_days = _gap_analysis_half_days(cluster.template)
        held = {s.key: s for s in self.sessions(scope, cluster_id) if s.status == "held" and s.organisation_id is None}
        rows = []
        for member in self.members(scope, cluster_id):
            organisation_id = member.organisation.organisation_id
            assessed = len(self.assessments(scope, cluster_id, organisation_id))
            attended = sum(
                (held[key].held_half_days or 0)
                for key in held
                if any(
                    a.organisation_id == organisation_id and a.attendees
                    for a in self.attendance(scope, cluster_id, key)
                )
            )
            rows.append(
                EffortRow(
                    organisation_id=organisation_id,
                    organisation_name=member.organisation.name,
                    gap_analysis_days=assessed * gap_half_days / 2,
                    training_days_attended=attended / 2,
                    coaching_days=member.coaching_half_days_used / 2,
                )
            )
        return rows


def _gap_analysis_half_days(template: dict[str, Any] | None) -> int:
    if not template:
        return 2
    return int(template["gap_analysis_on_site_half_days"]) + int(template["gap_analysis_result_half_days"])


def _assessment(r: dict[str, Any]) -> AssessmentRow:
    return AssessmentRow(
        r["assessment_number"],
        r["visited_on"],
        r["analysed_on"],
        dict(r["clause_levels"]),
        dict(r["theme_levels"]),
        r["estimated_half_days"],
        r["formula_version"],
    )


def _override(r: dict[str, Any]) -> OverrideRow:
    return OverrideRow(r["decided_at"], r["additional_half_days"], r["reason"], r["display_name"])


def _session(row: dict[str, Any]) -> SessionRow:
    return SessionRow(
        key=row["session_key"],
        kind=row["kind"],
        title=row["title"],
        module_number=row["module_number"],
        organisation_id=row["organisation_id"],
        scheduled_on=row["scheduled_on"],
        half_day=row["half_day"],
        half_days=row["half_days"],
        status=row["status"],
        held_on=row["held_on"],
        held_half_days=row["held_half_days"],
        cancellation_reason=row["cancellation_reason"],
    )
