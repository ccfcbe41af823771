"""A member's coaching ledger as a table: one row per half-day logged, as the member page lists them."""

from __future__ import annotations

from collections.abc import Iterable

from backend.exports.spreadsheet import Column, Sheet
from projections.queries import CoachingRow

COLUMNS = (
    Column("Half-day", 10, "0"),
    Column("Date", 12, "yyyy-mm-dd"),
    Column("Module followed up", 20, "0"),
    Column("Work done", 60),
    Column("Next steps", 50),
    Column("Coach", 24),
)


def ledger_sheet(entries: Iterable[CoachingRow]) -> Sheet:
    rows = [
        (e.entry_number, e.held_on, e.module_number, e.work_done, e.next_steps or None, e.coach_name) for e in entries
    ]
    return Sheet("Coaching ledger", COLUMNS, list(rows))
