"""What the management review queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID


@dataclass(frozen=True)
class ReviewRow:
    review_id: UUID
    organisation_id: UUID
    held_on: date
    chair: str
    attendees: tuple[str, ...]
    status: str
    gathered_on: date | None
    decisions: int
    closed_at: datetime | None
    changed_at: datetime


@dataclass(frozen=True)
class InputRow:
    """A section of the inputs as gathered: kept as it was on `gathered_on`."""

    key: str
    title: str
    recorded: bool
    lines: tuple[str, ...]


@dataclass(frozen=True)
class DecisionRow:
    number: int
    text: str
    how_reached: str
    resources: str
    correction_reason: str | None


@dataclass(frozen=True)
class ActionRow:
    review_id: UUID
    number: int
    decision: int
    held_on: date
    """The date of the review that decided it."""
    title: str
    owner: str
    due_on: date
    status: str
    note: str | None


@dataclass(frozen=True)
class ReviewDetail:
    review: ReviewRow
    inputs: tuple[InputRow, ...]
    opportunities: tuple[str, ...]
    decisions: tuple[DecisionRow, ...]
    actions: tuple[ActionRow, ...]
