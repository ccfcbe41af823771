"""The library pages: the kinds with their counts, a kind's items with the add form for its keepers, an item's page
with its history and the forms to revise, retire and copy it into an organisation's registers."""

from __future__ import annotations

import re

from backend.services import Services
from tests.api.conftest import ALPINE_COACH, HARBOUR_ADMIN, events_in_log
from tests.api.page_support import MEMBER, ClientFor, csrf


def item_link(html: str, title: str) -> str:
    found = re.search(rf'<a href="(/library/items/[0-9a-f-]+)">{re.escape(title)}</a>', html)
    assert found is not None, title
    return found.group(1)


def test_the_library_shows_each_kind_with_its_count_to_everyone_of_the_consultancy(client_for: ClientFor) -> None:
    for email in (ALPINE_COACH, MEMBER):
        page = client_for(email).http.get("/library")
        assert page.status_code == 200 and '<a href="/library">Library</a>' in page.text
        assert re.search(r'<a href="/library/threat">Threats</a></th><td>3</td>', page.text)
        assert re.search(r'<a href="/library/document_skeleton">Document skeletons</a></th><td>2</td>', page.text)
    member_page = client_for(MEMBER).http.get("/library/threat").text
    assert "Ransomware" in member_page and "Add a threat" not in member_page


def test_a_coach_adds_a_scenario_and_a_refusal_is_shown_beside_its_field(
    client_for: ClientFor, demo_services: Services
) -> None:
    coach = client_for(ALPINE_COACH).http
    page = coach.get("/library/risk_scenario")
    assert "Add a risk scenario" in page.text
    before = events_in_log(demo_services)
    refused = coach.post(
        "/library/risk_scenario",
        data={"csrf_token": csrf(page.text), "add-title": "Flood", "add-threat": "Flood", "add-vulnerability": ""},
    )
    assert refused.status_code == 422 and 'id="add-vulnerability-error"' in refused.text
    assert events_in_log(demo_services) == before
    added = coach.post(
        "/library/risk_scenario",
        data={
            "csrf_token": csrf(page.text),
            "add-title": "Flood",
            "add-threat": "Flood",
            "add-vulnerability": "Cellar",
        },
    )
    assert added.status_code == 200 and "Flood is added to the library as version 1." in added.text
    assert "threat: Flood; vulnerability: Cellar" in added.text


def test_an_item_is_revised_and_retired_with_its_history(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH).http
    link = item_link(coach.get("/library/threat").text, "Fire in the server room")
    page = coach.get(link)
    token = csrf(page.text)
    revised = coach.post(
        f"{link}/revise",
        data={"csrf_token": token, "revise-kind": "threat", "revise-title": "Fire", "revise-description": "Burns"},
    )
    assert "The item is revised" in revised.text and "version 2" in revised.text
    unconfirmed = coach.post(f"{link}/retire", data={"csrf_token": token, "retire-reason": "Merged"})
    assert unconfirmed.status_code == 422
    retired = coach.post(
        f"{link}/retire", data={"csrf_token": token, "retire-reason": "Merged", "retire-confirm": "on"}
    )
    assert "The item is retired" in retired.text
    assert re.findall(r"<td>(Added|Revised|Retired): version", retired.text) == ["Added", "Revised", "Retired"]
    assert "Revise it" not in retired.text


def test_a_member_copies_a_skeleton_into_its_own_documents(client_for: ClientFor) -> None:
    member = client_for(MEMBER).http
    link = item_link(member.get("/library/document_skeleton").text, "Backup procedure")
    page = member.get(link)
    assert "Copy into an organisation&#39;s documents" in page.text and "Revise it" not in page.text
    options = re.findall(r'<option value="([0-9a-f-]{36})"', page.text)
    assert len(options) == 1  # its own organisation only
    done = member.post(
        f"{link}/copy",
        data={"csrf_token": csrf(page.text), "copy-kind": "document_skeleton", "copy-organisationId": options[0],
              "copy-owner": "Marc Muller"},
    )  # fmt: skip
    assert done.status_code == 200 and "Backup procedure is a new draft, copied from the library." in done.text
    refused = member.post(
        f"{link}/copy",
        data={"csrf_token": csrf(page.text), "copy-kind": "document_skeleton", "copy-organisationId": options[0],
              "copy-owner": " "},
    )  # fmt: skip
    assert refused.status_code == 422 and 'id="copy-owner-error"' in refused.text


def test_another_consultancy_finds_no_such_item(client_for: ClientFor) -> None:
    link = item_link(client_for(ALPINE_COACH).http.get("/library/threat").text, "Ransomware")
    assert client_for(HARBOUR_ADMIN).http.get(link).status_code == 404
    assert client_for(ALPINE_COACH).http.get("/library/castles").status_code == 404
