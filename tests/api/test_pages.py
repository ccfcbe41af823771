"""Pages, rendered on the server from the same GraphQL the API serves."""

from __future__ import annotations

import re
from collections.abc import Callable

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, HARBOUR_ADMIN, events_in_log, first_cluster
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]


def csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def test_signed_out_pages_redirect_to_sign_in(anonymous: GraphQLClient) -> None:
    response = anonymous.http.get("/clusters", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/clusters"


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


def test_a_form_error_is_shown_next_to_its_field_and_nothing_is_written(
    client_for: ClientFor, demo_services: Services
) -> None:
    admin = client_for(ALPINE_ADMIN)
    token = csrf(admin.http.get("/organisations").text)
    before = events_in_log(demo_services)
    response = admin.http.post(
        "/organisations", data={"csrf_token": token, "name": "Minus Ltd", "sector": "Retail", "employeeCount": "-2"}
    )
    assert response.status_code == 422
    field = re.search(r'<div class="field has-error">\s*<label for="employeeCount">.*?</div>', response.text, re.S)
    assert field is not None and "Must be a whole number from 1" in field.group(0)
    assert 'value="Minus Ltd"' in response.text  # what the user typed is kept
    assert events_in_log(demo_services) == before


def test_a_forged_form_is_refused(client_for: ClientFor, demo_services: Services) -> None:
    admin = client_for(ALPINE_ADMIN)
    before = events_in_log(demo_services)
    response = admin.http.post(
        "/organisations", data={"csrf_token": "forged", "name": "X", "sector": "Y", "employeeCount": "3"}
    )
    assert response.status_code == 403
    assert events_in_log(demo_services) == before


def test_logging_coaching_from_the_dashboard_moves_the_bar(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster = first_cluster(admin)
    page = admin.http.get(f"/clusters/{cluster['id']}").text
    organisation_id = cluster["members"][0]["organisation"]["id"]  # type: ignore[index]
    coach_id = admin.data("{ coaches { id } }")["coaches"][0]["id"]
    form = {"csrf_token": csrf(page), "organisationId": organisation_id, "coachId": coach_id, "heldOn": "2026-03-20"}
    response = admin.http.post(
        f"/clusters/{cluster['id']}/coaching", data={**form, "workDone": " ", "nextSteps": "Kept"}
    )
    assert response.status_code == 422
    topic = re.search(r'<div class="field has-error">\s*<label for="workDone">.*?</div>', response.text, re.S)
    assert topic is not None and "This field is required." in topic.group(0)
    assert ">Kept</textarea>" in response.text  # nothing the user typed is lost
    response = admin.http.post(f"/clusters/{cluster['id']}/coaching", data={**form, "workDone": "Risk treatment plan"})
    assert response.status_code == 200 and "5 used · 19 estimated · 28 ceiling · 23 left" in response.text
    assert "Risk treatment plan · Claire Coach" in response.text
