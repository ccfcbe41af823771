"""A member's page: its gap analyses, its coaching ledger and gauge, seen only by whom it concerns."""

from __future__ import annotations

import re
from datetime import date, timedelta

from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH
from tests.api.page_support import ASSESSMENTS, MEMBER, ClientFor, csrf, demo_cluster


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


def test_the_gap_analysis_bars_show_the_target_and_how_far_each_area_is(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    cluster_id, members = demo_cluster(member)
    page = member.http.get(f"/clusters/{cluster_id}/members/{members['Boulangerie Muller']}").text
    rows = dict(re.findall(r'<tr><th scope="row">([^<]+)</th><td class="level ([a-z-]+)">', page))
    assert rows["Clause 4: Context of the organisation"] == "below-target"
    assert rows["Clause 5: Leadership"] == "near-target"
    assert rows["Annex A: technological controls"] == "on-target"
    assert (
        'low="2" high="3" optimum="5" value="1"' in page and '1 <span class="hint">/ target 3, 2 to go</span>' in page
    )


def test_the_member_page_links_the_ledger_downloads_of_that_member(client_for: ClientFor) -> None:
    cluster_id, members = demo_cluster(client_for(ALPINE_COACH))
    member = client_for(MEMBER)
    here = f"/clusters/{cluster_id}/members/{members['Boulangerie Muller']}"
    page = member.http.get(here).text
    for extension in ("csv", "xlsx"):
        assert f'href="{here}/ledger.{extension}" download' in page
        assert member.http.get(f"{here}/ledger.{extension}").status_code == 200
