"""Reads batched per request: a field asked of every member of a cluster is read once for all of them.

A document listing a cluster's members, each with its coaching and gap analyses, would otherwise read the
coaching and the analyses once per member. The first member's field reads that register for every member of the
cluster in view (one query), later members take their part from the request's memo. The memo lives as long as the
request's context, so nothing read for one request is ever shown to another.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from uuid import UUID
from weakref import WeakKeyDictionary

from strawberry.types import Info

from backend.graphql.core.context import Context
from domain.clusters.rules import ClusterStatus
from projections.clusters.rows import MemberRow, SessionRow
from projections.queries import AssessmentRow, CoachingRow, OverrideRow, Scope
from projections.trail.rows import MilestonesReached

R = TypeVar("R")


class RequestLoaders:
    """One request's batched reads, scoped as the request's principal."""

    def __init__(self, context: Context) -> None:
        self.queries = context.services.queries
        self.scope: Scope = context.scope
        self._read: dict[tuple[str, UUID], dict[UUID, Any]] = {}
        self._statuses: dict[UUID, ClusterStatus | None] = {}
        self._members: dict[UUID, list[MemberRow]] = {}
        self._sessions: dict[UUID, list[SessionRow]] = {}
        self._once: dict[tuple[str, tuple[UUID, ...]], Any] = {}

    def once(self, register: str, organisation_ids: tuple[UUID, ...], read_all: Callable[[], R]) -> R:
        """A read of several organisations together (the members of a cluster), read once per request: the first
        member's field reads every member's, later members take theirs from the memo."""
        key = (register, organisation_ids)
        if key not in self._once:
            self._once[key] = read_all()
        found: R = self._once[key]
        return found

    def cluster_status(self, cluster_id: UUID) -> ClusterStatus | None:
        """The status of a cluster in view, read once per request; none out of view."""
        if cluster_id not in self._statuses:
            row = self.queries.clusters.cluster(self.scope, cluster_id)
            self._statuses[cluster_id] = None if row is None else ClusterStatus(row.status)
        return self._statuses[cluster_id]

    def members(self, cluster_id: UUID) -> list[MemberRow]:
        """The cluster's members in view, read once per request (the members, their names, what the viewer may do)."""
        if cluster_id not in self._members:
            self._members[cluster_id] = self.queries.clusters.members(self.scope, cluster_id)
        return self._members[cluster_id]

    def sessions(self, cluster_id: UUID) -> list[SessionRow]:
        """The cluster's sessions in view, read once per request."""
        if cluster_id not in self._sessions:
            self._sessions[cluster_id] = self.queries.clusters.sessions(self.scope, cluster_id)
        return self._sessions[cluster_id]

    def coaching_half_days(self, cluster_id: UUID, organisation_id: UUID) -> list[CoachingRow]:
        return self._member_part(
            "coaching", self.queries.engagement.coaching_half_days_by_member, cluster_id, organisation_id
        )

    def assessments(self, cluster_id: UUID, organisation_id: UUID) -> list[AssessmentRow]:
        return self._member_part(
            "assessments", self.queries.assessment.assessments_by_member, cluster_id, organisation_id
        )

    def overrides(self, cluster_id: UUID, organisation_id: UUID) -> list[OverrideRow]:
        return self._member_part("overrides", self.queries.engagement.overrides_by_member, cluster_id, organisation_id)

    def milestones(self, cluster_id: UUID, organisation_id: UUID) -> MilestonesReached | None:
        """The member's milestones from its history, read for every member of the cluster at once; none when its
        registers are out of view."""
        key = ("milestones", cluster_id)
        if key not in self._read:
            self._read[key] = self.queries.trail.milestones_by_member(self.scope, cluster_id)
        found: MilestonesReached | None = self._read[key].get(organisation_id)
        return found

    def _member_part(
        self,
        register: str,
        read_all: Callable[[Scope, UUID], dict[UUID, list[R]]],
        cluster_id: UUID,
        organisation_id: UUID,
    ) -> list[R]:
        key = (register, cluster_id)
        if key not in self._read:
            self._read[key] = read_all(self.scope, cluster_id)
        rows: list[R] = self._read[key].get(organisation_id, [])
        return rows


_loaders: WeakKeyDictionary[Context, RequestLoaders] = WeakKeyDictionary()


def loaders(info: Info[Context, None]) -> RequestLoaders:
    """The loaders of the request `info` belongs to, made on first use."""
    context = info.context
    found = _loaders.get(context)
    if found is None:
        found = _loaders[context] = RequestLoaders(context)
    return found


def forget_reads(context: Context) -> None:
    """After a command of the request wrote events: later fields read afresh, so a payload shows what was written."""
    _loaders.pop(context, None)
