"""The members' comparison: `clusterComparison`, and the consultancy's threshold."""

from __future__ import annotations

from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.comparison.actions import CONSENT
from backend.graphql.comparison.figures import compared_figures
from backend.graphql.comparison.types import (
    ClusterComparison,
    ClusterComparisonResult,
    ComparedFigure,
    ComparisonViewerCan,
    NotEnoughMembersError,
    NotEnoughMembersReason,
)
from backend.graphql.core.context import Context
from backend.graphql.core.errors import ErrorCode, lookup_refusal, parse_id
from backend.graphql.core.permissions import IsAuthenticated
from backend.policy import comparison_scope, may
from domain.comparison.rules import Held, can_give_consent, can_withdraw_consent, held_because
from domain.shared.errors import DomainError, NotFound

NO_CLUSTER = "No cluster with this id."
TOO_FEW = "Fewer than {k} member organisations contribute to this cluster's comparison ({n} do), so none is shown."
ONE_CHANGED = (
    "One member joined or left since the last comparison and fewer than {k} of its members remain, so none is shown "
    "until another changes: a comparison must never tell one member's figures by difference."
)
LEFT = "Your organisation left this cluster: it reads its own figures, and no longer the cluster's median and range."
MESSAGES = {Held.TOO_FEW: TOO_FEW, Held.ONE_CHANGED: ONE_CHANGED, Held.LEFT: LEFT}


@strawberry.type
class ComparisonQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="The cluster's anonymised comparison for a member (its own figures beside the median and range) "
        "or its coach; NOT_ENOUGH_MEMBERS below k contributors; not found for anyone who does not see the cluster.",
    )
    def cluster_comparison(self, info: Info[Context, None], cluster_id: strawberry.ID) -> ClusterComparisonResult:
        try:
            return _comparison(info, parse_id(cluster_id, "cluster_id"))
        except DomainError as error:
            return lookup_refusal(error)

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="How many organisations must contribute before a cluster's comparison is shown (k, at least 3).",
    )
    def comparison_threshold(self, info: Info[Context, None]) -> int:
        return info.context.services.queries.comparison.threshold(info.context.scope)


def _comparison(info: Info[Context, None], cluster_id: UUID) -> ClusterComparison | NotEnoughMembersError:
    principal, queries = info.context.signed_in, info.context.services.queries
    everyone = comparison_scope(principal, queries, cluster_id)
    cohort = queries.comparison.cohort(info.context.scope, cluster_id) if everyone is not None else None
    if everyone is None or cohort is None:
        raise NotFound(NO_CLUSTER, "cluster_id")
    own = info.context.scope.organisation_id  # a member's people: the cluster is in view, so it is a member
    current, consenting = (False, False)
    if own is not None:
        current, consenting = queries.comparison.participation(info.context.scope, cluster_id, own)
    consents = (consenting and current) if own is not None else None
    acts = own is not None and current and may(principal, CONSENT, own)  # a member that left consents no more
    viewer_can = ComparisonViewerCan(
        give_consent=acts and can_give_consent(consenting),
        withdraw_consent=acts and can_withdraw_consent(consenting),
    )
    held = held_because(cohort.contributors, cohort.published, cohort.threshold)
    if own is not None and not current:
        held = Held.LEFT  # a member no more: the cluster's aggregates are its members' alone
    today = info.context.services.app.today()
    published = cohort.published if held is None else None
    found = [
        ComparedFigure.build(figure)
        for figure in compared_figures(queries, everyone, cluster_id, today, own, published, cohort.threshold)
    ]
    the_id = strawberry.ID(str(cluster_id))
    viewer_organisation = strawberry.ID(str(own)) if own is not None else None
    if held is None:
        return ClusterComparison(
            cluster_id=the_id,
            contributors=len(cohort.published),
            required=cohort.threshold,
            viewer_organisation_id=viewer_organisation,
            viewer_consents=consents,
            viewer_can=viewer_can,
            figures=found,
        )
    message = MESSAGES[held].format(k=cohort.threshold, n=len(cohort.contributors))
    return NotEnoughMembersError(
        code=ErrorCode.NOT_ENOUGH_MEMBERS,
        message=message,
        field=None,
        cluster_id=the_id,
        contributors=len(cohort.contributors),
        required=cohort.threshold,
        reason=NotEnoughMembersReason(held.value),
        viewer_organisation_id=viewer_organisation,
        viewer_consents=consents,
        viewer_can=viewer_can,
        figures=found,
    )
