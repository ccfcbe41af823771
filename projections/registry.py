"""The projections the product runs, in one list."""

from __future__ import annotations

from projections.assessment.projection import AssessmentProjection
from projections.feedback.projection import FeedbackProjection
from projections.planning.projection import PlanningProjection
from projections.programme.projection import ProgrammeProjection
from projections.projection import Projection
from projections.schema import ReadTables
from projections.tenancy.projection import TenancyProjection

PROJECTION_CLASSES: tuple[type[Projection], ...] = (
    TenancyProjection,
    ProgrammeProjection,
    PlanningProjection,
    AssessmentProjection,
    FeedbackProjection,
)


def build_projections(tables: ReadTables) -> list[Projection]:
    return [cls(tables) for cls in PROJECTION_CLASSES]
