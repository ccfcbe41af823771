"""GraphQL shapes of the portfolio: clusters with their members, and effort beside the baseline."""

from __future__ import annotations

from typing import Annotated

import strawberry

from backend.graphql.core.errors import ForbiddenError, ValidationError
from backend.graphql.core.pagination import PageInfo
from domain.effort.effort import ClusterEffort


@strawberry.type(description="Days spent beside what a single-organisation project takes at this consultancy.")
class PortfolioEffort:
    organisations: int = strawberry.field(description="The members the days are shared among.")
    consultancy_days: float = strawberry.field(
        description="The coach's days: gap analyses, training held (once per cluster) and coaching."
    )
    days_per_organisation: float | None
    single_organisation_baseline_days: float | None
    share_of_baseline: float | None = strawberry.field(
        description="Days per organisation over the single-organisation baseline (paper 004 found about a third)."
    )

    @classmethod
    def of(cls, organisations: int, effort: ClusterEffort, baseline: float | None) -> PortfolioEffort:
        return cls(
            organisations=organisations,
            consultancy_days=effort.consultancy_days,
            days_per_organisation=effort.days_per_organisation,
            single_organisation_baseline_days=baseline,
            share_of_baseline=effort.share_of_baseline,
        )


@strawberry.type(description="A member of a cluster as the portfolio shows it.")
class PortfolioMember:
    organisation_id: strawberry.ID
    organisation_name: str
    active: bool
    stage: str = strawberry.field(
        description="`withdrawn`; else the first PDCA phase not done (`plan`, `do`, `check`, `act`), or `ready` "
        "once all are; `unknown` when its readiness is out of view."
    )
    readiness_percent: int | None
    coaching_half_days_used: int
    coaching_half_days_ceiling: int
    outcome: str = strawberry.field(description="The certification outcome: in_progress, established, certified…")
    effort_days: float = strawberry.field(
        description="Its gap analyses and coaching, and its share of the training the cluster held (held ÷ members)."
    )
    share_of_baseline: float | None = strawberry.field(description="Its days over the single-organisation baseline.")


@strawberry.type
class PortfolioCluster:
    id: strawberry.ID
    name: str
    status: str
    coach_name: str
    member_count: int
    members: list[PortfolioMember]
    effort: PortfolioEffort


@strawberry.type
class PortfolioEdge:
    cursor: str
    node: PortfolioCluster


@strawberry.type(description="A page of the clusters in view, by name, and the effort of every one of them.")
class Portfolio:
    edges: list[PortfolioEdge]
    page_info: PageInfo
    effort: PortfolioEffort = strawberry.field(
        description="Every cluster in view (of the status asked, if any), not only this page: days per "
        "organisation across all of them beside the baseline."
    )


PortfolioResult = Annotated[Portfolio | ValidationError | ForbiddenError, strawberry.union("PortfolioResult")]
