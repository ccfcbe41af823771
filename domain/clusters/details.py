"""A cluster's details: its name and the coach who leads it. Changed with a reason; the history keeps both."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.clusters.rules import ClusterStatus, check_not_closed
from domain.shared.errors import ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, REASON_MAX_LENGTH, multi_line, single_line


@dataclass(frozen=True)
class DetailChanges:
    """What actually changes: a new name, a new coach (None when unchanged), and why."""

    name: str | None
    coach_id: UUID | None
    reason: str


def checked_changes(
    status: ClusterStatus, current_name: str, current_coach: UUID, name: str, coach_id: UUID, reason: str
) -> DetailChanges:
    """The changes, once every rule holds: the cluster is not closed, the name is a name, something changes, and a
    reason says why (all of the fields' errors are the first one found, in the form's order)."""
    check_not_closed(status, "name")
    new_name = cleaned_name(name)
    why = multi_line("reason", reason, REASON_MAX_LENGTH)
    renamed = new_name if new_name != current_name else None
    reassigned = coach_id if coach_id != current_coach else None
    if renamed is None and reassigned is None:
        raise ValidationFailed("name", "Nothing changed: give a new name or choose another coach.")
    return DetailChanges(renamed, reassigned, why)


def cleaned_name(name: str) -> str:
    return single_line("name", name, NAME_MAX_LENGTH)
