"""The iCalendar feeds of a cluster's sessions, read by a real iCalendar parser."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from urllib.parse import unquote
from uuid import UUID

import pytest
from icalendar import Calendar

from backend.services import Services
from domain.clusters.cluster import Cluster
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.consultancy import consultancy_id
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN
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


FORM_CLUSTER = (
    "mutation($input: FormClusterInput!) { r: formCluster(input: $input) { "
    "__typename ... on ClusterChange { cluster { id } } ... on UserError { code field } } }"
)


def filename_in(header: str) -> str:
    """The name in `filename*`, which RFC 6266 has clients prefer, decoded by RFC 5987's grammar."""
    found = re.search(r"; filename\*=UTF-8''((?:%[0-9A-F]{2}|[A-Za-z0-9!#$&+.^_`|~-])+)(?:;|$)", header)
    assert found is not None, header
    return unquote(found.group(1), encoding="utf-8", errors="strict")


def fallback_in(header: str) -> str:
    """The plain `filename="..."` that clients without RFC 5987 read."""
    found = re.search(r'filename="([^"]*)"', header)
    assert found is not None, header
    return found.group(1)


def formed(admin: GraphQLClient, name: str) -> str:
    coach = admin.data("{ coaches { id } }")["coaches"][0]["id"]
    result = admin.data(FORM_CLUSTER, {"input": {"name": name, "coachId": coach}})["r"]
    assert result["__typename"] == "ClusterChange", result
    cluster_id: str = result["cluster"]["id"]
    return cluster_id


@pytest.mark.parametrize(
    ("name", "ascii_name"),
    [
        ("Łódź SMEs", "Lodz SMEs"),
        ('The "Quay" Cluster \\ 2026', "The Quay Cluster  2026"),
        ("Zürich \u2013 Genève 2026 ✓", "Zurich - Geneve 2026 _"),
    ],
)
def test_a_feed_is_named_after_its_cluster_whatever_the_script(
    client_for: ClientFor, name: str, ascii_name: str
) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster_id = formed(admin, name)
    response = admin.http.get(f"/clusters/{cluster_id}/calendar.ics")
    assert response.status_code == 200, response.text
    header = response.headers["content-disposition"]
    assert header.startswith("inline; ")
    assert filename_in(header) == f"{name}.ics"
    assert fallback_in(header) == f"{ascii_name}.ics"
    assert Calendar.from_ical(response.content)["x-wr-calname"] == name


def test_a_stored_cluster_name_with_a_line_break_still_gives_its_feed(
    client_for: ClientFor, services: Services
) -> None:
    """Names recorded before names had to fit on one line: the feed answers, its file name keeps the name."""
    admin = client_for(ALPINE_ADMIN)
    coach_id = UUID(admin.data("{ coaches { id } }")["coaches"][0]["id"])
    tenant_id = consultancy_id("alpine")
    name = "Line one\r\nLine two\tand a tab"
    cluster = Cluster(
        tenant_id=tenant_id, actor_id=SYSTEM_ACTOR, name=name, coach_id=coach_id, planned_start=None, planned_end=None
    )
    saved = services.app.save_changes(cluster)
    assert services.runner.wait_for(saved.position, 10)
    response = admin.http.get(f"/clusters/{cluster.id}/calendar.ics")
    assert response.status_code == 200, response.text
    header = response.headers["content-disposition"]
    assert "\r" not in header and "\n" not in header
    assert filename_in(header) == f"{name}.ics"
    assert fallback_in(header) == "Line one Line two and a tab.ics"
    assert Calendar.from_ical(response.content)["x-wr-calname"] == "Line one Line two and a tab"
