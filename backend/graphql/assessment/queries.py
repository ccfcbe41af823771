"""The assessment feature's reads."""

from __future__ import annotations

import strawberry

from backend.graphql.assessment.types import MaturityArea
from backend.graphql.core.permissions import IsAuthenticated
from domain.assessment.gap_analysis import maturity_areas


@strawberry.type
class AssessmentQuery:
    @strawberry.field(permission_classes=[IsAuthenticated], description="The areas a gap analysis rates.")
    def maturity_areas(self) -> list[MaturityArea]:
        return [MaturityArea(group=group, code=code, title=title) for group, code, title in maturity_areas()]
