"""Corrections from the pages: undo "held" and restore on the session page, retract on the plan, correct and void in
a member's ledger. A success says what happened at the top of the page it leads back to; a refusal is shown beside
its field, in view, and writes nothing."""

from __future__ import annotations

import re

from backend.services import Services
from tests.api.clusters.test_corrections import last_held_module
from tests.api.conftest import ALPINE_COACH, events_in_log
from tests.api.page_support import MEMBER, ClientFor, csrf, demo_cluster, field
from tests.api.programme_support import mutate


def test_a_coach_undoes_held_from_the_session_page_once_confirmed(
    client_for: ClientFor, demo_services: Services
) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, _ = demo_cluster(coach)
    key = last_held_module(coach, cluster_id)["key"]
    session = f"/clusters/{cluster_id}/sessions/{key}"
    page = coach.http.get(session).text
    assert f'action="{session}/undo-held"' in page and "History" in page
    before = events_in_log(demo_services)
    unconfirmed = coach.http.post(f"{session}/undo-held", data={"csrf_token": csrf(page), "undo-reason": "Wrong one"})
    assert unconfirmed.status_code == 422 and "Tick the box" in unconfirmed.text
    assert events_in_log(demo_services) == before
    given = {"csrf_token": csrf(page), "undo-reason": "Recorded on the wrong module", "undo-confirm": "on"}
    done = coach.http.post(f"{session}/undo-held", data=given)
    assert done.status_code == 200 and str(done.url).endswith(session)
    assert "The session is planned again" in done.text
    assert '<span class="status status-scheduled">' in done.text and f'action="{session}/hold"' in done.text
    assert re.search(r"<strong>Held undone</strong>.*?: Recorded on the wrong module", done.text, re.S)


def test_a_refused_correction_is_shown_beside_its_field(client_for: ClientFor, demo_services: Services) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, _ = demo_cluster(coach)
    key = last_held_module(coach, cluster_id)["key"]
    earlier = f"/clusters/{cluster_id}/sessions/module:{int(key.split(':')[1]) - 1}"
    page = coach.http.get(earlier).text
    before = events_in_log(demo_services)
    given = {"csrf_token": csrf(page), "undo-reason": "Wrong one", "undo-confirm": "on"}
    refused = coach.http.post(f"{earlier}/undo-held", data=given)
    assert refused.status_code == 422 and "has been held since" in refused.text
    blank = coach.http.post(f"{earlier}/undo-held", data={**given, "undo-reason": " "})
    assert blank.status_code == 422 and "This field is required." in field(blank.text, "undo-reason")
    assert events_in_log(demo_services) == before


def test_a_cancelled_session_is_restored_from_its_page(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, _ = demo_cluster(coach)
    cancel = {"clusterId": cluster_id, "sessionKey": "module:8", "reason": "Trainer ill"}
    assert mutate(coach, "cancelSession", "CancelSessionInput", cancel)["__typename"] == "ClusterChange"
    session = f"/clusters/{cluster_id}/sessions/module:8"
    page = coach.http.get(session).text
    assert "Cancelled: Trainer ill" in page and f'action="{session}/restore"' in page
    assert f'action="{session}/restore"' not in client_for(MEMBER).http.get(session).text
    refused = coach.http.post(f"{session}/restore", data={"csrf_token": csrf(page), "restore-reason": ""})
    assert refused.status_code == 422 and "This field is required." in field(refused.text, "restore-reason")
    done = coach.http.post(f"{session}/restore", data={"csrf_token": csrf(page), "restore-reason": "Trainer is back"})
    assert str(done.url).endswith(session) and "The session is restored" in done.text
    assert "Cancelled: Trainer ill" not in done.text and '<span class="status status-scheduled">' in done.text
    assert re.search(
        r"<strong>Cancelled</strong>: Trainer ill.*?<strong>Restored</strong>: Trainer is back", done.text, re.S
    )


def test_a_member_retracts_its_unavailability_from_the_plan(client_for: ClientFor, demo_services: Services) -> None:
    member = client_for(MEMBER)
    cluster_id, members = demo_cluster(member)
    plan = f"/clusters/{cluster_id}/plan"
    page = member.http.get(plan).text
    retract = re.search(rf'action="({plan.replace("/plan", "")}/unavailability/[^"]+/retract)"', page)
    assert retract is not None
    action = retract.group(1)
    starts_on = action.split("/")[-2]
    scope = f"retract-{members['Boulangerie Muller']}-{starts_on}"
    before = events_in_log(demo_services)
    refused = member.http.post(action, data={"csrf_token": csrf(page), f"{scope}-reason": ""})
    assert refused.status_code == 422 and "This field is required." in field(refused.text, f"{scope}-reason")
    assert events_in_log(demo_services) == before
    done = member.http.post(action, data={"csrf_token": csrf(page), f"{scope}-reason": "The fair was cancelled"})
    assert str(done.url).endswith(plan) and "is retracted: it no longer counts" in done.text
    shown = done.text.split('id="unavailability"', 1)[1]
    assert "Trade fair in Frankfurt" not in shown.split("Retracted", 1)[0]
    assert re.search(r"Boulangerie Muller, .*?: The fair was cancelled", shown.split("Retracted", 1)[1], re.S)


def test_a_coach_corrects_then_voids_a_ledger_entry_from_the_member_page(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, members = demo_cluster(coach)
    member = f"/clusters/{cluster_id}/members/{members['Boulangerie Muller']}"
    page = coach.http.get(member).text
    assert f'action="{member}/coaching/1/correct"' in page
    assert f'action="{member}/coaching/1/correct"' not in client_for(MEMBER).http.get(member).text
    fields = {"correct-1-heldOn": "2026-12-01", "correct-1-workDone": "Risk treatment plan", "correct-1-reason": ""}
    refused = coach.http.post(f"{member}/coaching/1/correct", data={"csrf_token": csrf(page), **fields})
    assert refused.status_code == 422 and "This field is required." in field(refused.text, "correct-1-reason")
    fields["correct-1-reason"] = "Logged on the wrong day"
    done = coach.http.post(f"{member}/coaching/1/correct", data={"csrf_token": csrf(page), **fields})
    assert str(done.url).endswith(member) and "Half-day 1 is corrected" in done.text
    entry = re.search(r'<tr data-entry="1">.*?</tr>', done.text, re.S)
    assert entry is not None and "Risk treatment plan" in entry.group(0)
    assert "Logged on the wrong day. It said:" in entry.group(0)
    void = {"csrf_token": csrf(done.text), "void-1-reason": "Did not take place"}
    unconfirmed = coach.http.post(f"{member}/coaching/1/void", data=void)
    assert unconfirmed.status_code == 422 and "Tick the box" in unconfirmed.text
    voided = coach.http.post(f"{member}/coaching/1/void", data={**void, "void-1-confirm": "on"})
    assert "Half-day 1 is void" in voided.text and '<tr data-entry="1">' not in voided.text
    assert re.search(
        r'<li data-entry="1"><del>Half-day 1, .*?Risk treatment plan</del>.*?Did not take place', voided.text
    )


def test_a_coaching_slot_held_by_the_ledger_points_to_the_ledger_instead_of_undoing(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, members = demo_cluster(coach)
    muller = members["Boulangerie Muller"]
    held = coach.data(
        "query($id: ID!) { cluster(id: $id) { ... on Cluster { sessions { key kind status organisationId } } } }",
        {"id": cluster_id},
    )["cluster"]["sessions"]
    slot = next(
        s["key"] for s in held if s["kind"] == "coaching" and s["status"] == "held" and s["organisationId"] == muller
    )
    page = coach.http.get(f"/clusters/{cluster_id}/sessions/{slot}").text
    assert "/undo-held" not in page
    assert f'<a href="/clusters/{cluster_id}/members/{muller}">Boulangerie Muller\'s coaching ledger</a>' in page
