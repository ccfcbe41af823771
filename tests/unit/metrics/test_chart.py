"""The metric chart's geometry: every point inside the drawing box, a missed one told apart, the target drawn
across with a step where it was revised, and dates thinned under the axis."""

from __future__ import annotations

from typing import Any

from frontend.metrics.chart import HEIGHT, LEFT, RIGHT, TOP, WIDTH, measurement_chart, number
from frontend.metrics.views import decimal, typed
from frontend.site.forms import Submission


def measured(on: str, value: float, target: float = 95, missed: bool = False) -> dict[str, Any]:
    return {"measuredOn": on, "value": value, "target": target, "missed": missed}


def test_no_measurement_draws_no_chart() -> None:
    assert measurement_chart([], "%") is None


def test_points_stay_in_the_box_the_oldest_left_and_a_miss_is_marked() -> None:
    chart = measurement_chart(
        [measured("2026-01-31", 96), measured("2026-02-28", 91, missed=True), measured("2026-03-31", 99)], "%"
    )
    assert chart is not None
    xs, ys = [p.x for p in chart.points], [p.y for p in chart.points]
    assert xs == sorted(xs) and xs[0] == LEFT and xs[-1] == WIDTH - RIGHT
    assert all(TOP <= y <= HEIGHT for y in ys)
    assert ys[1] > ys[0] > ys[2]  # the lower value drawn lower
    assert [p.missed for p in chart.points] == [False, True, False]
    assert chart.points[1].title == "2026-02-28: 91 % (missed, target 95)"
    assert chart.target.startswith(f"{LEFT}.0,") and chart.target.count(" ") == 1  # one straight line


def test_a_revised_target_steps_and_a_single_measurement_sits_in_the_middle() -> None:
    chart = measurement_chart([measured("2026-01-31", 3, 2, True), measured("2026-02-28", 1, 4)], "incidents")
    assert chart is not None and chart.target.count(" ") == 3
    one = measurement_chart([measured("2026-01-31", 5, 5)], "h")
    assert one is not None and one.points[0].x == (LEFT + WIDTH - RIGHT) / 2
    assert [t.label for t in one.y_ticks] == ["3.5", "4", "4.5", "5", "5.5", "6", "6.5"]


def test_dates_are_thinned_under_the_axis_and_numbers_read_as_written() -> None:
    many = [measured(f"2025-{month:02d}-01", month) for month in range(1, 13)]
    chart = measurement_chart(many, "%")
    assert chart is not None and len(chart.x_ticks) <= 7
    assert (chart.x_ticks[0].anchor, chart.x_ticks[1].anchor) == ("start", "middle")
    assert (number(95.0), number(87.5), number(1250), number(0.125)) == ("95", "87.5", "1,250", "0.125")


def test_values_too_close_to_tell_apart_are_drawn_on_one_level_instead_of_failing() -> None:
    chart = measurement_chart([measured("2026-01-31", 1e-323, 5e-324), measured("2026-02-28", 2e-323, 5e-324)], "s")
    assert chart is not None and all(TOP <= p.y <= HEIGHT for p in chart.points)


def test_a_number_filled_into_a_form_reads_back_as_the_same_number() -> None:
    for value in (1250.0, 1_234_567.5, 98.5, 0.001, 2.5e-7, 999_999_999_999.0):
        form = Submission.read({"value": typed(value)})
        assert decimal(form, "value") == value and not form.errors
    assert decimal(Submission.read({"value": "98,5"}), "value") == 98.5
    for ambiguous in ("1,250.5", "1.250,5", "1,250,000"):
        form = Submission.read({"value": ambiguous})
        assert decimal(form, "value") is None and "thousands separators" in form.errors["value"]
