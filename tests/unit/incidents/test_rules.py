"""The incident rules: service levels shorten with severity, breaches show as soon as a target passes, availability
counts overlapping outages once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.incidents.rules import (
    Targets,
    availability_percent,
    breached,
    can_close,
    can_escalate,
    due_at,
    next_level,
    outage_minutes,
    targets_problem,
)
from domain.incidents.service_levels import checked_targets
from domain.shared.errors import ValidationFailed

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def table(**changes: Targets) -> dict[str, Targets]:
    base = {
        "critical": Targets(15, 30, 240),
        "high": Targets(30, 60, 480),
        "medium": Targets(60, 240, 1440),
        "low": Targets(240, 480, 4320),
    }
    return base | changes


def test_a_sound_table_passes() -> None:
    assert targets_problem(table()) is None


def test_a_more_severe_incident_never_waits_longer() -> None:
    assert targets_problem(table(critical=Targets(45, 60, 240))) == (
        "critical.reaction",
        "A critical incident needs a target no longer than a high one.",
    )


def test_reaction_escalation_recovery_in_order_and_bounded() -> None:
    assert targets_problem(table(low=Targets(240, 100, 4320)))[0] == "low.escalation"  # type: ignore[index]
    assert targets_problem(table(low=Targets(240, 480, 300)))[0] == "low.recovery"  # type: ignore[index]
    assert targets_problem(table(critical=Targets(0, 30, 240)))[0] == "critical.reaction"  # type: ignore[index]
    missing = table()
    del missing["medium"]
    assert targets_problem(missing)[0] == "medium.reaction"  # type: ignore[index]


def test_checked_targets_names_the_field() -> None:
    with pytest.raises(ValidationFailed) as unknown:
        checked_targets({"urgent": {"reaction": 1, "escalation": 1, "recovery": 1}})
    assert unknown.value.field == "urgent.reaction"
    with pytest.raises(ValidationFailed) as missing:
        checked_targets({"critical": {"reaction": 1, "escalation": 1}})
    assert missing.value.field == "critical.recovery"


def test_a_breach_shows_while_open_and_after_a_late_step() -> None:
    due = due_at(T0, Targets(15, 30, 240), "reaction")
    assert due == T0 + timedelta(minutes=15)
    assert not breached(due, None, T0 + timedelta(minutes=10))
    assert breached(due, None, T0 + timedelta(minutes=16))
    assert breached(due, T0 + timedelta(minutes=20), T0 + timedelta(minutes=21))
    assert not breached(due, T0 + timedelta(minutes=5), T0 + timedelta(days=9))
    assert not breached(None, None, T0 + timedelta(days=9))


def test_escalation_goes_one_level_at_a_time_while_open() -> None:
    assert next_level(None) == "first"
    assert next_level("first") == "second"
    assert next_level("second") == "third"
    assert not can_escalate("reported", "third")
    assert not can_escalate("restored", None)
    assert can_close("restored") and not can_close("acknowledged")


def test_availability_counts_overlaps_once_and_only_inside_the_month() -> None:
    start, end = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC)
    hour = timedelta(hours=1)
    periods = [
        (T0, T0 + hour),
        (T0 + hour / 2, T0 + 2 * hour),  # overlaps the first
        (start - hour, start + hour),  # half before the month
        (end - hour, end + hour),  # half after it
    ]
    assert outage_minutes(periods, start, end) == 120 + 60 + 60
    assert availability_percent(240, start, end) == round(100 * (1 - 240 / (31 * 24 * 60)), 2)
    assert availability_percent(0, start, end) == 100.0
