"""What the input-limits test needs of the audit evidence: an export of one organisation of the scenario, its window
tried one end at a time, the other end placed so that the window is otherwise valid (within three years, not ending
after the business day)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from domain.evidence.commands import ExportAuditBundle
from domain.shared.aggregate import SYSTEM_ACTOR
from tests.unit.programme_scenario import Scenario

FIRST, TODAY = date(2000, 1, 1), date(2027, 1, 4)
A_YEAR = timedelta(days=365)


def _export_from(s: Scenario, day: date) -> object:
    window_to = TODAY if day > TODAY - A_YEAR else max(day, FIRST) + A_YEAR
    return s.app.handle(ExportAuditBundle(s.tenant, SYSTEM_ACTOR, s.members[0], day, window_to))


def _export_to(s: Scenario, day: date) -> object:
    window_from = FIRST if day < FIRST + A_YEAR else min(day, TODAY) - A_YEAR
    return s.app.handle(ExportAuditBundle(s.tenant, SYSTEM_ACTOR, s.members[0], window_from, day))


EVIDENCE_DATE_CALLS: dict[tuple[str, str], Any] = {
    ("ExportAuditBundle", "window_from"): _export_from,
    ("ExportAuditBundle", "window_to"): _export_to,
}
EVIDENCE_DATE_BOUNDS = {
    ("ExportAuditBundle", "window_from"): (FIRST, TODAY),
    ("ExportAuditBundle", "window_to"): (FIRST, TODAY),
}
"""A window ends on the business day at the latest: nothing is recorded after it yet."""
