"""The plan's timeline chart: where each session, band, month and today's line stand."""

from __future__ import annotations

from datetime import date

from frontend.clusters.chart import AXIS_HEIGHT, DAY_WIDTH, ROW_HEIGHT, TRAINING, timeline_chart


def session(key: str, on: str, member: str | None = None, half_day: str = "morning", half_days: int = 1) -> dict:
    kind = "coaching" if member else "module"
    return {
        "key": key,
        "title": key,
        "kind": kind,
        "status": "scheduled",
        "scheduledOn": on,
        "halfDay": half_day,
        "halfDays": half_days,
        "organisationName": member,
    }


SESSIONS = [
    session("module:1", "2026-03-04", half_days=2),  # a Wednesday
    session("coaching:1:a", "2026-03-12", "Bakery", "afternoon"),
    session("module:2", "2026-04-02"),
]
AWAY = [{"organisationName": "Bakery", "startsOn": "2026-04-01", "endsOn": "2026-04-03"}]


def test_rows_bars_and_bands_stand_where_their_days_are() -> None:
    chart = timeline_chart("c", SESSIONS, ["Bakery", "Dentist"], AWAY, ["module:2"], date(2026, 3, 20))
    assert chart is not None
    assert [(row.label, row.y) for row in chart.rows] == [
        (TRAINING, AXIS_HEIGHT),
        ("Bakery", AXIS_HEIGHT + ROW_HEIGHT),
        ("Dentist", AXIS_HEIGHT + 2 * ROW_HEIGHT),
    ]
    training, bakery, dentist = chart.rows
    # the chart starts on the Monday before the first date: 2 March 2026
    assert [(bar.x, bar.width) for bar in training.bars] == [
        (2 * DAY_WIDTH, DAY_WIDTH),
        (31 * DAY_WIDTH, DAY_WIDTH - 1),
    ]
    assert bakery.bars[0].x == 10 * DAY_WIDTH + DAY_WIDTH // 2  # an afternoon starts mid-day
    assert [(band.x, band.width) for band in bakery.bands] == [(30 * DAY_WIDTH, 3 * DAY_WIDTH)]
    assert dentist.bars == [] and dentist.bands == []
    assert "clash" in training.bars[1].css and "clash" in training.bars[1].title
    assert "clash" not in training.bars[0].css
    assert training.bars[0].href == "/clusters/c/sessions/module:1"
    assert chart.today_x == 18 * DAY_WIDTH


def test_months_are_marked_on_their_first_monday_with_its_weekday() -> None:
    chart = timeline_chart("c", SESSIONS, [], [], [], date(2027, 1, 4))
    assert chart is not None
    assert [tick.label for tick in chart.ticks] == ["Mon 2 Mar 2026", "Mon 6 Apr 2026"]
    assert chart.today_x is None  # today lies outside the plan


def test_no_sessions_no_chart() -> None:
    assert timeline_chart("c", [], ["Bakery"], AWAY, [], date(2026, 3, 1)) is None
