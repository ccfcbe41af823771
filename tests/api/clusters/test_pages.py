"""A cluster's pages: the dashboard, the plan and its proposal, and a session's attendance."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, events_in_log, first_cluster
from tests.api.page_support import (
    MEMBER,
    NAMES,
    STATUS,
    ClientFor,
    csrf,
    demo_cluster,
    field,
    forming_cluster,
    items,
    row,
)


def test_the_dashboard_shows_members_criteria_and_coaching_bars(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster_id = first_cluster(admin)["id"]
    html = admin.http.get(f"/clusters/{cluster_id}").text
    assert "<h1>Luxembourg SMEs 2026</h1>" in html
    assert html.count('class="member"') == 3
    assert 'max="28"' in html and 'value="4"' in html and "4 used · 19 estimated · 28 ceiling · 24 left" in html
    assert 'Outcome: <span class="status status-in_progress">In progress</span>' in html
    assert "Signed commitment letter from the managing director" in html


def test_another_consultancys_dashboard_is_not_found(client_for: ClientFor) -> None:
    cluster_id = first_cluster(client_for(ALPINE_ADMIN))["id"]
    response = client_for(HARBOUR_ADMIN).http.get(f"/clusters/{cluster_id}")
    assert response.status_code == 404
    assert "Luxembourg" not in response.text


def test_logging_coaching_from_the_dashboard_moves_the_bar(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster = first_cluster(admin)
    page = admin.http.get(f"/clusters/{cluster['id']}").text
    organisation_id = cluster["members"][0]["organisation"]["id"]  # type: ignore[index]
    coach_id = admin.data("{ coaches { id } }")["coaches"][0]["id"]
    typed = {"organisationId": organisation_id, "coachId": coach_id, "heldOn": "2026-03-20", "nextSteps": "Kept"}
    form = {"csrf_token": csrf(page)} | {f"coaching-{name}": value for name, value in typed.items()}
    response = admin.http.post(f"/clusters/{cluster['id']}/coaching", data={**form, "coaching-workDone": " "})
    assert response.status_code == 422
    topic = field(response.text, "coaching-workDone")
    assert 'class="field has-error"' in topic and "This field is required." in topic
    assert ">Kept</textarea>" in response.text  # nothing the user typed is lost
    response = admin.http.post(
        f"/clusters/{cluster['id']}/coaching", data={**form, "coaching-workDone": "Risk treatment plan"}
    )
    assert response.status_code == 200 and "5 used · 19 estimated · 28 ceiling · 23 left" in response.text
    assert "Coaching ledger</a>: 5 half-days logged" in response.text
    ledger = admin.http.get(f"/clusters/{cluster['id']}/members/{organisation_id}").text  # the link's page
    assert "<td>Risk treatment plan</td>" in ledger and "Claire Coach" in ledger
    assert "The coaching half-day of Fri 20 Mar 2026 is logged in the member&#39;s ledger." in response.text


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
    client_for: ClientFor, demo_services: Services, days_pass: Callable[[date], None]
) -> None:
    days_pass(date(2026, 4, 1))
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


def test_a_session_is_moved_from_its_own_page_and_the_plan_leads_there(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, _ = demo_cluster(coach)
    plan = coach.http.get(f"/clusters/{cluster_id}/plan").text
    move_6 = f'href="/clusters/{cluster_id}/sessions/module:6#move-form"'
    assert move_6 in row(plan, "module:6") and "Move it" in plan.split('class="clashes"', 1)[1].split("</div>", 1)[0]
    session = f"/clusters/{cluster_id}/sessions/module:6"
    page = coach.http.get(session).text
    assert 'id="move-form"' in page and '<a href="#move-form">Move the session</a>' in page
    typed = {"csrf_token": csrf(page), "move-on": "2026-05-01", "move-halfDay": "morning", "move-reason": "Fair"}
    refused = coach.http.post(f"{session}/move", data=typed)
    assert refused.status_code == 422 and "Module 6 is out of order there" in field(refused.text, "move-on")
    moved = coach.http.post(f"{session}/move", data={**typed, "move-on": "2026-03-24"})
    assert str(moved.url).endswith(session)
    assert "moved to Tue 24 Mar 2026, morning" in moved.text and "Clash:" not in moved.text


def test_a_member_gets_no_move_form_nor_move_links(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    cluster_id, _ = demo_cluster(member)
    plan = member.http.get(f"/clusters/{cluster_id}/plan").text
    assert "#move-form" not in plan
    assert 'id="move-form"' not in member.http.get(f"/clusters/{cluster_id}/sessions/module:6").text


def test_the_unavailability_form_promises_only_what_holds(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    cluster_id, _ = demo_cluster(member)
    plan = member.http.get(f"/clusters/{cluster_id}/plan").text
    assert "other members of the cluster see neither" in field(plan, "unavailability-reason")
    shown = plan.split('id="unavailability"', 1)[1]
    assert "Trade fair in Frankfurt" in shown and "Annual closure" not in shown and "Kirchberg Dental" not in shown
    coach_view = client_for(ALPINE_COACH).http.get(f"/clusters/{cluster_id}/plan").text
    assert "Annual closure" in coach_view and "Trade fair in Frankfurt" in coach_view


def test_a_move_posted_by_someone_who_may_not_move_writes_nothing(
    client_for: ClientFor, demo_services: Services
) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, _ = demo_cluster(coach)
    session = f"/clusters/{cluster_id}/sessions/module:6"
    typed = {"move-on": "2026-03-24", "move-halfDay": "morning", "move-reason": "Mine now"}
    before = events_in_log(demo_services)
    member = client_for(MEMBER)
    refused = member.http.post(f"{session}/move", data={"csrf_token": csrf(member.http.get(session).text), **typed})
    assert refused.status_code == 422 and "You may not" in refused.text
    other = client_for(HARBOUR_ADMIN)
    foreign = other.http.post(f"{session}/move", data={"csrf_token": csrf(other.http.get("/clusters").text), **typed})
    assert foreign.status_code == 404
    assert events_in_log(demo_services) == before


def test_the_plan_is_also_drawn_as_a_timeline_with_its_clash_and_todays_line(
    client_for: ClientFor, days_pass: Callable[[date], None]
) -> None:
    days_pass(date(2026, 3, 16))
    coach = client_for(ALPINE_COACH)
    cluster_id, _ = demo_cluster(coach)
    html = coach.http.get(f"/clusters/{cluster_id}/plan").text
    chart = html.split('<figure class="plan-chart">', 1)[1].split("</figure>", 1)[0]
    labels = re.findall(r'<text class="row-label"[^>]*>([^<]+)</text>', chart)
    assert labels == ["Whole cluster", "Boulangerie Muller", "Kirchberg Dental", "Moselle Logistics"]
    clash = re.search(
        r'<a href="([^"]+)"><rect class="bar kind-module status-scheduled clash"[^>]*><title>([^<]+)</title>', chart
    )
    assert clash is not None and clash.group(1).endswith("/sessions/module:6")
    assert clash.group(2).startswith("Module 6: ") and "Thu 19 Mar 2026" in clash.group(2)
    assert "Boulangerie Muller: Unavailable from Thu 19 Mar 2026 to Sat 21 Mar 2026" in chart
    assert '<line class="today"' in chart and "Mon 2 Mar 2026" in chart
    assert '<table class="timeline">' in html  # the table stays, for screen readers and printing


def test_a_members_timeline_shows_its_own_row_only(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    cluster_id, _ = demo_cluster(member)
    chart = member.http.get(f"/clusters/{cluster_id}/plan").text.split('<figure class="plan-chart">', 1)[1]
    labels = re.findall(r'<text class="row-label"[^>]*>([^<]+)</text>', chart)
    assert labels == ["Whole cluster", "Boulangerie Muller"]
    assert "Kirchberg" not in chart and "Annual closure" not in chart
