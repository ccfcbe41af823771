"""Gap analyses, as far as the scope shows them."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import Select, select

from projections.assessment.rows import AssessmentRow
from projections.core.reading import FeatureQueries
from projections.core.scope import Scope


class AssessmentQueries(FeatureQueries):
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
            .where(self.visible.rows(scope, assessments), assessments.c.cluster_id == cluster_id)
            .order_by(assessments.c.organisation_id, assessments.c.assessment_number)
        )


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
