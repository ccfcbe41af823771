"""What may be done to a change, as pure functions: one definition each, for the aggregates and the API.

The paper's rules: productive changes are scheduled and have their configuration and fallback in place before they
run; the approver is never the change's owner (the four-eye principle); an emergency change runs only with the
consent of the Change Advisory Board, here of every one of its members (unanimity: no quorum smaller than the whole
board); a non-operational change (a non-productive environment) needs no scheduling; a standard change is one of
the duties the organisation defined up front, pre-approved, so it needs no separate approval."""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum
from uuid import UUID


class Category(StrEnum):
    STANDARD = "standard"
    NORMAL = "normal"
    """A regular change: neither pre-approved nor urgent."""
    EMERGENCY = "emergency"
    NON_OPERATIONAL = "non_operational"
    """A change in a non-productive environment."""


CATEGORIES = tuple(category.value for category in Category)


class ChangeRisk(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


RISKS = tuple(risk.value for risk in ChangeRisk)


class Status(StrEnum):
    """Where a change stands: filed, approved, scheduled, then executed with success or not."""

    FILED = "filed"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


STATUSES = tuple(status.value for status in Status)


def is_productive(category: str) -> bool:
    return category != Category.NON_OPERATIONAL


def needs_approval(category: str) -> bool:
    """A standard change is approved by the catalogue it is taken from."""
    return category != Category.STANDARD


def needs_board_consent(category: str) -> bool:
    return category == Category.EMERGENCY


def is_four_eyes(actor_id: UUID, owner_id: UUID) -> bool:
    """The approver is not the change's owner."""
    return actor_id != owner_id


def board_consented(board: Collection[UUID], consents: Collection[UUID]) -> bool:
    """Every member of the Change Advisory Board consented; a board without members never does."""
    return bool(board) and set(board) <= set(consents)


def status_of(approved: bool, scheduled: bool, succeeded: bool | None) -> Status:
    if succeeded is not None:
        return Status.SUCCEEDED if succeeded else Status.FAILED
    if approved and scheduled:
        return Status.SCHEDULED
    return Status.APPROVED if approved else Status.FILED


def can_approve(category: str, approved: bool, executed: bool) -> bool:
    return needs_approval(category) and not approved and not executed


def can_consent(category: str, executed: bool) -> bool:
    return needs_board_consent(category) and not executed


def can_schedule(executed: bool) -> bool:
    return not executed


def missing_before_execution(
    category: str, approved: bool, scheduled: bool, board: Collection[UUID], consents: Collection[UUID]
) -> str | None:
    """What the change still lacks before it may run, in the words shown to whoever tries; None when it may."""
    if needs_approval(category) and not approved:
        return "Have the change approved first, by someone other than its owner."
    if is_productive(category) and not scheduled:
        return "Schedule the change with its fallback procedure first: a productive change runs only so."
    if needs_board_consent(category) and not board_consented(board, consents):
        if not board:
            return "Name the Change Advisory Board first: an emergency change runs with its consent."
        return "Every member of the Change Advisory Board must consent to an emergency change first."
    return None
