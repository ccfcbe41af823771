"""The iCalendar feeds of a cluster's sessions, read by a real iCalendar parser."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from icalendar import Calendar

from tests.api.conftest import ALPINE_COACH, HARBOUR_ADMIN
from tests.api.programme_support import demo_cluster
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]


def events(body: bytes) -> list[dict[str, object]]:
    calendar = Calendar.from_ical(body)
    return [
        {
            "summary": str(e["summary"]),
            "start": e.decoded("dtstart"),
            "end": e.decoded("dtend"),
            "status": str(e["status"]),
        }
        for e in calendar.walk("VEVENT")
    ]


def test_the_coach_feed_has_every_session_with_its_time_zone(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster = demo_cluster(coach)
    response = coach.http.get(f"/clusters/{cluster['id']}/calendar.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert b"BEGIN:VTIMEZONE" in response.content and b"TZID:Europe/Luxembourg" in response.content
    found = events(response.content)
    [module_1] = [e for e in found if str(e["summary"]).startswith("Module 1:")]
    start, end = module_1["start"], module_1["end"]
    assert isinstance(start, datetime) and isinstance(end, datetime)
    assert (start.hour, start.minute, end.hour, end.minute) == (9, 0, 12, 30)
    assert str(start.tzinfo) == "Europe/Luxembourg"
    training = [e for e in found if str(e["summary"]).startswith("Initial training")]
    assert len(training) == 2  # a day and a half: two events, the evening free
    assert {str(e["summary"]) for e in found} >= {
        "Gap analysis on site (Moselle Logistics)",
        "Gap analysis on site (Kirchberg Dental)",
    }


def test_a_member_feed_holds_the_cluster_sessions_and_that_members_own(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster = demo_cluster(coach)
    dental = cluster["member_ids"]["Kirchberg Dental"]
    found = events(coach.http.get(f"/clusters/{cluster['id']}/members/{dental}/calendar.ics").content)
    summaries = [str(e["summary"]) for e in found]
    assert "Gap analysis on site (Kirchberg Dental)" in summaries
    assert not [s for s in summaries if "Muller" in s or "Moselle" in s]
    assert any(str(e["summary"]).startswith("Module 10:") for e in found)


def test_feeds_are_not_given_to_other_consultancies_or_to_strangers(client_for: ClientFor) -> None:
    cluster = demo_cluster(client_for(ALPINE_COACH))
    harbour = client_for(HARBOUR_ADMIN)
    assert harbour.http.get(f"/clusters/{cluster['id']}/calendar.ics").status_code == 404
    dental = cluster["member_ids"]["Kirchberg Dental"]
    assert harbour.http.get(f"/clusters/{cluster['id']}/members/{dental}/calendar.ics").status_code == 404
    member = client_for("member@muller.example")
    assert member.http.get(f"/clusters/{cluster['id']}/members/{dental}/calendar.ics").status_code == 404
    harbour.http.cookies.clear()
    assert harbour.http.get(f"/clusters/{cluster['id']}/calendar.ics").status_code == 401
