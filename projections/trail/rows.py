"""What the trail queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID


@dataclass(frozen=True)
class TrailRow:
    position: int
    """The event's place in the log: what a page of the trail is ordered and cut by."""
    recorded_at: datetime
    register: str
    item_kind: str
    item_id: UUID
    item_version: int
    item_title: str | None
    """The item's name now (for an item that has one), or the one this event gave it."""
    actor_id: UUID
    actor_name: str | None
    """The actor's name when the event was recorded; none for an account the trail never saw opened."""
    event_name: str
    summary: str
    reason: str | None
    business_date: date | None


@dataclass(frozen=True)
class TrailPage:
    rows: list[TrailRow]
    has_next_page: bool


@dataclass(frozen=True)
class MilestonesReached:
    """A member's progress as its history shows it: when its first gap analysis was, when each milestone was
    first reached (by key, `projections/trail/milestones.py`)."""

    since: date | None
    reached: dict[str, date]
