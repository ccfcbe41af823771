"""Feedback: members share and withdraw their own; coaches hide, saying why."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.auth.principal import Principal
from backend.graphql.context import Context
from backend.graphql.errors import parse_id
from backend.graphql.permissions import AUTHENTICATED
from backend.graphql.programme.common import on_cluster
from backend.graphql.programme.inputs import FeedbackItemInput, HideFeedbackInput, ShareFeedbackInput
from backend.graphql.programme.types import ClusterChangeResult
from backend.policy import Action, Named, acting_organisation
from domain.feedback.commands import HideFeedback, ShareFeedback, WithdrawFeedback


@strawberry.type
class FeedbackMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Anonymous unless `signed` is true.")
    async def share_feedback(self, info: Info[Context, None], input: ShareFeedbackInput) -> ClusterChangeResult:
        def build(p: Principal) -> ShareFeedback:
            signed_by = p.display_name if input.signed else None
            return ShareFeedback(
                p.tenant_id,
                p.account_id,
                parse_id(input.cluster_id, "cluster_id"),
                input.session_key,
                acting_organisation(p),
                input.kind,
                input.text,
                signed_by,
            )

        return await on_cluster(  # type: ignore[return-value]
            info,
            Action.SHARE_FEEDBACK,
            input.cluster_id,
            build,
            lambda app: app.share_feedback,
            lambda: Named(session_key=input.session_key),
        )

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Only the author's organisation may.")
    async def withdraw_feedback(self, info: Info[Context, None], input: FeedbackItemInput) -> ClusterChangeResult:
        def build(p: Principal) -> WithdrawFeedback:
            return WithdrawFeedback(
                p.tenant_id,
                p.account_id,
                parse_id(input.cluster_id, "cluster_id"),
                parse_id(input.item_id, "item_id"),
                acting_organisation(p),
            )

        return await on_cluster(  # type: ignore[return-value]
            info,
            Action.WITHDRAW_FEEDBACK,
            input.cluster_id,
            build,
            lambda app: app.withdraw_feedback,
            lambda: Named(feedback_item=parse_id(input.item_id, "item_id")),
        )

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def hide_feedback(self, info: Info[Context, None], input: HideFeedbackInput) -> ClusterChangeResult:
        def build(p: Principal) -> HideFeedback:
            return HideFeedback(
                p.tenant_id,
                p.account_id,
                parse_id(input.cluster_id, "cluster_id"),
                parse_id(input.item_id, "item_id"),
                input.reason,
            )

        return await on_cluster(  # type: ignore[return-value]
            info,
            Action.HIDE_FEEDBACK,
            input.cluster_id,
            build,
            lambda app: app.hide_feedback,
            lambda: Named(feedback_item=parse_id(input.item_id, "item_id")),
        )
