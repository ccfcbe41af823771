"""A secret calendar link per person: it works without a cookie, shows only what its owner sees, and stops working
once regenerated or stopped."""

from __future__ import annotations

import re

from fastapi import FastAPI
from icalendar import Calendar
from starlette.testclient import TestClient

from backend.services import Services
from tests.api.conftest import ALPINE_COACH, HARBOUR_ADMIN, events_in_log
from tests.api.page_support import MEMBER, ClientFor, csrf
from tests.support.graphql_client import GraphQLClient

MAKE = "mutation { r: makeCalendarLink { __typename ... on CalendarLink { path viewer { calendarLinkActive } } } }"
STOP = "mutation { r: stopCalendarLink { __typename ... on UserError { code message } ... on Viewer { calendarLinkActive } } }"


def make(client: GraphQLClient) -> str:
    made = client.data(MAKE)["r"]
    assert made["__typename"] == "CalendarLink" and made["viewer"] == {"calendarLinkActive": True}
    path: str = made["path"]
    assert re.fullmatch(r"/feeds/[A-Za-z0-9_-]{43}\.ics", path)
    return path


def summaries(body: str) -> list[str]:
    """The events' titles, as a calendar application reads them."""
    return [str(event["summary"]) for event in Calendar.from_ical(body).walk("VEVENT")]


def test_a_calendar_link_works_without_a_cookie_and_only_until_it_is_regenerated(
    client_for: ClientFor, app: FastAPI
) -> None:
    coach = client_for(ALPINE_COACH)
    first = make(coach)
    calendar_app = TestClient(app)  # no session: what a calendar application sends
    answer = calendar_app.get(first)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/calendar")
    assert "Module 6: Security policy, security measures and effectiveness (part 2)" in summaries(answer.text)
    assert "Coaching after module 1 (Boulangerie Muller)" in summaries(answer.text)
    second = make(coach)
    assert second != first
    assert calendar_app.get(first).status_code == 404
    assert calendar_app.get(second).status_code == 200


def test_a_stopped_link_answers_like_one_that_never_was(
    client_for: ClientFor, app: FastAPI, demo_services: Services
) -> None:
    member = client_for(MEMBER)
    path = make(member)
    assert member.data(STOP)["r"] == {"__typename": "Viewer", "calendarLinkActive": False}
    calendar_app = TestClient(app)
    assert calendar_app.get(path).status_code == 404
    assert calendar_app.get("/feeds/" + "A" * 43 + ".ics").status_code == 404
    assert calendar_app.get("/feeds/not-a-key.ics").status_code == 404
    before = events_in_log(demo_services)
    again = member.data(STOP)["r"]
    assert again == {
        "__typename": "ValidationError",
        "code": "VALIDATION",
        "message": "There is no calendar link to stop.",
    }
    assert events_in_log(demo_services) == before


def test_a_members_link_shows_only_what_the_member_sees(client_for: ClientFor, app: FastAPI) -> None:
    body = TestClient(app).get(make(client_for(MEMBER))).text
    shown = summaries(body)
    assert "Coaching after module 1 (Boulangerie Muller)" in shown
    assert not [s for s in shown if "Kirchberg Dental" in s or "Moselle Logistics" in s]
    other_tenant = TestClient(app).get(make(client_for(HARBOUR_ADMIN))).text
    assert "Harbour Tech Cluster" in other_tenant and "Luxembourg SMEs 2026" not in other_tenant


def test_the_account_page_shows_the_new_link_once(client_for: ClientFor, app: FastAPI) -> None:
    member = client_for(MEMBER)
    page = member.http.get("/account").text
    assert "Make my calendar link" in page
    made = member.http.post("/account/calendar-link", data={"csrf_token": csrf(page)})
    link = re.search(r"Your calendar link: http://testserver(/feeds/[A-Za-z0-9_-]{43}\.ics)", made.text)
    assert link is not None and "Make a new calendar link" in made.text
    assert TestClient(app).get(link.group(1)).status_code == 200
    assert link.group(1) not in member.http.get("/account").text
    refused = member.http.post("/account/calendar-link/stop", data={"csrf_token": csrf(page)})
    assert refused.status_code == 422 and "Tick the box to confirm" in refused.text
    stopped = member.http.post("/account/calendar-link/stop", data={"csrf_token": csrf(page), "stop-confirm": "yes"})
    assert "Your calendar link is stopped" in stopped.text and "Make my calendar link" in stopped.text
    assert TestClient(app).get(link.group(1)).status_code == 404
