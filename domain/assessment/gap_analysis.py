"""A member's gap analysis: maturity per ISO/IEC 27001:2022 clause and Annex A theme, and the coaching estimate.

The first assessment follows the on-site visit (half a day) and the analysis of its results (half a day).
Re-assessments later record progress; each is compared with the first.

The estimate of coaching half-days needed (formula version 1):

    gap       = sum over the 7 clauses (4-10) and the 4 Annex A themes of max(0, 3 - level)
    estimate  = min(ceiling, 4 + ceil((ceiling - 4) * gap / 33))

Level 3 ("defined") is what certification asks of each area, so `gap` counts the levels still missing (at most
11 x 3 = 33). Every organisation needs about four half-days of review and validation however mature it is;
the rest of the ceiling is spread in proportion to the gap. An organisation at level 0 everywhere is estimated at
the full ceiling (28 half-days with the paper's template); one at level 3 everywhere at 4.
"""

from __future__ import annotations

import math
from datetime import date
from enum import StrEnum
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.calendar import past_date
from domain.shared.errors import ValidationFailed

CLAUSES = ("4", "5", "6", "7", "8", "9", "10")
CLAUSE_TITLES = {
    "4": "Context of the organisation",
    "5": "Leadership",
    "6": "Planning",
    "7": "Support",
    "8": "Operation",
    "9": "Performance evaluation",
    "10": "Improvement",
}
THEMES = ("organisational", "people", "physical", "technological")
AREA_NAME_ECHO_MAX = 32


def maturity_areas() -> list[tuple[str, str, str]]:
    """Every area a gap analysis rates, as (group, code, title), clauses first."""
    clauses = [("clause", clause, f"Clause {clause}: {CLAUSE_TITLES[clause]}") for clause in CLAUSES]
    return clauses + [("theme", theme, f"Annex A: {theme} controls") for theme in THEMES]


TARGET_LEVEL = 3
HIGHEST_LEVEL = 5
REVIEW_HALF_DAYS = 4
ESTIMATE_FORMULA_VERSION = 1


class AssessmentKind(StrEnum):
    INITIAL = "initial"
    REASSESSMENT = "reassessment"


def estimate_coaching_half_days(levels: dict[str, int], ceiling: int) -> int:
    """See the module docstring: the documented formula, version 1."""
    gap = sum(max(0, TARGET_LEVEL - level) for level in levels.values())
    largest_gap = TARGET_LEVEL * (len(CLAUSES) + len(THEMES))
    proportional = math.ceil(max(0, ceiling - REVIEW_HALF_DAYS) * gap / largest_gap)
    return min(ceiling, REVIEW_HALF_DAYS + proportional)


def checked_levels(clause_levels: dict[str, int], theme_levels: dict[str, int]) -> dict[str, int]:
    """All eleven areas, each 0-5; a missing or unknown area is refused, naming it."""
    for group, expected, given in (("clause_levels", CLAUSES, clause_levels), ("theme_levels", THEMES, theme_levels)):
        for area in given:
            if area not in expected:
                # An area name that is no short word is not echoed: the answer names the group instead.
                field = f"{group}.{area}" if area.isalnum() and len(area) <= AREA_NAME_ECHO_MAX else group
                raise ValidationFailed(field, f"Unknown area; expected one of {', '.join(expected)}.")
        for area in expected:
            level = given.get(area)
            if level is None or not 0 <= level <= HIGHEST_LEVEL:
                raise ValidationFailed(f"{group}.{area}", f"Give a maturity level from 0 to {HIGHEST_LEVEL}.")
    return {**{f"clause {c}": clause_levels[c] for c in CLAUSES}, **{f"theme {t}": theme_levels[t] for t in THEMES}}


class GapAnalysis(TenantAggregate):
    """All assessments of one member organisation within one cluster."""

    @classmethod
    def assess_first(
        cls,
        tenant_id: UUID,
        actor_id: UUID,
        cluster_id: UUID,
        organisation_id: UUID,
        visited_on: date,
        analysed_on: date,
        clause_levels: dict[str, int],
        theme_levels: dict[str, int],
        ceiling: int,
    ) -> GapAnalysis:
        levels = _check(visited_on, analysed_on, clause_levels, theme_levels)
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            cluster_id=cluster_id,
            organisation_id=organisation_id,
            visited_on=visited_on,
            analysed_on=analysed_on,
            clause_levels=dict(clause_levels),
            theme_levels=dict(theme_levels),
            estimated_half_days=estimate_coaching_half_days(levels, ceiling),
            formula_version=ESTIMATE_FORMULA_VERSION,
        )

    @staticmethod
    def create_id(tenant_id: UUID, cluster_id: UUID, organisation_id: UUID, **_: Any) -> UUID:
        return gap_analysis_id(tenant_id, cluster_id, organisation_id)

    @event("Assessed")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        cluster_id: UUID,
        organisation_id: UUID,
        visited_on: date,
        analysed_on: date,
        clause_levels: dict[str, int],
        theme_levels: dict[str, int],
        estimated_half_days: int,
        formula_version: int,
    ) -> None:
        self.tenant_id = tenant_id
        self.cluster_id = cluster_id
        self.organisation_id = organisation_id
        self.last_analysed_on = analysed_on
        self.assessments = 1
        self.levels = _by_area(clause_levels, theme_levels)

    def reassess(
        self,
        actor_id: UUID,
        visited_on: date,
        analysed_on: date,
        clause_levels: dict[str, int],
        theme_levels: dict[str, int],
        ceiling: int,
    ) -> None:
        levels = _check(visited_on, analysed_on, clause_levels, theme_levels)
        if visited_on <= self.last_analysed_on:
            raise ValidationFailed("visited_on", f"A re-assessment comes after the last one ({self.last_analysed_on}).")
        estimate = estimate_coaching_half_days(levels, ceiling)
        self._reassessed(
            actor_id,
            self.cluster_id,
            self.organisation_id,
            visited_on,
            analysed_on,
            dict(clause_levels),
            dict(theme_levels),
            estimate,
            ESTIMATE_FORMULA_VERSION,
        )

    @event("Reassessed")
    def _reassessed(
        self,
        actor_id: UUID,
        cluster_id: UUID,
        organisation_id: UUID,
        visited_on: date,
        analysed_on: date,
        clause_levels: dict[str, int],
        theme_levels: dict[str, int],
        estimated_half_days: int,
        formula_version: int,
    ) -> None:
        self.last_analysed_on = analysed_on
        self.assessments += 1
        self.levels = _by_area(clause_levels, theme_levels)


def _check(
    visited_on: date, analysed_on: date, clause_levels: dict[str, int], theme_levels: dict[str, int]
) -> dict[str, int]:
    past_date("visited_on", visited_on)
    past_date("analysed_on", analysed_on)
    if analysed_on < visited_on:
        raise ValidationFailed("analysed_on", f"The analysis cannot come before the visit ({visited_on}).")
    return checked_levels(clause_levels, theme_levels)


def _by_area(clause_levels: dict[str, int], theme_levels: dict[str, int]) -> dict[str, int]:
    """The latest levels, by area as the assessments name them ("clause 5", "theme people")."""
    return {
        **{f"clause {c}": v for c, v in clause_levels.items()},
        **{f"theme {t}": v for t, v in theme_levels.items()},
    }


def gap_analysis_id(tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> UUID:
    return tenant_scoped_id(tenant_id, "gap-analysis", f"{cluster_id}:{organisation_id}")
