"""The inputs of the feedback's mutations."""

from __future__ import annotations

import strawberry


@strawberry.input
class ShareFeedbackInput:
    cluster_id: strawberry.ID
    session_key: str
    kind: str = strawberry.field(description='"worked" or "hard".')
    text: str
    signed: bool = strawberry.field(default=False, description="Sign with your name; otherwise the item is anonymous.")


@strawberry.input
class FeedbackItemInput:
    cluster_id: strawberry.ID
    item_id: strawberry.ID


@strawberry.input
class HideFeedbackInput(FeedbackItemInput):
    reason: str


@strawberry.input(description="Shows a hidden item again; the reason is kept in the item's history.")
class UnhideFeedbackInput(FeedbackItemInput):
    reason: str
