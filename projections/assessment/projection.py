"""Gap analyses as rows: one per assessment, numbered from the first."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert

from domain.assessment.gap_analysis import GapAnalysis
from projections.core.projection import Projection
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter


class AssessmentProjection(Projection):
    name = "assessment"
    handles = {
        (GapAnalysis, "Assessed"): "assessed",
        (GapAnalysis, "Reassessed"): "assessed",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        self._insert = insert(tables.gap_assessments)

    def assessed(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(
            self._insert,
            {
                "tenant_id": event.tenant_id,
                "cluster_id": event.cluster_id,
                "organisation_id": event.organisation_id,
                "assessment_number": event.originator_version,
                "visited_on": event.visited_on,
                "analysed_on": event.analysed_on,
                "clause_levels": event.clause_levels,
                "theme_levels": event.theme_levels,
                "estimated_half_days": event.estimated_half_days,
                "formula_version": event.formula_version,
            },
        )
