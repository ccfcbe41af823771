"""What may be done to a risk, an action of the treatment plan or an objective, as pure functions: one definition
each, for the aggregates and the API."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from uuid import UUID


class Option(StrEnum):
    """How a risk is treated (ISO/IEC 27001 6.1.3)."""

    MITIGATE = "mitigate"
    ACCEPT = "accept"
    TRANSFER = "transfer"
    AVOID = "avoid"


OPTIONS = tuple(option.value for option in Option)


class Status(StrEnum):
    """Where a risk stands: identified, assessed, treated, accepted by its owner, or closed."""

    IDENTIFIED = "identified"
    ASSESSED = "assessed"
    TREATED = "treated"
    ACCEPTED = "accepted"
    CLOSED = "closed"


STATUSES = tuple(status.value for status in Status)


class Progress(StrEnum):
    """Where an action of the treatment plan stands."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


PROGRESS = tuple(progress.value for progress in Progress)
FINISHED = (Progress.DONE.value, Progress.CANCELLED.value)


class ObjectiveStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    ACHIEVED = "achieved"
    CANCELLED = "cancelled"


OBJECTIVE_STATUSES = tuple(status.value for status in ObjectiveStatus)
OBJECTIVE_FINISHED = (ObjectiveStatus.ACHIEVED.value, ObjectiveStatus.CANCELLED.value)


def can_change_risk(status: str) -> bool:
    """A closed risk is kept as it was."""
    return status != Status.CLOSED


def can_treat(status: str) -> bool:
    """A risk is treated once assessed."""
    return status in (Status.ASSESSED, Status.TREATED, Status.ACCEPTED)


def can_accept(status: str) -> bool:
    """What remains of a risk is accepted once it is treated (again after each re-assessment or treatment)."""
    return status == Status.TREATED


def is_owner(actor_id: UUID, owner_id: UUID) -> bool:
    """Only the risk's owner accepts it."""
    return actor_id == owner_id


def may_decide_for_management(actor_id: UUID, owner_id: UUID) -> bool:
    """Management's decision on a risk above the acceptance criteria is recorded by someone other than its owner:
    the owner would otherwise let themselves accept it."""
    return actor_id != owner_id


def acceptance_expired(until: date | None, today: date) -> bool:
    """An acceptance past its until-date: the risk is to be looked at again."""
    return until is not None and until < today


def is_overdue(due_on: date, status: str, today: date, finished: Iterable[str] = FINISHED) -> bool:
    return status not in tuple(finished) and due_on < today


def suggested_impact(shares: Iterable[float], impact_levels: int) -> int | None:
    """The impact the assets' classification suggests: the highest share of its scale any of their C, I or A
    reaches (3 of 4 is 0.75), carried onto the impact scale (rounded up). None when no asset is classified."""
    highest = max(shares, default=None)
    if highest is None:
        return None
    return max(1, min(impact_levels, math.ceil(highest * impact_levels)))
