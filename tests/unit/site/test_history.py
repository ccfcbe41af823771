"""A page as of a moment: `?as_of=` read as UTC to the second (a date is the end of that day, today's up to now), and
the page keeping the moment in its links and showing no form that posts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from frontend.site.filters import recorded_apart
from frontend.site.history import NotAMoment, parse_moment, shown_as_of

NOW = datetime(2026, 3, 31, 14, 30, 15, 500, tzinfo=UTC)


@pytest.mark.parametrize(
    ("given", "moment"),
    [
        ("2026-03-30", datetime(2026, 3, 30, 23, 59, 59, tzinfo=UTC)),
        ("2026-03-31", datetime(2026, 3, 31, 14, 30, 15, tzinfo=UTC)),  # today: up to now
        ("2026-03-31T09:15", datetime(2026, 3, 31, 9, 15, tzinfo=UTC)),
        ("2026-03-31T09:15:07.9", datetime(2026, 3, 31, 9, 15, 7, tzinfo=UTC)),
        ("2026-03-31T11:15+02:00", datetime(2026, 3, 31, 9, 15, tzinfo=UTC)),
    ],
)
def test_a_moment_is_read_as_utc_to_the_second(given: str, moment: datetime) -> None:
    assert parse_moment(given, NOW) == moment


@pytest.mark.parametrize("given", ["yesterday", "2026-02-30", "31/03/2026", "2026-04-01", "2026-03-31T14:31"])
def test_a_moment_that_is_none_or_still_to_come_is_refused(given: str) -> None:
    with pytest.raises(NotAMoment):
        parse_moment(given, NOW)


def test_the_page_keeps_the_moment_in_its_links_and_shows_no_form_that_posts() -> None:
    html = """<header><a href="/clusters">Clusters</a><form method="post" action="/logout"></form></header>
<main id="main"><a href="/assets?kind=x#top">A</a> <a class="x" href="/risks">R</a> <a href="/static/a.css">S</a>
<a href="/now" data-now>Back</a> <a href="https://example.com">E</a>
<form method="post" action="/assets"><input name="name"></form><form method="get" action="/assets"></form></main>"""
    shown = shown_as_of(html, datetime(2026, 3, 31, 9, 15, tzinfo=UTC))
    assert '<a href="/clusters?as_of=2026-03-31T09:15:00">' in shown
    assert '<a href="/assets?kind=x&amp;as_of=2026-03-31T09:15:00#top">' in shown
    assert '<a class="x" href="/risks?as_of=2026-03-31T09:15:00">' in shown
    assert '"/static/a.css"' in shown and 'href="/now" data-now' in shown and '"https://example.com"' in shown
    assert 'action="/logout"' in shown and 'action="/assets"><input name="name">' not in shown
    assert '<form method="get" action="/assets"><input type="hidden" name="as_of" value="2026-03-31T09:15:00">' in shown
    assert shown_as_of(html, None) == html


def test_a_fact_recorded_a_day_or_more_from_its_date_is_told_apart() -> None:
    assert recorded_apart("2026-03-03T09:00:00+00:00", "2026-03-02")
    assert not recorded_apart("2026-03-02T18:00:00+00:00", "2026-03-02")
    assert recorded_apart("2026-03-05T10:00:00+00:00", "2026-03-04T09:00:00+00:00")
    assert not recorded_apart(None, "2026-03-02") and not recorded_apart("soon", "2026-03-02")
