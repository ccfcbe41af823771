"""The effort figures one viewer may see: the rows in view and the cluster's totals, for the API and the exports.

Totals count every member of the cluster, so a member reads the same totals as its coach. A member is shown them
only over enough members that they tell no other member's days (`totals_shared_with_member`).
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.effort.effort import ClusterEffort, effort_of_members, totals_shared_with_member
from projections.queries import EffortRow, ReadQueries, Scope


@dataclass(frozen=True)
class EffortFigures:
    members: list[EffortRow]
    """The members in view: every member for a coach, its own organisation for a member."""
    member_count: int
    """Every member of the cluster, the ones in view or not."""
    training_days_held: float
    baseline_days: float | None
    totals: ClusterEffort | None
    """None when withheld from a member of a cluster too small to keep the other members' days to themselves."""

    @property
    def members_not_shown(self) -> int:
        return self.member_count - len(self.members)


def effort_figures(queries: ReadQueries, scope: Scope, cluster_id: UUID) -> EffortFigures:
    """The figures of a cluster in the scope's view."""
    rows = queries.effort.effort(scope, cluster_id)
    everyone = queries.effort.members_effort(scope, cluster_id)
    consultancy = queries.tenancy.consultancy(scope)
    baseline = consultancy.single_organisation_baseline_days if consultancy else None
    held = queries.effort.training_half_days_held(scope, cluster_id)
    spent = everyone.gap_analysis_days + everyone.coaching_days
    totals = effort_of_members(everyone.members, spent, held, baseline)
    shown = scope.organisation_id is None or totals_shared_with_member(everyone.members)
    return EffortFigures(rows, everyone.members, held / 2, baseline, totals if shown else None)
