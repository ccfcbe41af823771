"""Corrections of the coaching ledger: an entry corrected or voided with a reason; a void entry stops counting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from domain.engagement.rules import can_correct_coaching_entry
from domain.shared.errors import NotFound
from tests.unit.engagement.test_engagement import ACTOR, RUNNING, START, coach, opened, refused


def test_a_correction_carries_the_new_date_and_notes_and_the_reason() -> None:
    engagement = opened()
    coach(engagement)
    engagement.collect_events()
    engagement.correct_coaching_entry(ACTOR, RUNNING, 1, date(2026, 3, 11), " Scope and assets ", "", "Wrong day")
    [corrected] = engagement.collect_events()
    assert (corrected.entry_number, corrected.held_on, corrected.work_done, corrected.reason) == (
        1,
        date(2026, 3, 11),
        "Scope and assets",
        "Wrong day",
    )
    assert engagement.half_days_counted == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"held_on": date(2026, 3, 1)}, "held_on"),
        ({"held_on": date(2299, 3, 1)}, "held_on"),
        ({"work_done": " "}, "work_done"),
        ({"reason": ""}, "reason"),
        ({"reason": "a\u0000b"}, "reason"),
        ({"reason": "x" * 1001}, "reason"),
    ],
)
def test_a_bad_correction_is_refused_naming_its_field(change: dict[str, object], field: str) -> None:
    engagement = opened()
    coach(engagement)
    engagement.collect_events()
    given: dict[str, object] = {
        "entry_number": 1,
        "held_on": START,
        "work_done": "Scope",
        "next_steps": "",
        "reason": "Typo",
    }
    refused(engagement.correct_coaching_entry, field, engagement, ACTOR, RUNNING, *{**given, **change}.values())


def test_a_voided_entry_stops_counting_against_the_ceiling_and_keeps_its_number() -> None:
    engagement = opened()
    tight = replace(RUNNING, base_ceiling=2)
    coach(engagement, tight)
    coach(engagement, tight)
    engagement.collect_events()
    refused(coach, "organisation_id", engagement, engagement, tight)
    engagement.void_coaching_entry(ACTOR, 2, "Logged twice")
    [voided] = engagement.collect_events()
    assert (voided.entry_number, voided.reason) == (2, "Logged twice")
    assert engagement.half_days_counted == 1
    coach(engagement, tight)
    [logged] = engagement.collect_events()
    assert logged.entry_number == 3


def test_an_unknown_or_void_entry_is_not_corrected() -> None:
    engagement = opened()
    coach(engagement)
    engagement.collect_events()
    with pytest.raises(NotFound) as unknown:
        engagement.void_coaching_entry(ACTOR, 2, "No such entry")
    assert unknown.value.field == "entry_number" and engagement.collect_events() == []
    refused(engagement.void_coaching_entry, "reason", engagement, ACTOR, 1, " ")
    engagement.void_coaching_entry(ACTOR, 1, "Logged by mistake")
    engagement.collect_events()
    refused(engagement.void_coaching_entry, "entry_number", engagement, ACTOR, 1, "Again")
    refused(engagement.correct_coaching_entry, "entry_number", engagement, ACTOR, RUNNING, 1, START, "W", "", "Fix")
    assert can_correct_coaching_entry(voided=False) and not can_correct_coaching_entry(voided=True)


def test_voiding_the_entry_that_held_a_coaching_slot_frees_the_slot_and_only_then() -> None:
    engagement = opened()
    coach(engagement, module=2)
    coach(engagement, module=2)
    coach(engagement, module=3)
    engagement.collect_events()
    engagement.void_coaching_entry(ACTOR, 1, "Logged twice")
    engagement.correct_coaching_entry(ACTOR, RUNNING, 3, date(2026, 3, 12), "Scope", "", "Wrong day")
    [first, corrected] = engagement.collect_events()
    assert first.released_module is None and 2 in engagement.coached_modules  # entry 2 still holds the slot
    assert corrected.module_number == 3  # the plan corrects the slot's date too
    engagement.void_coaching_entry(ACTOR, 2, "Did not take place")
    [second] = engagement.collect_events()
    assert second.released_module == 2 and engagement.coached_modules == {3}
