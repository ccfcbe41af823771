"""The feedback feature's commands."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.clusters.payloads import cluster_change
from backend.graphql.clusters.types import ClusterChangeResult
from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.feedback.actions import HIDE_FEEDBACK, SHARE_FEEDBACK, UNHIDE_FEEDBACK, WITHDRAW_FEEDBACK
from backend.graphql.feedback.inputs import (
    FeedbackItemInput,
    HideFeedbackInput,
    ShareFeedbackInput,
    UnhideFeedbackInput,
)
from domain.feedback.commands import HideFeedback, ShareFeedback, UnhideFeedback, WithdrawFeedback


@strawberry.type
class FeedbackMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Anonymous unless `signed` is true.")
    async def share_feedback(self, info: Info[Context, None], input: ShareFeedbackInput) -> ClusterChangeResult:
        done = await change(
            info,
            SHARE_FEEDBACK,
            ShareFeedback,
            cluster_id=input.cluster_id,
            session_key=input.session_key,
            kind=input.kind,
            text=input.text,
            signed_by=info.context.signed_in.display_name if input.signed else None,
        )
        return cluster_change(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Only the author's organisation may.")
    async def withdraw_feedback(self, info: Info[Context, None], input: FeedbackItemInput) -> ClusterChangeResult:
        done = await change(
            info, WITHDRAW_FEEDBACK, WithdrawFeedback, cluster_id=input.cluster_id, item_id=input.item_id
        )
        return cluster_change(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def hide_feedback(self, info: Info[Context, None], input: HideFeedbackInput) -> ClusterChangeResult:
        done = await change(
            info,
            HIDE_FEEDBACK,
            HideFeedback,
            cluster_id=input.cluster_id,
            item_id=input.item_id,
            reason=input.reason,
        )
        return cluster_change(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Corrects a hiding, saying why.")
    async def unhide_feedback(self, info: Info[Context, None], input: UnhideFeedbackInput) -> ClusterChangeResult:
        done = await change(
            info,
            UNHIDE_FEEDBACK,
            UnhideFeedback,
            cluster_id=input.cluster_id,
            item_id=input.item_id,
            reason=input.reason,
        )
        return cluster_change(info, done)
