"""GraphQL shapes of gap analyses."""

from __future__ import annotations

from datetime import date

import strawberry

from domain.assessment.gap_analysis import TARGET_LEVEL, maturity_areas
from projections.queries import AssessmentRow


@strawberry.type
class MaturityLevel:
    area: str
    title: str
    level: int
    change_since_first: int | None = strawberry.field(description="Progress against the first assessment.")
    target: int = strawberry.field(
        default=TARGET_LEVEL, description="The level the programme aims for in every area; the estimate counts the gap."
    )


@strawberry.type
class Assessment:
    number: int
    visited_on: date
    analysed_on: date
    estimated_coaching_half_days: int
    formula_version: int
    levels: list[MaturityLevel]

    @classmethod
    def from_rows(cls, row: AssessmentRow, first: AssessmentRow) -> Assessment:
        def level(group: str, code: str, title: str) -> MaturityLevel:
            levels, baseline = (
                (row.clause_levels, first.clause_levels)
                if group == "clause"
                else (row.theme_levels, first.theme_levels)
            )
            change = None if row is first else levels[code] - baseline[code]
            return MaturityLevel(area=f"{group} {code}", title=title, level=levels[code], change_since_first=change)

        return cls(
            number=row.number,
            visited_on=row.visited_on,
            analysed_on=row.analysed_on,
            estimated_coaching_half_days=row.estimated_half_days,
            formula_version=row.formula_version,
            levels=[level(*area) for area in maturity_areas()],
        )


@strawberry.type(description="An area a gap analysis rates from 0 to 5: an ISO/IEC 27001 clause or Annex A theme.")
class MaturityArea:
    group: str
    code: str
    title: str
