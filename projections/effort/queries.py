"""Effort: the days each member of a cluster took, from the gap analyses, training held and coaching logged."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from projections.assessment.queries import AssessmentQueries
from projections.clusters.queries import ClusterQueries
from projections.core.reading import FeatureQueries, Reader
from projections.core.scope import Scope
from projections.effort.rows import EffortRow


class EffortQueries(FeatureQueries):
    def __init__(self, reader: Reader) -> None:
        super().__init__(reader)
        self._clusters = ClusterQueries(reader)
        self._assessments = AssessmentQueries(reader)

    def effort(self, scope: Scope, cluster_id: UUID) -> list[EffortRow]:
        """Days per member: gap analysis (each assessment), training sessions attended, coaching half-days."""
        cluster = self._clusters.cluster(scope, cluster_id)
        if cluster is None:
            return []
        gap_half_days = _gap_analysis_half_days(cluster.template)
        sessions = self._clusters.sessions(scope, cluster_id)
        held = {s.key: s for s in sessions if s.status == "held" and s.organisation_id is None}
        assessed = self._assessments.assessments_by_member(scope, cluster_id)
        attended: dict[UUID, int] = {}
        for key, session in held.items():
            for row in self._clusters.attendance(scope, cluster_id, key):
                if row.attendees:
                    attended[row.organisation_id] = attended.get(row.organisation_id, 0) + (session.held_half_days or 0)
        return [
            EffortRow(
                organisation_id=member.organisation.organisation_id,
                organisation_name=member.organisation.name,
                gap_analysis_days=len(assessed.get(member.organisation.organisation_id, [])) * gap_half_days / 2,
                training_days_attended=attended.get(member.organisation.organisation_id, 0) / 2,
                coaching_days=member.coaching_half_days_used / 2,
            )
            for member in self._clusters.members(scope, cluster_id)
        ]


def _gap_analysis_half_days(template: dict[str, Any] | None) -> int:
    if not template:
        return 2
    return int(template["gap_analysis_on_site_half_days"]) + int(template["gap_analysis_result_half_days"])
