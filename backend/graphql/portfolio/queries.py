"""The portfolio read: a page of the clusters in view with their members, and the effort across all of them.

A page reads its clusters, their members and their effort in three statements whatever its size; each member's
readiness is then read as the readiness page reads it (it is made of every register of the organisation).
"""

from __future__ import annotations

from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import ErrorCode, ForbiddenError, user_error
from backend.graphql.core.pagination import PageInfo, check_page_size, decode_cursor, encode_cursor
from backend.graphql.core.permissions import IsAuthenticated
from backend.graphql.isms.queries import readiness_of
from backend.graphql.isms.types import Readiness
from backend.graphql.portfolio.actions import SEE_PORTFOLIO
from backend.graphql.portfolio.types import (
    Portfolio,
    PortfolioCluster,
    PortfolioEdge,
    PortfolioEffort,
    PortfolioMember,
    PortfolioResult,
)
from domain.clusters.rules import ClusterStatus
from domain.effort.effort import effort_of_members
from domain.shared.errors import DomainError, ValidationFailed
from projections.clusters.rows import ClusterRow, MemberRow
from projections.effort.rows import MemberDays

STATUSES = ", ".join(status.value for status in ClusterStatus)


@strawberry.type
class PortfolioQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="The consultancy's clusters by name, each with its members' stage, readiness, coaching and "
        "outcome, and the effort beside the single-organisation baseline: an admin's every cluster, a coach's "
        "the clusters they lead. `status` keeps the clusters of one status (forming, planned, running, closed).",
    )
    def portfolio(
        self, info: Info[Context, None], first: int = 20, after: str | None = None, status: str | None = None
    ) -> PortfolioResult:
        if not info.context.signed_in.roles & SEE_PORTFOLIO.roles:
            return ForbiddenError(
                code=ErrorCode.FORBIDDEN, message=f"You may not {SEE_PORTFOLIO.description}.", field=None
            )
        try:
            size, keyset, chosen = check_page_size(first), decode_cursor(after), _status(status)
        except DomainError as error:
            return user_error(error)  # type: ignore[return-value]
        return _page(info, size, keyset, chosen)


def _status(status: str | None) -> str | None:
    if status is None or status in {s.value for s in ClusterStatus}:
        return status
    raise ValidationFailed("status", f"Choose one of {STATUSES}.")


def _page(info: Info[Context, None], size: int, keyset: tuple[str, UUID] | None, status: str | None) -> Portfolio:
    queries, scope = info.context.services.queries, info.context.scope
    rows = queries.clusters.clusters(scope, size + 1, keyset, status)
    page = rows[:size]
    ids = [row.cluster_id for row in page]
    members = queries.clusters.members_of(scope, ids)
    effort = queries.effort.of_clusters(scope, ids)
    consultancy = queries.tenancy.consultancy(scope)
    baseline = consultancy.single_organisation_baseline_days if consultancy else None
    edges = [
        PortfolioEdge(
            cursor=encode_cursor(row.name, row.cluster_id),
            node=_cluster(
                info,
                row,
                members[row.cluster_id],
                effort.members[row.cluster_id],
                effort.training_half_days_held[row.cluster_id],
                baseline,
            ),
        )
        for row in page
    ]
    totals = queries.effort.portfolio_totals(scope, status)
    overall = effort_of_members(totals.members, totals.member_days, totals.training_half_days_held, baseline)
    return Portfolio(
        edges=edges,
        page_info=PageInfo(has_next_page=len(rows) > size, end_cursor=edges[-1].cursor if edges else None),
        effort=PortfolioEffort.of(totals.members, overall, baseline),
    )


def _cluster(
    info: Info[Context, None],
    row: ClusterRow,
    members: list[MemberRow],
    days: list[MemberDays],
    training_half_days_held: int,
    baseline: float | None,
) -> PortfolioCluster:
    spent = sum(d.gap_analysis_days + d.coaching_days for d in days)
    effort = effort_of_members(len(days), spent, training_half_days_held, baseline)
    training_share = effort.training_days_held / len(days) if days else 0.0
    by_member = {d.organisation_id: d for d in days}
    listed = tuple(m.organisation.organisation_id for m in members)  # their readiness is read together
    return PortfolioCluster(
        id=strawberry.ID(str(row.cluster_id)),
        name=row.name,
        status=row.status,
        coach_name=row.coach_name,
        member_count=row.member_count,
        members=[
            _member(info, m, listed, by_member.get(m.organisation.organisation_id), training_share, baseline)
            for m in members
        ],
        effort=PortfolioEffort.of(len(days), effort, baseline),
    )


def _member(
    info: Info[Context, None],
    row: MemberRow,
    listed: tuple[UUID, ...],
    days: MemberDays | None,
    training_share: float,
    baseline: float | None,
) -> PortfolioMember:
    organisation_id = row.organisation.organisation_id
    readiness = readiness_of(info, organisation_id, listed)
    spent = (days.gap_analysis_days + days.coaching_days if days else 0.0) + training_share
    return PortfolioMember(
        organisation_id=strawberry.ID(str(organisation_id)),
        organisation_name=row.organisation.name,
        active=row.active,
        stage=_stage(row, readiness),
        readiness_percent=readiness.percent if readiness else None,
        coaching_half_days_used=row.coaching_half_days_used,
        coaching_half_days_ceiling=row.coaching_half_days_ceiling,
        outcome=row.outcome,
        effort_days=round(spent, 2),
        share_of_baseline=round(spent / baseline, 3) if baseline else None,
    )


def _stage(row: MemberRow, readiness: Readiness | None) -> str:
    if not row.active:
        return "withdrawn"
    if readiness is None:
        return "unknown"
    return next((p.phase for p in readiness.phases if p.status != "done"), "ready")
