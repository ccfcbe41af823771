"""The organisations page: registering one, a refusal beside its field, a forged form refused."""

from __future__ import annotations

import re

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, events_in_log
from tests.api.page_support import MEMBER, ClientFor, csrf, field


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


def test_the_register_form_shows_for_an_admin_and_not_for_a_member(client_for: ClientFor) -> None:
    assert 'action="/organisations"' in client_for(ALPINE_ADMIN).http.get("/organisations").text
    assert 'action="/organisations"' not in client_for(MEMBER).http.get("/organisations").text


def test_a_number_too_large_for_the_api_is_refused_beside_its_field(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    page = admin.http.get("/organisations").text
    typed = {"csrf_token": csrf(page), "name": "Big Ltd", "sector": "Retail", "employeeCount": "1000000000000"}
    response = admin.http.post("/organisations", data=typed)
    assert response.status_code == 422
    assert "Must be a whole number from" in field(response.text, "employeeCount")
    assert '<a href="#employeeCount">Employees: Must be a whole number from' in response.text
    assert "Big Ltd" not in admin.http.get("/organisations").text.split("<form", 1)[0]


def test_every_field_at_fault_is_reported_at_once_by_the_api_and_the_page(
    client_for: ClientFor, demo_services: Services
) -> None:
    admin = client_for(ALPINE_ADMIN)
    document = """mutation($input: RegisterOrganisationInput!) { r: registerOrganisation(input: $input) {
        __typename ... on ValidationError { field problems { field message } } } }"""
    bad = {"name": "N" * 201, "sector": "Re\u0007tail", "employeeCount": 0, "country": "XX"}
    before = events_in_log(demo_services)
    refused = admin.data(document, {"input": bad})["r"]
    assert [p["field"] for p in refused["problems"]] == ["name", "sector", "employeeCount", "country"]
    assert refused["field"] == "name"
    page = admin.http.get("/organisations").text
    typed = {
        "csrf_token": csrf(page),
        "name": "N" * 201,
        "sector": "Re\u0007tail",
        "employeeCount": "0",
        "country": "XX",
    }
    response = admin.http.post("/organisations", data=typed)
    assert response.status_code == 422
    for name in ("name", "sector", "employeeCount", "country"):
        assert 'class="error"' in field(response.text, name), name
    assert events_in_log(demo_services) == before
