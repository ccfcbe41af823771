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


@dataclass(frozen=True)
class OverrideRow:
    decided_at: datetime
    additional_half_days: int
    reason: str
    decided_by: str
