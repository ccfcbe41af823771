"""What the feedback queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class FeedbackRow:
    item_id: UUID
    session_key: str
    kind: str
    text: str
    signed_by: str | None
    status: str
    hidden_reason: str | None
    shared_at: datetime
    mine: bool
