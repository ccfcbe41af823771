"""The comparison's commands: a member's consent, and the consultancy's threshold."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.comparison.actions import CONSENT, SET_THRESHOLD
from backend.graphql.comparison.inputs import ComparisonConsentInput, ComparisonThresholdInput
from backend.graphql.comparison.types import (
    ComparisonConsentChange,
    ComparisonConsentResult,
    ComparisonThresholdChange,
    ComparisonThresholdResult,
)
from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.permissions import AUTHENTICATED
from domain.comparison.commands import GiveComparisonConsent, WithdrawComparisonConsent
from domain.tenancy.commands import SetComparisonThreshold


@strawberry.type
class ComparisonMutation:
    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="The organisation's figures count in its cluster's comparison from now on (its ISMS manager).",
    )
    async def give_comparison_consent(
        self, info: Info[Context, None], input: ComparisonConsentInput
    ) -> ComparisonConsentResult:
        done = await change(
            info, CONSENT, GiveComparisonConsent, cluster_id=input.cluster_id, organisation_id=input.organisation_id
        )
        return _consent(done, consenting=True)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Later comparisons leave the organisation's figures out.",
    )
    async def withdraw_comparison_consent(
        self, info: Info[Context, None], input: ComparisonConsentInput
    ) -> ComparisonConsentResult:
        done = await change(
            info, CONSENT, WithdrawComparisonConsent, cluster_id=input.cluster_id, organisation_id=input.organisation_id
        )
        return _consent(done, consenting=False)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="How many organisations must contribute before a cluster's comparison is shown (3 to 20).",
    )
    async def set_comparison_threshold(
        self, info: Info[Context, None], input: ComparisonThresholdInput
    ) -> ComparisonThresholdResult:
        done = await change(info, SET_THRESHOLD, SetComparisonThreshold, k=input.k)
        if not isinstance(done, tuple):
            return done
        return ComparisonThresholdChange(k=done[0].k)


def _consent(
    done: tuple[GiveComparisonConsent | WithdrawComparisonConsent, object] | object, consenting: bool
) -> ComparisonConsentResult:
    if not isinstance(done, tuple):
        return done  # type: ignore[return-value]
    cmd = done[0]
    return ComparisonConsentChange(
        cluster_id=strawberry.ID(str(cmd.cluster_id)),
        organisation_id=strawberry.ID(str(cmd.organisation_id)),
        consenting=consenting,
    )
