"""The effort report of a cluster, from the effort figures the viewer may see."""

from __future__ import annotations

from uuid import UUID

from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.effort.figures import effort_figures
from backend.graphql.effort.types import EffortReport, MemberEffort


def effort_report(info: Info[Context, None], cluster_id: UUID) -> EffortReport:
    figures = effort_figures(info.context.services.queries, info.context.scope, cluster_id)
    totals = figures.totals
    return EffortReport(
        members=[MemberEffort.from_row(r) for r in figures.members],
        member_count=figures.member_count,
        totals_withheld=totals is None,
        training_days_held=figures.training_days_held,
        consultancy_days=totals.consultancy_days if totals else None,
        days_per_organisation=totals.days_per_organisation if totals else None,
        single_organisation_baseline_days=figures.baseline_days,
        share_of_baseline=totals.share_of_baseline if totals else None,
    )
