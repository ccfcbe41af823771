"""The review's sections on nonconformities and audits, read from a hand-made register: what happened since the
previous review, and what is still open; what was closed or held before it was reported there and is left out."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any, cast
from uuid import UUID

from backend.graphql.reviews.gathering import Reading, audit_results, nonconformities
from projections.audits.rows import AuditPageRows, AuditRow
from projections.core.scope import Scope
from projections.nonconformities.rows import CorrectiveActionRow, NonconformityPageRows, NonconformityRow

TODAY, PREVIOUS = date(2026, 6, 1), date(2026, 3, 1)
ORGANISATION = uuid.uuid4()


def nc(title: str, raised: date, closed: date | None = None) -> NonconformityRow:
    status = "open" if closed is None else "closed"
    at = datetime(raised.year, raised.month, raised.day, 9)
    closed_at = None if closed is None else datetime(closed.year, closed.month, closed.day, 9)
    return NonconformityRow(
        uuid.uuid4(), ORGANISATION, title, title.lower(), "D", "minor", "other", None, status, None, None, 1, None,
        at, closed_at,
    )  # fmt: skip


def action(of: NonconformityRow, due: date, completed: date | None, effective: bool | None) -> CorrectiveActionRow:
    return CorrectiveActionRow(
        uuid.uuid4(), of.nonconformity_id, ORGANISATION, "Write the checklist", uuid.uuid4(), "Luc Muller", due,
        completed, None, None, None, effective, None,
    )  # fmt: skip


def audit(title: str, planned: date, held: date | None) -> AuditRow:
    status = "planned" if held is None else "completed"
    return AuditRow(
        uuid.uuid4(), ORGANISATION, uuid.uuid4(), 2026, title, "[]", "C", planned, uuid.uuid4(), "Claire Coach",
        status, held, None, 0, 0, title.lower(),
    )  # fmt: skip


def reading(ncs: list[NonconformityRow], actions: dict[UUID, list[CorrectiveActionRow]], audits: list[AuditRow],
            counts: dict[UUID, dict[str, int]], previous: date | None = PREVIOUS) -> Reading:  # fmt: skip
    queries = SimpleNamespace(
        nonconformities=SimpleNamespace(
            nonconformities=lambda *_: NonconformityPageRows(ncs, False, len(ncs)),
            organisation_actions=lambda *_: actions,
        ),
        audits=SimpleNamespace(
            audits=lambda *_: AuditPageRows(audits, False, len(audits)), finding_counts=lambda *_: counts
        ),
    )
    return Reading(cast(Any, queries), Scope(uuid.uuid4()), ORGANISATION, uuid.uuid4(), TODAY, previous)


def test_open_nonconformities_and_those_closed_since_the_previous_review_with_their_actions() -> None:
    before = nc("Closed before", date(2026, 1, 5), closed=date(2026, 2, 1))
    since = nc("Closed since", date(2026, 1, 5), closed=date(2026, 4, 2))
    still = nc("Still open", date(2026, 1, 5))
    actions = {
        still.nonconformity_id: [action(still, date(2026, 5, 1), None, None), action(still, date(2026, 7, 1), None, None)],
        since.nonconformity_id: [action(since, date(2026, 3, 1), date(2026, 3, 2), True)],
    }  # fmt: skip
    section = nonconformities(reading([before, since, still], actions, [], {}))
    assert (
        section.recorded and section.title == "Nonconformities open or closed since 2026-03-01 and corrective actions"
    )
    assert section.lines == (
        "Closed since (minor, raised 2026-01-05): closed on 2026-04-02",
        "Corrective action: Write the checklist: Luc Muller, due 2026-03-01, verified effective",
        "Still open (minor, raised 2026-01-05): open",
        "Corrective action: Write the checklist: Luc Muller, due 2026-05-01, open — overdue",
        "Corrective action: Write the checklist: Luc Muller, due 2026-07-01, open",
    )
    first = nonconformities(reading([before], {}, [], {}, previous=None))
    assert first.lines == ("Closed before (minor, raised 2026-01-05): closed on 2026-02-01",)  # at the first review
    assert nonconformities(reading([before], {}, [], {})).lines == ("None.",)


def test_audits_held_since_the_previous_review_with_their_findings_by_kind_and_report() -> None:
    earlier = audit("Held before", date(2026, 2, 1), date(2026, 2, 3))
    held = audit("Access control", date(2026, 4, 1), date(2026, 4, 2))
    coming = audit("Suppliers", date(2026, 9, 1), None)
    counts = {held.audit_id: {"major_nonconformity": 1, "observation": 2}, earlier.audit_id: {"opportunity": 1}}
    section = audit_results(reading([], {}, [earlier, held, coming], counts))
    assert section.title == "Audit results since 2026-03-01"
    assert section.lines == (
        "Access control (Claire Coach): held on 2026-04-02, report issued; "
        "findings: 1 major, 0 minor, 2 observation, 0 opportunity",
        "Suppliers (Claire Coach): planned for 2026-09-01, no report yet; "
        "findings: 0 major, 0 minor, 0 observation, 0 opportunity",
    )
