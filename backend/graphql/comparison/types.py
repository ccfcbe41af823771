"""The members' comparison as the API answers it: aggregates and the viewer's own figures, never another member's."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from backend.graphql.comparison import figures
from backend.graphql.core.errors import ForbiddenError, NotFoundError, Refusal, UserError, ValidationError


@strawberry.type(description="One figure: the viewer's organisation's own beside the cohort's median and range.")
class ComparedFigure:
    key: str = strawberry.field(description='"clause 5", "theme people", "readiness", "risks_treated", ...')
    title: str
    group: str = strawberry.field(description='"maturity" (a clause or an Annex A theme) or "registers".')
    unit: str = strawberry.field(description='"level" (0-5), "percent" or "count".')
    own: float | None = strawberry.field(description="The viewer's organisation's; none for a coach or an admin.")
    median: float | None = strawberry.field(description="None unless at least k of the cohort have this figure.")
    minimum: float | None
    maximum: float | None

    @classmethod
    def build(cls, figure: figures.ComparedFigure) -> ComparedFigure:
        return cls(
            key=figure.key,
            title=figure.title,
            group=figure.group,
            unit=figure.unit,
            own=figure.own,
            median=figure.median,
            minimum=figure.minimum,
            maximum=figure.maximum,
        )


@strawberry.type(description="What the viewer may do about the comparison now.")
class ComparisonViewerCan:
    give_consent: bool = strawberry.field(description="Contribute the viewer's organisation's figures.")
    withdraw_consent: bool


@strawberry.type(description="The cluster's anonymised comparison: no member is named, no member's figure is shown.")
class ClusterComparison:
    cluster_id: strawberry.ID
    contributors: int = strawberry.field(description="How many members contribute (the published cohort).")
    required: int = strawberry.field(description="k: the consultancy's threshold.")
    viewer_organisation_id: strawberry.ID | None = strawberry.field(
        description="The viewer's own organisation, the one it consents for; none for a coach or an admin."
    )
    viewer_consents: bool | None = strawberry.field(description="None for a coach or an admin.")
    viewer_can: ComparisonViewerCan
    figures: list[ComparedFigure]


@strawberry.enum(description="Why a cluster's comparison is not shown.")
class NotEnoughMembersReason(Enum):
    TOO_FEW = "too_few"
    ONE_MEMBER_CHANGED = "one_changed"
    LEFT_THE_CLUSTER = "left"


@strawberry.type(
    description="No comparison is shown: fewer than k members contribute, or one joined or left since "
    "the last comparison and fewer than k of it remain, or the viewer's organisation left the cluster. The viewer's "
    "own figures are still given."
)
class NotEnoughMembersError(UserError):
    cluster_id: strawberry.ID
    contributors: int
    required: int = strawberry.field(description="k: the consultancy's threshold.")
    reason: NotEnoughMembersReason
    viewer_organisation_id: strawberry.ID | None
    viewer_consents: bool | None
    viewer_can: ComparisonViewerCan
    figures: list[ComparedFigure] = strawberry.field(description="The viewer's own figures; no aggregates.")


ClusterComparisonResult = Annotated[
    ClusterComparison | NotEnoughMembersError | NotFoundError | ForbiddenError | ValidationError,
    strawberry.union("ClusterComparisonResult"),
]


@strawberry.type(description="A member organisation's consent, as it now stands.")
class ComparisonConsentChange:
    cluster_id: strawberry.ID
    organisation_id: strawberry.ID
    consenting: bool


@strawberry.type(description="The consultancy's comparison threshold, as it now stands.")
class ComparisonThresholdChange:
    k: int


ComparisonConsentResult = Annotated[ComparisonConsentChange | Refusal, strawberry.union("ComparisonConsentResult")]
ComparisonThresholdResult = Annotated[
    ComparisonThresholdChange | Refusal, strawberry.union("ComparisonThresholdResult")
]
