"""The inputs of a gap analysis."""

from __future__ import annotations

from datetime import date

import strawberry

from backend.graphql.clusters.inputs import MemberInput


@strawberry.input
class LevelInput:
    area: str = strawberry.field(
        description='A clause "4" to "10", or a theme: organisational, people, physical, technological.'
    )
    level: int


@strawberry.input
class AssessGapInput(MemberInput):
    visited_on: date
    analysed_on: date
    clause_levels: list[LevelInput]
    theme_levels: list[LevelInput]
