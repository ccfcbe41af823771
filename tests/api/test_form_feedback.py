"""Every form answers: a success says what happened once, a refusal lists all its errors in view, and what cannot be
undone asks for a confirmation first."""

from __future__ import annotations

import re

from backend.services import Services
from frontend.site.said import COOKIE
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log
from tests.api.page_support import ClientFor, csrf, demo_cluster, field

SAID = re.compile(r'<p class="said" role="status" id="said">(.*?)</p>')


def summary(html: str) -> str:
    found = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert found is not None, "no error summary"
    return found.group(0)


def test_an_empty_form_reports_every_missing_field_at_once_in_a_summary_that_takes_the_focus(
    client_for: ClientFor, demo_services: Services
) -> None:
    admin = client_for(ALPINE_ADMIN)
    page = admin.http.get("/clusters").text
    before = events_in_log(demo_services)
    response = admin.http.post("/clusters", data={"csrf_token": csrf(page), "name": " ", "coachId": ""})
    assert response.status_code == 422
    shown = summary(response.text)
    assert 'tabindex="-1" autofocus' in shown
    assert '<a href="#name">Name: This field is required.</a>' in shown
    assert '<a href="#coachId">Coach: This field is required.</a>' in shown
    assert "This field is required." in field(response.text, "name")
    assert events_in_log(demo_services) == before


def test_a_refused_move_keeps_what_was_typed_and_names_the_field_in_its_summary(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, _ = demo_cluster(coach)
    page = coach.http.get(f"/clusters/{cluster_id}/plan").text
    move = {"move-sessionKey": "module:6", "move-on": "2026-13-01", "move-halfDay": "morning", "move-reason": "Fair"}
    response = coach.http.post(f"/clusters/{cluster_id}/moves", data={"csrf_token": csrf(page), **move})
    assert response.status_code == 422
    assert '<a href="#move-on">New date: Enter a date such as 2026-03-31.</a>' in summary(response.text)
    assert 'value="Fair"' in field(response.text, "move-reason")


def test_a_success_says_what_happened_once(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, _ = demo_cluster(coach)
    plan = f"/clusters/{cluster_id}/plan"
    move = {"move-sessionKey": "module:6", "move-on": "2026-04-01", "move-halfDay": "afternoon", "move-reason": "Fair"}
    response = coach.http.post(
        f"/clusters/{cluster_id}/moves", data={"csrf_token": csrf(coach.http.get(plan).text), **move}
    )
    assert response.status_code == 200 and str(response.url).endswith(plan)
    [message] = SAID.findall(response.text)
    assert (
        message.startswith("Module 6: ")
        and "moved to Wed 1 Apr 2026, afternoon; no member is unavailable then." in message
    )
    assert COOKIE not in coach.http.cookies
    assert SAID.search(coach.http.get(plan).text) is None


def test_a_message_nobody_signed_is_not_shown(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    coach.http.cookies.set(COOKIE, "WW91ciBhY2NvdW50IGlzIGxvY2tlZA==.0000")
    assert "Your account is locked" not in coach.http.get("/clusters").text
    assert "said" not in coach.http.get("/clusters").text.split("<main", 1)[1][:200]


def test_cancelling_a_session_needs_its_confirmation(client_for: ClientFor, demo_services: Services) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, _ = demo_cluster(coach)
    session = f"/clusters/{cluster_id}/sessions/module:6"
    token = csrf(coach.http.get(session).text)
    before = events_in_log(demo_services)
    refused = coach.http.post(f"{session}/cancel", data={"csrf_token": token, "cancel-reason": "Trainer ill"})
    assert refused.status_code == 422 and events_in_log(demo_services) == before
    assert "Yes, cancel this session: Tick the box to confirm that the session is cancelled." in summary(refused.text)
    done = coach.http.post(
        f"{session}/cancel", data={"csrf_token": token, "cancel-reason": "Trainer ill", "cancel-confirm": "yes"}
    )
    assert SAID.findall(done.text) == ["The session is cancelled; the plan shows it as cancelled."]
    assert "Cancelled: Trainer ill" in done.text
