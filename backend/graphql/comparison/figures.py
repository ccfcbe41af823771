"""The members' comparison: THE ONE PLACE that reads other members' registers, and only to aggregate them.

Every other read of Cordee goes through the visibility filter with the viewer's own scope. The comparison is the
one exception, decided in `backend/policy.py` (`comparison_scope`): for a cluster the viewer may see, it reads every
contributor's figures with the consultancy's scope. This module answers only

- per figure, the median, minimum and maximum over the published cohort, and only when at least k of its members
  have a value for that figure (a maturity area none assessed yet is not counted);
- the viewer's own organisation's figures.

It never answers another member's figure on its own, nor names a contributor. See docs/comparison.md.
"""

from __future__ import annotations

import statistics
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from backend.graphql.isms import readiness
from backend.graphql.isms.queries import readiness_evidence_many
from domain.assessment.gap_analysis import maturity_areas
from projections.queries import ReadQueries, Scope

MATURITY = "maturity"
REGISTERS = "registers"
PERCENT, COUNT, LEVEL = "percent", "count", "level"

FIGURES: tuple[tuple[str, str, str, str], ...] = (
    *((f"{group} {code}", title, MATURITY, LEVEL) for group, code, title in maturity_areas()),
    ("readiness", "Readiness for certification", REGISTERS, PERCENT),
    ("risks_treated", "Open risks treated or accepted", REGISTERS, PERCENT),
    ("documents_approved", "Documents approved", REGISTERS, COUNT),
    ("coaching_used", "Coaching used of the ceiling", REGISTERS, PERCENT),
    ("modules_attended", "Modules attended", REGISTERS, COUNT),
)
"""Every figure compared: (key, title, group, unit); the maturity areas first, as the gap analysis rates them."""


@dataclass(frozen=True)
class ComparedFigure:
    key: str
    title: str
    group: str
    unit: str
    own: float | None
    """The viewer's organisation's figure (None for a coach or an admin, or an area not yet assessed)."""
    median: float | None
    minimum: float | None
    maximum: float | None
    """The cohort's aggregates: None unless published and at least k of the cohort have this figure."""


def compared_figures(
    queries: ReadQueries,
    everyone: Scope,
    cluster_id: UUID,
    today: date,
    own: UUID | None,
    cohort: frozenset[UUID] | None,
    k: int,
) -> list[ComparedFigure]:
    """The figures of the viewer's organisation (`own`) beside the aggregates of the published `cohort` (None
    when no comparison is published). `everyone` is the scope of `comparison_scope`, used here alone."""
    organisations = set(cohort or ()) | ({own} if own is not None else set())
    figures = _figures(queries, everyone, cluster_id, today, organisations)
    compared = []
    for key, title, group, unit in FIGURES:
        values = [figures[o][key] for o in cohort or () if key in figures.get(o, {})]
        published = len(values) >= k
        compared.append(
            ComparedFigure(
                key=key,
                title=title,
                group=group,
                unit=unit,
                own=figures.get(own, {}).get(key) if own is not None else None,
                median=round(statistics.median(values), 1) if published else None,
                minimum=min(values) if published else None,
                maximum=max(values) if published else None,
            )
        )
    return compared


def _figures(
    queries: ReadQueries, everyone: Scope, cluster_id: UUID, today: date, organisations: Collection[UUID]
) -> dict[UUID, dict[str, float]]:
    """Each organisation's figures: three reads for the cluster's part, and what readiness needs, read for every
    organisation at once (a statement per register)."""
    if not organisations:
        return {}
    members = {m.organisation.organisation_id: m for m in queries.clusters.members(everyone, cluster_id)}
    levels = queries.comparison.latest_levels(everyone, cluster_id, organisations)
    attended = queries.comparison.modules_attended(everyone, cluster_id, organisations)
    listed = tuple(organisation for organisation in organisations if organisation in members)
    evidences = readiness_evidence_many(queries, everyone, listed, today)
    found: dict[UUID, dict[str, float]] = {}
    for organisation in listed:
        member = members[organisation]
        evidence = evidences[organisation]
        risks = evidence.risks
        treated = risks.open - risks.unassessed - risks.untreated
        ceiling = member.coaching_half_days_ceiling
        found[organisation] = {
            **{area: float(level) for area, level in levels.get(organisation, {}).items()},
            "readiness": float(readiness.readiness(evidence).percent),
            "risks_treated": float(_percent(treated, risks.open)),
            "documents_approved": float(evidence.documents.published),
            "coaching_used": float(_percent(member.coaching_half_days_used, ceiling)),
            "modules_attended": float(attended.get(organisation, 0)),
        }
    return found


def _percent(part: int, whole: int) -> int:
    """Rounded down; 0 of nothing is 0."""
    return 0 if whole <= 0 else max(0, part) * 100 // whole
