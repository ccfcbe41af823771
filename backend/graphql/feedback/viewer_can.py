"""What the viewer may do with a feedback item."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.feedback.actions import HIDE_FEEDBACK, UNHIDE_FEEDBACK, WITHDRAW_FEEDBACK
from backend.policy import may
from domain.feedback import rules as feedback


@strawberry.type(description="What the viewer may do to an item of feedback now.")
class FeedbackItemViewerCan:
    withdraw: bool
    hide: bool
    unhide: bool = strawberry.field(description="Show a hidden item again: the correction of a hiding.")


def on_feedback_item(info: Info[Context, None], status: str, mine: bool) -> FeedbackItemViewerCan:
    p = info.context.signed_in
    withdrawn, hidden = status == "withdrawn", status == "hidden"
    return FeedbackItemViewerCan(
        withdraw=may(p, WITHDRAW_FEEDBACK) and mine and feedback.can_withdraw_feedback(withdrawn),
        hide=may(p, HIDE_FEEDBACK) and feedback.can_hide_feedback(withdrawn, hidden),
        unhide=may(p, UNHIDE_FEEDBACK) and feedback.can_unhide_feedback(withdrawn, hidden),
    )
