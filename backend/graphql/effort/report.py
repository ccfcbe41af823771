"""The effort report of a cluster, from the effort rows and the domain's totals."""

from __future__ import annotations

from uuid import UUID

from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.effort.types import EffortReport, MemberEffort
from domain.effort.effort import cluster_effort


def effort_report(info: Info[Context, None], cluster_id: UUID) -> EffortReport:
    queries, scope = info.context.services.queries, info.context.scope
    rows = queries.effort.effort(scope, cluster_id)
    consultancy = queries.tenancy.consultancy(scope)
    baseline = consultancy.single_organisation_baseline_days if consultancy else None
    held = queries.effort.training_half_days_held(scope, cluster_id)
    totals = cluster_effort([(r.gap_analysis_days, r.coaching_days) for r in rows], held, baseline)
    return EffortReport(
        members=[MemberEffort.from_row(r) for r in rows],
        training_days_held=totals.training_days_held,
        consultancy_days=totals.consultancy_days,
        days_per_organisation=totals.days_per_organisation,
        single_organisation_baseline_days=baseline,
        share_of_baseline=totals.share_of_baseline,
    )
