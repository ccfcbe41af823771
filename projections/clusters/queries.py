"""Clusters, their members, the plan's sessions, attendance and unavailability, as far as the scope shows them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Select, Table, and_, func, select, tuple_

from projections.clusters.rows import (
    AttendanceRow,
    ClusterRow,
    MemberRow,
    RetractionRow,
    SessionHistoryRow,
    SessionMoveRow,
    SessionRow,
    UnavailabilityRow,
)
from projections.core.reading import ORGANISATION, FeatureQueries, same
from projections.core.scope import Scope
from projections.organisations.queries import organisation_row


class ClusterQueries(FeatureQueries):
    def clusters(
        self, scope: Scope, first: int, after: tuple[str, UUID] | None, status: str | None = None
    ) -> list[ClusterRow]:
        """Clusters ordered by name then id; `after` is the keyset (name, id) of the last one already seen."""
        clusters = self.t.clusters
        query = self._clusters_query(scope).order_by(clusters.c.name, clusters.c.cluster_id).limit(first)
        if status is not None:
            query = query.where(clusters.c.status == status)
        if after is not None:
            query = query.where(tuple_(clusters.c.name, clusters.c.cluster_id) > tuple_(*after))
        return [_cluster(row) for row in self._all(query)]

    def cluster(self, scope: Scope, cluster_id: UUID) -> ClusterRow | None:
        row = self._one(*self._prepared.get("cluster", scope, self._cluster_query, cluster_id=cluster_id))
        return None if row is None else _cluster(row)

    def _cluster_query(self, scope: Scope, cluster_id: UUID) -> Select[Any]:
        return self._clusters_query(scope).where(self.t.clusters.c.cluster_id == cluster_id)

    def _clusters_query(self, scope: Scope) -> Select[Any]:
        clusters, accounts = self.t.clusters, self.t.accounts
        return (
            select(clusters, accounts.c.display_name.label("coach_name"))
            .join(
                accounts,
                and_(accounts.c.tenant_id == clusters.c.tenant_id, accounts.c.account_id == clusters.c.coach_id),
            )
            .where(self.visible.rows(scope, clusters))
        )

    def members(self, scope: Scope, cluster_id: UUID) -> list[MemberRow]:
        query, parameters = self._prepared.get("members", scope, self._members_query, cluster_id=cluster_id)
        return [_member(row) for row in self._all(query, parameters)]

    def members_of(self, scope: Scope, cluster_ids: Sequence[UUID]) -> dict[UUID, list[MemberRow]]:
        """The members in view of several clusters, in one statement (a page of the consultancy's portfolio)."""
        found: dict[UUID, list[MemberRow]] = {cluster_id: [] for cluster_id in cluster_ids}
        if cluster_ids:
            for row in self._all(self._members_query(scope, None, among=cluster_ids)):
                found[row["cluster_id"]].append(_member(row))
        return found

    def _members_query(self, scope: Scope, cluster_id: UUID | None, among: Sequence[UUID] | None = None) -> Select[Any]:
        members, organisations, coaching = self.t.cluster_members, self.t.organisations, self.t.coaching_half_days
        used = (
            select(func.count())
            .where(
                coaching.c.tenant_id == members.c.tenant_id,
                coaching.c.cluster_id == members.c.cluster_id,
                coaching.c.organisation_id == members.c.organisation_id,
            )
            .scalar_subquery()
            .label("coaching_half_days_used")
        )
        return (
            select(
                members,
                used,
                organisations.c.name,
                organisations.c.sector,
                organisations.c.employee_count,
                organisations.c.country,
                organisations.c.region,
            )
            .join(
                organisations,
                same(organisations, members, *ORGANISATION),
            )
            .where(
                self.visible.rows(scope, members),
                members.c.cluster_id == cluster_id if among is None else members.c.cluster_id.in_(among),
            )
            .order_by(organisations.c.name)
        )

    def member_in_view(self, scope: Scope, cluster_id: UUID, organisation_id: UUID) -> bool:
        """Whether the organisation is a member (active or withdrawn) of the cluster, as the scope shows it."""
        members = self.t.cluster_members
        query = select(members.c.organisation_id).where(
            self.visible.rows(scope, members),
            members.c.cluster_id == cluster_id,
            members.c.organisation_id == organisation_id,
        )
        return self._one(query) is not None

    # Plan and sessions

    def sessions(self, scope: Scope, cluster_id: UUID) -> list[SessionRow]:
        sessions = self.t.sessions
        query = (
            select(sessions)
            .where(self.visible.rows(scope, sessions), sessions.c.cluster_id == cluster_id)
            .order_by(sessions.c.scheduled_on, sessions.c.half_day.desc(), sessions.c.session_key)
        )
        return [_session(row) for row in self._all(query)]

    def session(self, scope: Scope, cluster_id: UUID, key: str) -> SessionRow | None:
        return next((s for s in self.sessions(scope, cluster_id) if s.key == key), None)

    def session_in_view(self, scope: Scope, cluster_id: UUID, session_key: str) -> bool:
        """Whether the key names a session of the cluster's plan in view: a member's own, or the whole cluster's."""
        sessions = self.t.sessions
        query = select(sessions.c.session_key).where(
            self.visible.rows(scope, sessions),
            sessions.c.cluster_id == cluster_id,
            sessions.c.session_key == session_key,
        )
        return self._one(query) is not None

    def session_moves(self, scope: Scope, cluster_id: UUID, key: str) -> list[SessionMoveRow]:
        if not self.session_in_view(scope, cluster_id, key):
            return []
        moves = self.t.session_moves
        query = (
            select(moves.c.moved_at, moves.c.from_on, moves.c.to_on, moves.c.reason)
            .where(self.visible.rows(scope, moves), moves.c.cluster_id == cluster_id, moves.c.session_key == key)
            .order_by(moves.c.moved_at)
        )
        return [SessionMoveRow(**row) for row in self._all(query)]

    def session_history(self, scope: Scope, cluster_id: UUID, key: str) -> list[SessionHistoryRow]:
        """What happened to the session, oldest first, with who did it (their name) and why."""
        history, accounts = self.t.session_history, self.t.accounts
        query = (
            select(history.c.action, history.c.on, history.c.reason, accounts.c.display_name, history.c.acted_at)
            .outerjoin(accounts, _account(accounts, history.c.tenant_id, history.c.acted_by))
            .where(self.visible.rows(scope, history), history.c.cluster_id == cluster_id)
            .where(history.c.session_key == key)
            .order_by(history.c.version)
        )
        return [SessionHistoryRow(*row.values()) for row in self._all(query)]

    def attendance(self, scope: Scope, cluster_id: UUID, key: str) -> list[AttendanceRow]:
        attendance, organisations = self.t.attendance, self.t.organisations
        query = (
            select(attendance.c.organisation_id, organisations.c.name, attendance.c.attendees)
            .join(
                organisations,
                same(organisations, attendance, *ORGANISATION),
            )
            .where(self.visible.rows(scope, attendance))
            .where(attendance.c.cluster_id == cluster_id, attendance.c.session_key == key)
            .order_by(organisations.c.name)
        )
        return [AttendanceRow(r["organisation_id"], r["name"], tuple(r["attendees"])) for r in self._all(query)]

    def unavailability(self, scope: Scope, cluster_id: UUID) -> list[UnavailabilityRow]:
        periods, organisations = self.t.unavailability, self.t.organisations
        query = (
            select(periods, organisations.c.name)
            .join(
                organisations,
                same(organisations, periods, *ORGANISATION),
            )
            .where(self.visible.rows(scope, periods), periods.c.cluster_id == cluster_id)
            .order_by(periods.c.starts_on, organisations.c.name)
        )
        return [
            UnavailabilityRow(r["organisation_id"], r["name"], r["starts_on"], r["ends_on"], r["reason"])
            for r in self._all(query)
        ]

    def unavailability_retractions(self, scope: Scope, cluster_id: UUID) -> list[RetractionRow]:
        retractions, organisations, accounts = self.t.unavailability_retractions, self.t.organisations, self.t.accounts
        query = (
            select(
                retractions.c.organisation_id,
                organisations.c.name,
                *(retractions.c[name] for name in ("starts_on", "ends_on", "reason")),
                accounts.c.display_name,
                retractions.c.retracted_at,
            )
            .join(organisations, same(organisations, retractions, *ORGANISATION))
            .outerjoin(accounts, _account(accounts, retractions.c.tenant_id, retractions.c.retracted_by))
            .where(self.visible.rows(scope, retractions), retractions.c.cluster_id == cluster_id)
            .order_by(retractions.c.version)
        )
        return [RetractionRow(*row.values()) for row in self._all(query)]


def _account(accounts: Table, tenant_id: ColumnElement[Any], account_id: ColumnElement[Any]) -> ColumnElement[bool]:
    """The join condition naming who acted (an outer join: the system acts under no account)."""
    return and_(accounts.c.tenant_id == tenant_id, accounts.c.account_id == account_id)


def _cluster(row: dict[str, Any]) -> ClusterRow:
    names = ("cluster_id", "name", "coach_id", "coach_name", "status", "planned_start", "planned_end")
    later = ("started_on", "member_count", "plan_starts_on", "closed_on", "template")
    return ClusterRow(*(row[name] for name in names + later))


def _member(row: dict[str, Any]) -> MemberRow:
    fields = {name: row[name] for name in _MEMBER_FIELDS}
    return MemberRow(cluster_id=row["cluster_id"], organisation=organisation_row(row), **fields)


_MEMBER_FIELDS = (
    "evidence_small_enterprise",
    "evidence_management_commitment",
    "evidence_resources_available",
    "admitted_at",
    "coaching_half_days_used",
    "coaching_half_days_ceiling",
    "outcome",
    "withdrawn_on",
    "withdrawal_reason",
    "established_on",
    "audit_on",
    "certification_body",
    "certified_on",
    "certificate_reference",
)


def _session(row: dict[str, Any]) -> SessionRow:
    fields = {name: row[name] for name in _SESSION_FIELDS}
    return SessionRow(key=row["session_key"], **fields)


_SESSION_FIELDS = (
    "kind",
    "title",
    "module_number",
    "organisation_id",
    "scheduled_on",
    "half_day",
    "half_days",
    "status",
    "held_on",
    "held_half_days",
    "cancellation_reason",
)
