"""The programme's pages (plan, sessions, members, effort), rendered from GraphQL and driven through their forms."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log, first_cluster
from tests.api.test_pages import csrf
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]

MEMBER = "member@muller.example"
CHANGE = "__typename ... on UserError { message }"
FORM = f"mutation($input: FormClusterInput!) {{ r: formCluster(input: $input) {{ {CHANGE} ... on ClusterChange {{ cluster {{ id }} }} }} }}"
REGISTER = f"mutation($input: RegisterOrganisationInput!) {{ r: registerOrganisation(input: $input) {{ {CHANGE} ... on OrganisationChange {{ organisation {{ id }} }} }} }}"
ADMIT = f"mutation($input: AdmitOrganisationInput!) {{ r: admitOrganisation(input: $input) {{ {CHANGE} }} }}"
CRITERIA = {"smallEnterprise": "15 staff", "managementCommitment": "Signed letter", "resourcesAvailable": "Budget"}
STATUS = "query($id: ID!) { cluster(id: $id) { ... on Cluster { status sessions { key } } } }"
ASSESSMENTS = """query($id: ID!, $org: ID!) { cluster(id: $id) { ... on Cluster {
    member(organisationId: $org) { gapAnalyses { analysedOn levels { area level } } } } } }"""
NAMES = ("Boulangerie", "Kirchberg", "Moselle", "Muller", "Weber", "Schmit", "Costa")


def demo_cluster(client: GraphQLClient) -> tuple[str, dict[str, str]]:
    """The demo cluster's id and its members' organisation ids by name."""
    cluster = first_cluster(client)
    members: list[dict[str, Any]] = cluster["members"]  # type: ignore[assignment]
    return str(cluster["id"]), {m["organisation"]["name"]: m["organisation"]["id"] for m in members}


def forming_cluster(admin: GraphQLClient, *members: str) -> str:
    """A cluster formed through GraphQL, with newly registered organisations admitted; its id."""
    coach_id = admin.data("{ coaches { id } }")["coaches"][0]["id"]
    formed = admin.data(FORM, {"input": {"name": "Esch Manufacturers", "coachId": coach_id}})["r"]
    cluster_id: str = formed["cluster"]["id"]
    for name in members:
        registered = {"name": name, "sector": "Metalwork", "employeeCount": 15}
        organisation_id = admin.data(REGISTER, {"input": registered})["r"]["organisation"]["id"]
        admission = {"clusterId": cluster_id, "organisationId": organisation_id, "criteria": CRITERIA}
        assert admin.data(ADMIT, {"input": admission})["r"]["__typename"] == "ClusterChange"
    return cluster_id


def row(html: str, session_key: str) -> str:
    found = re.search(rf'<tr class="[^"]*" data-session="{re.escape(session_key)}">.*?</tr>', html, re.S)
    assert found is not None, session_key
    return found.group(0)


def field(html: str, name: str) -> str:
    """The form field `name` with its label and error, as shown."""
    found = re.search(rf'<div class="field[^"]*">\s*<label for="{re.escape(name)}">.*?</div>', html, re.S)
    assert found is not None, name
    return found.group(0)


def items(html: str) -> list[str]:
    return re.findall(r'<li class="feedback-item.*?</li>', html, re.S)


def test_the_plan_shows_the_timeline_with_module_6_clashing_for_boulangerie_muller(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, members = demo_cluster(coach)
    html = coach.http.get(f"/clusters/{cluster_id}/plan").text
    assert "Gap analyses and initial training" in html
    assert html.index("Gap analyses and initial training") < html.index(">Module 1: Scope, ISMS policy and assets</th>")
    module_6 = row(html, "module:6")
    assert "clash" in module_6 and "Clash: Boulangerie Muller unavailable" in module_6
    assert f'href="/clusters/{cluster_id}/sessions/module:6"' in module_6
    assert "clash" not in row(html, "module:5")
    assert "Boulangerie Muller declared itself unavailable" in html
    assert "Trade fair in Frankfurt" in html
    for feed in (
        f"/clusters/{cluster_id}/calendar.ics",
        f"/clusters/{cluster_id}/members/{members['Kirchberg Dental']}/calendar.ics",
    ):
        assert f'href="{feed}"' in html
        assert coach.http.get(feed).headers["content-type"].startswith("text/calendar")


def test_a_forming_cluster_is_planned_by_accepting_the_proposal_shown(
    client_for: ClientFor, demo_services: Services
) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster_id = forming_cluster(admin, "Forge A", "Forge B")
    assert f'href="/clusters/{cluster_id}/plan">Propose a plan' in admin.http.get(f"/clusters/{cluster_id}").text
    assert "Propose a plan starting on" in admin.http.get(f"/clusters/{cluster_id}/plan").text
    garbled = admin.http.get(f"/clusters/{cluster_id}/plan", params={"startsOn": "2026-13-01"})
    assert garbled.status_code == 422 and "Enter a date such as" in field(garbled.text, "startsOn")

    proposed = admin.http.get(f"/clusters/{cluster_id}/plan", params={"startsOn": "2026-04-06"}).text
    assert "Proposed plan from" in proposed and "Module 1: Scope, ISMS policy and assets" in proposed
    assert "Forge A" in proposed and "Accept this plan" in proposed
    fingerprint = re.search(r'name="accept-fingerprint" value="([^"]+)"', proposed)
    assert fingerprint is not None
    accept = {"csrf_token": csrf(proposed), "accept-startsOn": "2026-04-06"}

    before = events_in_log(demo_services)
    stale = admin.http.post(f"/clusters/{cluster_id}/plan", data={**accept, "accept-fingerprint": "stale"})
    assert stale.status_code == 422 and "changed since this proposal was shown" in stale.text
    assert events_in_log(demo_services) == before

    accepted = admin.http.post(
        f"/clusters/{cluster_id}/plan",
        data={**accept, "accept-fingerprint": fingerprint.group(1)},
        follow_redirects=False,
    )
    assert accepted.status_code == 303 and accepted.headers["location"] == f"/clusters/{cluster_id}/plan"
    cluster = admin.data(STATUS, {"id": cluster_id})["cluster"]
    assert cluster["status"] == "planned" and "module:1" in [s["key"] for s in cluster["sessions"]]
    assert "Timeline" in admin.http.get(f"/clusters/{cluster_id}/plan").text
    assert "Start the cluster" in admin.http.get(f"/clusters/{cluster_id}").text


def test_a_session_shows_who_came_and_feedback_signed_or_anonymous(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, _ = demo_cluster(coach)
    response = coach.http.get(f"/clusters/{cluster_id}/sessions/module%3A1")  # keys hold ":"; encoded or not
    assert response.status_code == 200
    html = coach.http.get(f"/clusters/{cluster_id}/sessions/module:1").text
    assert "<h1>Module 1: Scope, ISMS policy and assets</h1>" in html
    attendance = re.search(r'<table class="attendance">.*?</table>', html, re.S)
    assert attendance is not None
    dental = re.search(r"<tr[^>]*>\s*<th scope=\"row\">Kirchberg Dental</th>.*?</tr>", attendance.group(0), re.S)
    assert dental is not None and "Dr Lena Weber" in dental.group(0) and "Only one person attended" in dental.group(0)
    assert "Marc Muller, Sophie Muller" in attendance.group(0)

    feedback = items(html)
    signed = [item for item in feedback if "— signed by Marc Muller" in item]
    anonymous = [item for item in feedback if "Anonymous" in item]
    assert len(signed) == 1 and "Working on our own asset list" in signed[0]
    assert len(anonymous) == 2
    for item in anonymous:
        assert not any(name in item for name in NAMES), item


def test_holding_a_scheduled_session_through_the_form_records_who_came(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, members = demo_cluster(coach)
    page = coach.http.get(f"/clusters/{cluster_id}/sessions/module:6").text
    assert "Record as held" in page
    scheduled_on = re.search(r'name="hold-heldOn" type="date" value="([^"]+)"', page)
    assert scheduled_on is not None
    hold = {
        "csrf_token": csrf(page),
        "hold-heldOn": scheduled_on.group(1),
        "hold-halfDays": "1",
        f"hold-attendees-{members['Boulangerie Muller']}": "Marc Muller\r\n Sophie Muller \r\n",
        f"hold-attendees-{members['Kirchberg Dental']}": "",
        f"hold-attendees-{members['Moselle Logistics']}": "Paul Schmit",
    }
    response = coach.http.post(f"/clusters/{cluster_id}/sessions/module:6/hold", data=hold)
    assert response.status_code == 200 and str(response.url).endswith("/sessions/module:6")
    html = response.text
    assert '<span class="status status-held">Held</span>' in html and "Record as held" not in html
    assert "Marc Muller, Sophie Muller" in html
    assert re.search(r"Kirchberg Dental</th>.*?<strong>Absent</strong>", html, re.S)
    assert re.search(r"Moselle Logistics</th>\s*<td>Paul Schmit</td>.*?Only one person attended", html, re.S)


def test_a_bad_form_is_answered_beside_its_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services
) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, members = demo_cluster(coach)
    page = coach.http.get(f"/clusters/{cluster_id}/plan").text
    before = events_in_log(demo_services)
    response = coach.http.post(
        f"/clusters/{cluster_id}/unavailability",
        data={
            "csrf_token": csrf(page),
            "unavailability-organisationId": members["Moselle Logistics"],
            "unavailability-startsOn": "2026-06-10",
            "unavailability-endsOn": "2026-06-01",
            "unavailability-reason": "Stock-taking",
        },
    )
    assert response.status_code == 422
    ends_on = field(response.text, "unavailability-endsOn")
    assert (
        "has-error" in ends_on and "Ends before it starts (2026-06-10)" in ends_on and 'aria-invalid="true"' in ends_on
    )
    assert 'value="Stock-taking"' in response.text  # what the user typed is kept
    assert "has-error" not in field(response.text, "move-on")  # the plan's other form is untouched
    assert events_in_log(demo_services) == before


def test_a_member_sees_its_own_page_but_not_another_members(client_for: ClientFor) -> None:
    cluster_id, members = demo_cluster(client_for(ALPINE_COACH))
    member = client_for(MEMBER)
    other = member.http.get(f"/clusters/{cluster_id}/members/{members['Kirchberg Dental']}")
    assert other.status_code == 404 and "Kirchberg" not in other.text
    own = member.http.get(f"/clusters/{cluster_id}/members/{members['Boulangerie Muller']}")
    assert own.status_code == 200 and "<h1>Boulangerie Muller</h1>" in own.text
    assert "Clause 4: Context of the organisation" in own.text and "4 used · " in own.text
    assert "Record the assessment" not in own.text and "Raise the ceiling" not in own.text


def test_a_member_page_shows_the_gauge_and_reassessing_shows_the_change_since_the_first(
    client_for: ClientFor,
) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, members = demo_cluster(coach)
    moselle = f"/clusters/{cluster_id}/members/{members['Moselle Logistics']}"
    page = coach.http.get(moselle).text
    assert re.search(r"26 used · \d+ estimated · 28 ceiling · 2 left", page)
    assert "Raise the ceiling" not in page  # only admins raise it
    assert "Raise the ceiling" in client_for(ALPINE_ADMIN).http.get(moselle).text

    assessments = coach.data(ASSESSMENTS, {"id": cluster_id, "org": members["Moselle Logistics"]})
    first = assessments["cluster"]["member"]["gapAnalyses"][0]
    visited = date.fromisoformat(first["analysedOn"]) + timedelta(days=1)
    levels = {f"assess-{area.replace(' ', '-')}": "3" for area in (level["area"] for level in first["levels"])}
    response = coach.http.post(
        f"{moselle}/assessments",
        data={"csrf_token": csrf(page), "assess-visitedOn": str(visited), "assess-analysedOn": str(visited), **levels},
    )
    assert response.status_code == 200 and "Assessment 2" in response.text
    changes = re.findall(r'<td class="change">([^<]+)</td>', response.text)
    expected = [
        "±0"
        if level["level"] == 3
        else f"+{3 - level['level']}"
        if level["level"] < 3
        else f"\N{MINUS SIGN}{level['level'] - 3}"
        for level in first["levels"]
    ]
    assert changes == expected


def test_the_effort_page_shows_the_table_the_chart_data_and_the_baseline(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, _ = demo_cluster(coach)
    html = coach.http.get(f"/clusters/{cluster_id}/effort").text
    table = re.search(r'<table class="effort">.*?</table>', html, re.S)
    assert table is not None
    assert re.search(r"Single-organisation baseline</th><td colspan=\"3\"></td><td>45</td>", table.group(0))
    assert table.group(0).count('<th scope="row">') == 5  # three members, days per organisation, the baseline
    assert re.search(r'<th scope="row">Moselle Logistics</th>(<td>[\d.]+</td>){4}', table.group(0))
    assert '<canvas id="effort-chart" role="img" aria-label="' in html
    assert '<script type="application/json" id="effort-data">{"baseline": 45.0' in html
    assert '<script src="/static/vendor/chart.js/chart.umd.min.js" defer></script>' in html
    assert coach.http.get("/static/effort-chart.js").status_code == 200


def test_a_member_shares_feedback_anonymously_or_signed_and_withdraws_its_own(client_for: ClientFor) -> None:
    cluster_id, _ = demo_cluster(client_for(ALPINE_COACH))
    member = client_for(MEMBER)
    session = f"/clusters/{cluster_id}/sessions/module:2"
    page = member.http.get(session).text
    assert "Share feedback" in page and "Hide" not in page
    checkbox = re.search(r'<input type="checkbox" id="share-signed"[^>]*>', page)
    assert checkbox is not None and "checked" not in checkbox.group(0)  # anonymous unless the member chooses

    share = {"csrf_token": csrf(page), "share-kind": "hard", "share-text": "The templates arrived late."}
    member.http.post(f"{session}/feedback", data=share)
    page = member.http.post(
        f"{session}/feedback",
        data={**share, "share-text": "Great examples.", "share-kind": "worked", "share-signed": "yes"},
    ).text
    [anonymous] = [item for item in items(page) if "The templates arrived late." in item]
    [signed] = [item for item in items(page) if "Great examples." in item]
    assert "Anonymous" in anonymous and "Muller" not in anonymous and ">Withdraw<" in anonymous
    assert "— signed by Marc Muller" in signed

    coach_view = client_for(ALPINE_COACH).http.get(session).text
    [seen] = [item for item in items(coach_view) if "The templates arrived late." in item]
    assert "Anonymous" in seen and not any(name in seen for name in NAMES) and "Withdraw" not in seen

    withdraw = re.search(r'action="([^"]+/withdraw)"', anonymous)
    assert withdraw is not None
    page = member.http.post(withdraw.group(1), data={"csrf_token": csrf(page)}).text
    assert "The templates arrived late." not in page and "Great examples." in page


def test_a_coach_hides_feedback_that_members_then_no_longer_see(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, _ = demo_cluster(coach)
    session = f"/clusters/{cluster_id}/sessions/module:1"
    page = coach.http.get(session).text
    assert "Share feedback" not in page
    [item] = [item for item in items(page) if "The risk scales were hard" in item]
    hide = re.search(r'action="([^"]+/hide)"', item)
    assert hide is not None
    scope = hide.group(1).split("/")[-2]
    refused = coach.http.post(hide.group(1), data={"csrf_token": csrf(page), f"hide-{scope}-reason": " "})
    assert refused.status_code == 422 and "has-error" in field(refused.text, f"hide-{scope}-reason")

    page = coach.http.post(
        hide.group(1), data={"csrf_token": csrf(page), f"hide-{scope}-reason": "Names a person"}
    ).text
    [hidden] = [item for item in items(page) if "The risk scales were hard" in item]
    assert "is-hidden" in hidden and "Hidden: Names a person" in hidden
    assert "The risk scales were hard" not in client_for(MEMBER).http.get(session).text


def test_a_coaching_slot_is_held_by_logging_the_half_day_in_the_members_ledger(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, members = demo_cluster(coach)
    bakery = members["Boulangerie Muller"]
    slot = f"/clusters/{cluster_id}/sessions/coaching:5:{bakery}"
    page = coach.http.get(slot).text
    assert "Boulangerie Muller's coaching ledger" in page
    held_on = re.search(r'name="coaching-heldOn" type="date" value="([^"]+)"', page)
    coach_id = re.search(r'<option value="([^"]+)" selected>Claire Coach</option>', page)  # the viewer, preselected
    assert held_on is not None and coach_id is not None
    form = {
        "csrf_token": csrf(page),
        "coaching-heldOn": held_on.group(1),
        "coaching-workDone": "Statement of applicability",
    }
    response = coach.http.post(
        f"{slot}/coaching", data={**form, "coaching-organisationId": bakery, "coaching-moduleNumber": "5"}
    )
    assert response.status_code == 200 and '<span class="status status-held">Held</span>' in response.text
    ledger = coach.http.get(f"/clusters/{cluster_id}/members/{bakery}").text
    assert "5 used · " in ledger and "<td>5</td><td>Statement of applicability</td>" in ledger


def test_a_members_own_session_offers_no_feedback(client_for: Callable[[str], GraphQLClient]) -> None:
    member = client_for("member@muller.example")
    cluster_id = member.data("{ clusters { edges { node { id sessions { key } } } } }")["clusters"]["edges"][0]["node"]
    own = next(s["key"] for s in cluster_id["sessions"] if s["key"].startswith("gap-analysis:"))
    page = member.http.get(f"/clusters/{cluster_id['id']}/sessions/{own}")
    assert page.status_code == 200
    assert "Share feedback" not in page.text
    training = member.http.get(f"/clusters/{cluster_id['id']}/sessions/module:1")
    assert "Share feedback" in training.text
