"""The members' comparison, as far as the scope shows it.

Every read goes through the one filter with the scope it is given. Which scope reads other members' figures for
the aggregates is decided in `backend/policy.py` (`comparison_scope`) and used in one module only
(`backend/graphql/comparison/figures.py`).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any
from uuid import UUID

from sqlalchemy import func, select

from domain.comparison.rules import DEFAULT_THRESHOLD
from projections.comparison.rows import CohortRow
from projections.core.reading import FeatureQueries
from projections.core.scope import Scope


class ComparisonQueries(FeatureQueries):
    def threshold(self, scope: Scope) -> int:
        """The consultancy's k (3 until it sets its own)."""
        thresholds = self.t.comparison_thresholds
        found = self._one(select(thresholds.c.threshold).where(self.visible.rows(scope, thresholds)))
        return DEFAULT_THRESHOLD if found is None else int(found["threshold"])

    def cohort(self, scope: Scope, cluster_id: UUID) -> CohortRow | None:
        """The cluster's cohort, None for a cluster out of view."""
        query, parameters = self._prepared.get("comparison_cohort", scope, self._cohort_query, cluster_id=cluster_id)
        found = self._one(query, parameters)
        if found is None:
            return None
        return CohortRow(_ids(found["contributors"]), _ids(found["published"]), int(found["threshold"]))

    def _cohort_query(self, scope: Scope, cluster_id: Any) -> Any:
        cohorts = self.t.comparison_cohorts
        return select(cohorts).where(self.visible.rows(scope, cohorts), cohorts.c.cluster_id == cluster_id)

    def participation(self, scope: Scope, cluster_id: UUID, organisation_id: UUID) -> tuple[bool, bool]:
        """Whether the organisation is a current member of the cluster, and whether it consents (both False out of
        view)."""
        participants = self.t.comparison_participants
        found = self._one(
            select(participants.c.member, participants.c.consenting).where(
                self.visible.rows(scope, participants),
                participants.c.cluster_id == cluster_id,
                participants.c.organisation_id == organisation_id,
            )
        )
        return (bool(found["member"]), bool(found["consenting"])) if found else (False, False)

    def latest_levels(
        self, scope: Scope, cluster_id: UUID, organisations: Collection[UUID]
    ) -> dict[UUID, dict[str, int]]:
        """Each organisation's maturity by area ("clause 5", "theme people") from its latest gap analysis in the
        cluster, in one read; an organisation not yet assessed is left out."""
        gap = self.t.gap_assessments
        latest = (
            select(gap.c.organisation_id, func.max(gap.c.assessment_number).label("number"))
            .where(
                self.visible.rows(scope, gap), gap.c.cluster_id == cluster_id, gap.c.organisation_id.in_(organisations)
            )
            .group_by(gap.c.organisation_id)
            .subquery()
        )
        query = (
            select(gap.c.organisation_id, gap.c.clause_levels, gap.c.theme_levels)
            .join(
                latest,
                (gap.c.organisation_id == latest.c.organisation_id) & (gap.c.assessment_number == latest.c.number),
            )
            .where(gap.c.tenant_id == scope.tenant_id, gap.c.cluster_id == cluster_id)
        )
        return {
            row["organisation_id"]: {
                **{f"clause {area}": int(level) for area, level in row["clause_levels"].items()},
                **{f"theme {area}": int(level) for area, level in row["theme_levels"].items()},
            }
            for row in self._all(query)
        }

    def modules_attended(self, scope: Scope, cluster_id: UUID, organisations: Collection[UUID]) -> dict[UUID, int]:
        """How many of the cluster's held modules each organisation attended, in one read."""
        attendance, sessions = self.t.attendance, self.t.sessions
        query = (
            select(attendance.c.organisation_id, func.count().label("attended"))
            .join(
                sessions,
                (sessions.c.tenant_id == attendance.c.tenant_id)
                & (sessions.c.cluster_id == attendance.c.cluster_id)
                & (sessions.c.session_key == attendance.c.session_key),
            )
            .where(
                self.visible.rows(scope, attendance),
                attendance.c.cluster_id == cluster_id,
                attendance.c.organisation_id.in_(organisations),
                attendance.c.attendee_count > 0,
                sessions.c.kind == "module",
                sessions.c.status == "held",
            )
            .group_by(attendance.c.organisation_id)
        )
        return {row["organisation_id"]: int(row["attended"]) for row in self._all(query)}

    def modules_held(self, scope: Scope, cluster_id: UUID) -> int:
        """How many modules the cluster has held (the same for every member)."""
        sessions = self.t.sessions
        found = self._one(
            select(func.count().label("held")).where(
                self.visible.rows(scope, sessions),
                sessions.c.cluster_id == cluster_id,
                sessions.c.kind == "module",
                sessions.c.status == "held",
            )
        )
        return int(found["held"]) if found else 0


def _ids(values: list[str]) -> frozenset[UUID]:
    return frozenset(UUID(value) for value in values)
