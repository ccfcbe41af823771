"""What may be done to a nonconformity, as pure functions: one definition each, for the aggregate and the API."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from uuid import UUID


class SourceKind(StrEnum):
    """Where a nonconformity was found; the source's id, if it has one, is kept beside it."""

    AUDIT = "audit"
    INCIDENT = "incident"
    REVIEW = "review"
    OTHER = "other"


SOURCE_KINDS = tuple(kind.value for kind in SourceKind)
SEVERITIES = ("major", "minor")


def can_verify(owner_id: UUID, verifier_id: UUID) -> bool:
    """An action's effectiveness is verified by someone other than its owner: nobody signs off their own work."""
    return owner_id != verifier_id


def is_overdue(due_on: date, completed_on: date | None, today: date) -> bool:
    """An action not completed by its due date."""
    return completed_on is None and due_on < today


def can_close(closed: bool, analysed: bool, actions_verified_effective: list[bool]) -> bool:
    """Closed once its root cause is analysed and every corrective action (at least one) is verified effective."""
    return not closed and analysed and bool(actions_verified_effective) and all(actions_verified_effective)


def can_change(closed: bool) -> bool:
    return not closed
