"""GraphQL shapes of the feedback shared at the cluster's training sessions."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.feedback.viewer_can import FeedbackItemViewerCan, on_feedback_item
from projections.queries import FeedbackRow


@strawberry.type(description="What a coach did to an item of feedback, and why.")
class FeedbackAction:
    action: str = strawberry.field(description='"hidden", or "shown_again" (the correction of a hiding).')
    reason: str
    acted_at: datetime


@strawberry.type(
    description="An item of feedback. The author is shown only if they signed it; nothing else tells who wrote an "
    "unsigned item (no time, and lists are ordered by session, kind and text, never by time)."
)
class FeedbackItem:
    id: strawberry.ID
    session_key: str
    kind: str
    text: str
    signed_by: str | None
    status: str
    hidden_reason: str | None
    shared_at: datetime | None = strawberry.field(
        description="When it was shared: only for a signed item or the viewer's own organisation's; null for an "
        "unsigned item of anyone else, whose time could single out its author."
    )
    mine: bool = strawberry.field(description="Shared by the viewer's own organisation (which may withdraw it).")
    history: list[FeedbackAction] = strawberry.field(description="Hidden and shown again, oldest first.")

    @strawberry.field(description="What the viewer may do to this item now.")
    def viewer_can(self, info: Info[Context, None]) -> FeedbackItemViewerCan:
        return on_feedback_item(info, self.status, self.mine)

    @classmethod
    def from_row(cls, row: FeedbackRow) -> FeedbackItem:
        return cls(
            id=strawberry.ID(str(row.item_id)),
            session_key=row.session_key,
            kind=row.kind,
            text=row.text,
            signed_by=row.signed_by,
            status=row.status,
            hidden_reason=row.hidden_reason,
            shared_at=row.shared_at,
            mine=row.mine,
            history=[FeedbackAction(action=a.action, reason=a.reason, acted_at=a.acted_at) for a in row.history],
        )
