"""Public holidays: the planner keeps sessions off each member's holidays as well as weekends, the proposal shown is
the plan accepted, a move onto a day off needs its confirmation, and the plan shows the sessions that fall on one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from backend.services import Services
from domain.shared.public_holidays import public_holidays
from tests.api.conftest import ALPINE_ADMIN, events_in_log
from tests.api.page_support import MEMBER, ClientFor, csrf, field
from tests.api.programme_support import cluster_view, demo_cluster, forming_cluster, mutate
from tests.support.graphql_client import GraphQLClient

PROPOSAL = """query($c: ID!, $s: Date!) { planProposal(clusterId: $c, startsOn: $s) {
  ... on PlanProposal { fingerprint sessions { key kind on organisationName } } } }"""
LOCATE = """mutation($input: ChangeOrganisationDetailsInput!) { r: changeOrganisationDetails(input: $input) {
  __typename } }"""
BAVARIA = public_holidays("DE", "BY", [2026])
LUXEMBOURG = public_holidays("LU", None, [2026])


def locate(admin: GraphQLClient, organisation_id: str, country: str, region: str | None = None) -> None:
    place = {"country": country, "region": region, "sector": "Retail", "employeeCount": 12}
    assert admin.data(LOCATE, {"input": {"organisationId": organisation_id, **place}})["r"]["__typename"] == (
        "OrganisationChange"
    )


def proposal(admin: GraphQLClient, cluster_id: str) -> dict:
    return admin.data(PROPOSAL, {"c": cluster_id, "s": "2026-04-06"})["planProposal"]


def test_the_plan_keeps_off_each_members_public_holidays_and_is_accepted_as_shown(
    client_for: ClientFor, demo_services: Services, days_pass: Callable[[date], None]
) -> None:
    days_pass(date(2026, 4, 1))
    admin = client_for(ALPINE_ADMIN)
    cluster = forming_cluster(admin, "Border Cluster", ("Atelier Munich", "Atelier Esch", "Atelier Nowhere"))
    unplaced = proposal(admin, cluster["id"])
    first_gap = min(s["on"] for s in unplaced["sessions"] if s["kind"] == "gap_analysis")
    assert first_gap == "2026-04-06"  # Easter Monday: only a weekday while nobody's place is known
    munich, esch = cluster["member_ids"]["Atelier Munich"], cluster["member_ids"]["Atelier Esch"]
    locate(admin, munich, "DE", "BY")
    locate(admin, esch, "LU")

    placed = proposal(admin, cluster["id"])
    assert placed["fingerprint"] != unplaced["fingerprint"]
    for session in placed["sessions"]:
        on = date.fromisoformat(session["on"])
        if session["organisationName"] in (None, "Atelier Munich"):
            assert on not in BAVARIA, session
        if session["organisationName"] in (None, "Atelier Esch"):
            assert on not in LUXEMBOURG, session
    easter_monday = {s["organisationName"] for s in placed["sessions"] if s["on"] == "2026-04-06"}
    assert easter_monday == {"Atelier Nowhere"}  # no place recorded: weekends only
    whole_cluster_days = {date.fromisoformat(s["on"]) for s in placed["sessions"] if s["organisationName"] is None}
    assert date(2026, 6, 4) not in whole_cluster_days  # Corpus Christi in Bavaria, a working day in Luxembourg

    accepted = mutate(
        admin,
        "acceptPlan",
        "AcceptPlanInput",
        {"clusterId": cluster["id"], "startsOn": "2026-04-06", "fingerprint": placed["fingerprint"]},
        "sessions { key scheduledOn dayOff { on reason } }",
    )
    assert {s["key"]: s["scheduledOn"] for s in accepted["cluster"]["sessions"]} == {
        s["key"]: s["on"] for s in placed["sessions"]
    }
    assert all(s["dayOff"] is None for s in accepted["cluster"]["sessions"])


def test_a_move_onto_a_weekend_or_holiday_needs_its_confirmation_and_the_plan_shows_it(
    client_for: ClientFor, demo_services: Services
) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster = demo_cluster(admin)
    view = cluster_view(admin, cluster["id"], "unavailability { organisationName endsOn }")
    key = "module:6"  # it clashes with Boulangerie Muller's unavailability: the coach moves it to just after
    saturday = max(date.fromisoformat(p["endsOn"]) for p in view["unavailability"]) + timedelta(days=1)
    while saturday.weekday() != 5:
        saturday += timedelta(days=1)
    move = {"clusterId": cluster["id"], "sessionKey": key, "on": saturday.isoformat(), "reason": "Only day free"}
    before = events_in_log(demo_services)
    refused = mutate(admin, "moveSession", "MoveSessionInput", move)
    assert (refused["code"], refused["field"]) == ("VALIDATION", "on")
    assert "is not a working day (a weekend): confirm" in refused["message"]
    assert events_in_log(demo_services) == before

    selection = f'session(key: "{key}") {{ dayOff {{ on reason }} }}'
    moved = mutate(admin, "moveSession", "MoveSessionInput", move | {"onDayOff": True}, selection)
    assert moved["cluster"]["session"]["dayOff"] == {"on": saturday.isoformat(), "reason": "a weekend"}
    shown = cluster_view(client_for(MEMBER), cluster["id"], selection)
    assert shown["session"]["dayOff"] == moved["cluster"]["session"]["dayOff"]  # the members see it too
    plan = admin.http.get(f"/clusters/{cluster['id']}/plan").text
    assert (
        f'Day off: <time datetime="{saturday.isoformat()}">{saturday:%a} {saturday.day} {saturday:%b %Y}</time>, a weekend'
        in plan
    )


def test_a_move_onto_a_members_public_holiday_is_refused_on_the_page_until_confirmed(
    client_for: ClientFor, demo_services: Services
) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster = demo_cluster(admin)
    modules = cluster_view(admin, cluster["id"], "sessions { key kind moduleNumber }")["sessions"]
    last = max((s for s in modules if s["kind"] == "module"), key=lambda s: s["moduleNumber"])["key"]
    page = f"/clusters/{cluster['id']}/sessions/{last}"  # the last module, free to move later
    form = {"csrf_token": csrf(admin.http.get(page).text), "move-halfDay": "morning", "move-reason": "Fair"}
    national_day = {"move-on": "2027-06-23"}  # Luxembourg's National Day, a Wednesday
    before = events_in_log(demo_services)
    refused = admin.http.post(f"{page}/move", data=form | national_day)
    assert refused.status_code == 422
    assert "Wednesday 23 June 2027 is not a working day (National Day in Luxembourg)" in field(refused.text, "move-on")
    assert events_in_log(demo_services) == before
    done = admin.http.post(f"{page}/move", data=form | national_day | {"move-onDayOff": "yes"})
    assert (
        done.status_code == 200 and "It falls on a day off (Wed 23 Jun 2027, National Day in Luxembourg)" in done.text
    )
    shown = admin.http.get(page).text
    assert (
        'everyone concerned: <time datetime="2027-06-23">Wed 23 Jun 2027</time> is National Day in Luxembourg' in shown
    )
