"""The audit evidence's rules: each export of an organisation is numbered in its own stream, the n-th at version
n + 1; a window starts on or before its end, ends on the business day at the latest and covers three years at most;
an unknown organisation is refused; a refused export writes nothing. The page proposes the twelve months up to
today, 29 February included."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from domain.evidence.bundles import AuditBundles, audit_bundles_id, export_version
from domain.evidence.commands import ExportAuditBundle
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.calendar import business_day
from domain.shared.errors import DomainError, ValidationFailed
from frontend.evidence.pages import year_before
from tests.unit.programme_scenario import Scenario

TODAY = date(2027, 1, 4)


def export(s: Scenario, window_from: date, window_to: date, organisation: uuid.UUID | None = None) -> object:
    member = organisation or s.members[0]
    return s.app.handle(ExportAuditBundle(s.tenant, SYSTEM_ACTOR, member, window_from, window_to))


def test_each_export_is_numbered_in_the_organisation_s_own_stream() -> None:
    s = Scenario()
    export(s, date(2026, 1, 1), TODAY)
    export(s, date(2026, 1, 1), date(2026, 6, 30))
    export(s, date(2026, 1, 1), TODAY, s.members[1])
    mine = s.app.get(AuditBundles, s.tenant, audit_bundles_id(s.tenant, s.members[0]))
    other = s.app.get(AuditBundles, s.tenant, audit_bundles_id(s.tenant, s.members[1]))
    assert (mine.exported, mine.version) == (2, export_version(2))
    assert (other.exported, other.version) == (1, export_version(1))
    assert audit_bundles_id(s.tenant, s.members[0]) != audit_bundles_id(uuid.uuid4(), s.members[0])


@pytest.mark.parametrize(
    ("window", "field"),
    [
        ((date(2026, 6, 1), date(2026, 5, 31)), "window_from"),
        ((date(2026, 1, 1), date(2027, 1, 5)), "window_to"),
        ((date(2023, 12, 1), date(2026, 12, 31)), "window_from"),
        ((date(1999, 12, 31), date(2000, 6, 1)), "window_from"),
    ],
    ids=["starts after it ends", "ends after the business day", "over three years", "before 2000"],
)
def test_a_bad_window_is_refused_naming_its_field_and_writes_nothing(window: tuple[date, date], field: str) -> None:
    s = Scenario()
    before = s.position()
    with pytest.raises(ValidationFailed) as refused:
        export(s, *window)
    assert refused.value.field == field
    assert s.position() == before


def test_the_longest_window_and_a_single_day_are_accepted() -> None:
    s = Scenario()
    export(s, date(2024, 1, 4), TODAY)  # three years of 366 days at most
    export(s, TODAY, TODAY)
    assert s.app.get(AuditBundles, s.tenant, audit_bundles_id(s.tenant, s.members[0])).exported == 2


def test_an_unknown_organisation_is_refused_and_writes_nothing() -> None:
    s = Scenario()
    before = s.position()
    with pytest.raises(DomainError) as refused:
        export(s, date(2026, 1, 1), TODAY, uuid.uuid4())
    assert refused.value.field == "organisation_id"
    assert s.position() == before


def test_outside_a_command_only_the_order_and_the_length_of_the_window_are_checked() -> None:
    bundles = AuditBundles.open(uuid.uuid4(), SYSTEM_ACTOR, uuid.uuid4())
    assert bundles.export(SYSTEM_ACTOR, date(2030, 1, 1), date(2030, 12, 31)) == 1
    with business_day(TODAY), pytest.raises(ValidationFailed):
        bundles.export(SYSTEM_ACTOR, date(2027, 1, 1), date(2027, 1, 5))


@pytest.mark.parametrize(
    ("today", "proposed"),
    [(date(2027, 1, 4), date(2026, 1, 5)), (date(2024, 2, 29), date(2023, 3, 1)), (date(2025, 3, 1), date(2024, 3, 2))],
)
def test_the_page_proposes_the_twelve_months_up_to_today(today: date, proposed: date) -> None:
    assert year_before(today) == proposed
