"""What the engagement queries answer: a member's coaching ledger and the overrides of its ceiling."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID


@dataclass(frozen=True)
class CoachingRow:
    entry_number: int
    held_on: date
    coach_id: UUID
    coach_name: str
    module_number: int | None
    work_done: str
    next_steps: str
    logged_at: datetime | None = None
    """When the half-day was recorded (the event's time), which may be days after it was held."""


@dataclass(frozen=True)
class OverrideRow:
    decided_at: datetime
    additional_half_days: int
    reason: str
    decided_by: str


@dataclass(frozen=True)
class CoachingCorrectionRow:
    """A correction of a ledger entry (`corrected`, with the new values) or its void (`voided`): what the entry
    said before, who acted, when and why."""

    entry_number: int
    action: str
    reason: str
    acted_by: str | None
    acted_at: datetime
    module_number: int | None
    held_on: date
    work_done: str
    next_steps: str
    corrected_held_on: date | None
    corrected_work_done: str | None
    corrected_next_steps: str | None
