"""The competence pages: a member records a training and a campaign through the forms and sees each said, on the
person's row and in the lists; a refusal shows beside its field with no event written; a record is withdrawn with
its history kept; a coach reads everything without a form."""

from __future__ import annotations

import html
import re

from backend.services import Services
from tests.api.conftest import ALPINE_COACH, events_in_log
from tests.api.page_support import MEMBER, ClientFor, csrf, field
from tests.api.risks.support import organisation_id
from tests.support.graphql_client import GraphQLClient

RECORD = {"record-course": "Fire safety", "record-completedOn": "2026-02-03", "record-provider": "Red Cross",
          "record-personName": "Paul Baker"}  # fmt: skip


def said(page: str) -> str:
    found = re.search(r"<p class=\"said\"[^>]*>(.*?)</p>", page, re.S)
    return html.unescape(found.group(1).strip()) if found else ""


def person_row(page: str, name: str) -> str:
    found = re.search(rf'<tr class="person"><th scope="row">{re.escape(name)}\b.*?</tr>', page, re.S)
    assert found is not None, name
    return found.group(0)


def post(client: GraphQLClient, page: str, action: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    token = csrf(client.http.get(page).text)
    return client.http.post(action, data={"csrf_token": token, **data})


def test_a_member_records_a_training_and_sees_it_on_the_persons_row(
    client_for: ClientFor, demo_services: Services
) -> None:
    member = client_for(MEMBER)
    page = f"/organisations/{organisation_id(member)}/competence"
    assert member.http.get("/competence", follow_redirects=False).headers["location"] == page
    shown = member.http.get(page).text
    assert "Phishing awareness" in person_row(shown, "Marc Muller")
    assert "Clean desk week" in person_row(shown, "Sophie Muller")
    recorded = post(member, page, page, RECORD)
    assert said(recorded.text) == "Fire safety is recorded for Paul Baker."
    assert "Fire safety" in person_row(recorded.text, "Paul Baker")
    [training] = re.findall(rf'href="({page}/trainings/[0-9a-f-]+)">Fire safety<', person_row(recorded.text, "Paul"))

    listed = member.http.get(f"{page}?search=red+cross&order=COURSE").text
    assert listed.count(">Fire safety</a>") == 2  # the person's row and the one training listed
    assert 'id="filter-error"' in member.http.get(f"{page}?person=nobody").text
    assert 'id="filter-error"' in member.http.get(f"{page}?after=not-a-cursor").text

    withdrawn = post(member, training, f"{training}/withdraw", {"withdraw-reason": "Entered twice"})
    assert said(withdrawn.text) == "The training record is withdrawn; it stays in the history."
    history = withdrawn.text.split("<h2>History</h2>")[1]
    assert "Recorded" in history and "Withdrawn" in history and "Entered twice" in history
    assert 'id="withdraw-form"' not in withdrawn.text

    ran = post(member, page, f"{page}/campaigns", {"run-title": "Password month", "run-heldOn": "2026-03-01",
               "run-audience": "Everyone", "run-material": "Posters", "run-participants": "Paul Baker\nAnna"})  # fmt: skip
    assert said(ran.text) == "The campaign Password month is recorded."
    assert "Password month" in person_row(ran.text, "Anna")
    [campaign] = re.findall(rf'href="({page}/campaigns/[0-9a-f-]+)">Password month<', ran.text)
    assert "Paul Baker, Anna" in member.http.get(campaign).text


def test_a_refusal_shows_beside_its_field_and_writes_nothing(client_for: ClientFor, demo_services: Services) -> None:
    member = client_for(MEMBER)
    page = f"/organisations/{organisation_id(member)}/competence"
    before = events_in_log(demo_services)
    too_old = post(member, page, page, RECORD | {"record-completedOn": "1999-12-31"})
    assert too_old.status_code == 422 and events_in_log(demo_services) == before
    assert 'class="error"' in field(too_old.text, "record-completedOn")
    assert 'value="Fire safety"' in too_old.text  # what was typed is kept
    nobody = post(member, page, page, RECORD | {"record-personName": ""})
    assert nobody.status_code == 422 and "Name the person" in field(nobody.text, "record-personName")
    blank = post(member, page, f"{page}/campaigns", {"run-title": "Quiz", "run-heldOn": "2026-03-01"})
    assert "This field is required." in field(blank.text, "run-audience")
    assert events_in_log(demo_services) == before


def test_a_coach_reads_without_forms(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    muller = organisation_id(coach)
    assert f'href="/organisations/{muller}/competence"' in coach.http.get("/competence").text
    page = coach.http.get(f"/organisations/{muller}/competence").text
    assert "Phishing awareness" in person_row(page, "Marc Muller")
    assert 'id="record-form"' not in page and 'id="run-form"' not in page
    [training] = re.findall(r'href="(/organisations/[^"]+/trainings/[0-9a-f-]+)"', page)[:1]
    assert "<h2>History</h2>" in (shown := coach.http.get(training).text) and 'id="withdraw-form"' not in shown
    [campaign] = re.findall(r'href="(/organisations/[^"]+/campaigns/[0-9a-f-]+)"', page)[:1]
    assert 'id="withdraw-form"' not in coach.http.get(campaign).text
    assert coach.http.get(f"/organisations/{muller}/competence/trainings/{muller}").status_code == 404
