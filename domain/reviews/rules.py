"""What may be done to a management review and its actions in each status: one definition each, for the aggregate
and the API."""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class ReviewStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CLOSED = "closed"
    """Approved and frozen."""


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


FINISHED = frozenset({ActionStatus.DONE, ActionStatus.CANCELLED})


def can_gather_inputs(status: str) -> bool:
    """Inputs are gathered (again) until the review is held: what the meeting looked at is then fixed."""
    return status == ReviewStatus.PLANNED


def can_note_opportunity(status: str) -> bool:
    return status in (ReviewStatus.PLANNED, ReviewStatus.HELD)


def can_hold(status: str, inputs_gathered: bool) -> bool:
    """A review is held once its inputs are gathered."""
    return status == ReviewStatus.PLANNED and inputs_gathered


def can_decide(status: str) -> bool:
    return status == ReviewStatus.HELD


def can_close(status: str, decisions: int) -> bool:
    """A held review with at least one decision is closed (approved); it is then frozen."""
    return status == ReviewStatus.HELD and decisions > 0


def can_correct_decision(status: str) -> bool:
    """A closed review's decision is corrected by a new event with a reason, never edited."""
    return status == ReviewStatus.CLOSED


def can_change_action(status: str) -> bool:
    """An action is followed until it is done or cancelled, after the review is closed too."""
    return status not in FINISHED


def is_overdue(status: str, due_on: date, today: date) -> bool:
    return status not in FINISHED and due_on < today
