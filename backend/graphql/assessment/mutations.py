"""The assessment feature's commands."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.assessment.actions import ASSESS_GAP
from backend.graphql.assessment.inputs import AssessGapInput, LevelInput
from backend.graphql.clusters.payloads import cluster_change
from backend.graphql.clusters.types import ClusterChangeResult
from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.errors import user_error
from backend.graphql.core.permissions import AUTHENTICATED
from domain.assessment.commands import AssessGap
from domain.shared.errors import ValidationFailed


def _levels(field: str, given: list[LevelInput]) -> dict[str, int]:
    levels: dict[str, int] = {}
    for item in given:
        if item.area in levels:
            raise ValidationFailed(f"{field}.{item.area}", "This area is given twice.")
        levels[item.area] = item.level
    return levels


@strawberry.type
class AssessmentMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def assess_gap(self, info: Info[Context, None], input: AssessGapInput) -> ClusterChangeResult:
        try:
            levels = {name: _levels(name, getattr(input, name)) for name in ("clause_levels", "theme_levels")}
        except ValidationFailed as error:
            return user_error(error)
        done = await change(
            info,
            ASSESS_GAP,
            AssessGap,
            cluster_id=input.cluster_id,
            organisation_id=input.organisation_id,
            visited_on=input.visited_on,
            analysed_on=input.analysed_on,
            **levels,
        )
        return cluster_change(info, done)
