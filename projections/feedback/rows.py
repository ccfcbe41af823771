"""What the feedback queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class FeedbackActionRow:
    """What a coach did to an item: `hidden`, or `shown_again` (the correction of a hiding), when and why."""

    action: str
    reason: str
    acted_at: datetime


@dataclass(frozen=True)
class FeedbackRow:
    item_id: UUID
    session_key: str
    kind: str
    text: str
    signed_by: str | None
    status: str
    hidden_reason: str | None
    shared_at: datetime | None
    """When it was shared: only for a signed item or the viewer's own organisation's (an unsigned item of another
    member carries no time, which could single out its author)."""
    mine: bool
    history: tuple[FeedbackActionRow, ...] = ()
