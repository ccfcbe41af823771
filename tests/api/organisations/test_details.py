"""An organisation's details change: its sector, its size and the place whose public holidays it keeps; the admins of
its consultancy alone may, every bad value is refused on its field, and a refusal writes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, events_in_log
from tests.api.page_support import MEMBER, ClientFor, csrf, field
from tests.support.graphql_client import GraphQLClient

CHANGE = """mutation($input: ChangeOrganisationDetailsInput!) { r: changeOrganisationDetails(input: $input) {
    __typename ... on UserError { code message field }
    ... on OrganisationChange { organisation { name sector employeeCount country region place } } } }"""
ORGANISATIONS = "{ organisations { id name place } }"


def muller(client: GraphQLClient) -> str:
    return next(o["id"] for o in client.data(ORGANISATIONS)["organisations"] if o["name"] == "Boulangerie Muller")


def change(client: GraphQLClient, organisation_id: str, **given: Any) -> dict[str, Any]:
    values = {"organisationId": organisation_id, "sector": "Bakery", "employeeCount": 14, "country": "DE"} | given
    result: dict[str, Any] = client.data(CHANGE, {"input": values})["r"]
    return result


def test_an_admin_changes_the_sector_size_and_place(client_for: ClientFor, demo_services: Services) -> None:
    admin = client_for(ALPINE_ADMIN)
    before = events_in_log(demo_services)
    changed = change(admin, muller(admin), sector="Bakery and café", employeeCount=17, country="de", region="by")
    assert changed["organisation"] == {
        "name": "Boulangerie Muller",
        "sector": "Bakery and café",
        "employeeCount": 17,
        "country": "DE",
        "region": "BY",
        "place": "Germany (BY)",
    }
    assert events_in_log(demo_services) == before + 2  # described, and located
    assert (
        change(admin, muller(admin), sector="Bakery and café", employeeCount=17, country=None)["organisation"]["place"]
        is None
    )
    assert events_in_log(demo_services) == before + 3  # only the place changed


@pytest.mark.parametrize(
    ("given", "field_name", "message"),
    [
        ({"country": "XX"}, "country", "Not a country code"),
        ({"country": None, "region": "BY"}, "region", "Give the country first"),
        ({"country": "DE", "region": "Atlantis"}, "region", "Not a region of Germany (known: BB, BE"),
        ({"employeeCount": 0}, "employeeCount", "Must be a whole number from 1"),
        ({"employeeCount": 10**12}, "employeeCount", ""),
        ({"sector": "Bak\u0007ery"}, "sector", "control"),
        ({"sector": "x" * 101}, "sector", "at most 100"),
        ({"organisationId": "not-an-id"}, "organisationId", ""),
        ({"organisationId": "00000000-0000-0000-0000-000000000001"}, "organisationId", "No organisation"),
    ],
)
def test_a_bad_value_is_refused_on_its_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, given: dict[str, Any], field_name: str, message: str
) -> None:
    admin = client_for(ALPINE_ADMIN)
    values = {"organisationId": muller(admin), "sector": "Bakery", "employeeCount": 14, "country": "DE"} | given
    before = events_in_log(demo_services)
    body = admin.execute(CHANGE, {"input": values})
    assert events_in_log(demo_services) == before
    if "errors" in body:  # refused by the API's types: still typed, still naming the field
        error = body["errors"][0]
        assert error["extensions"]["code"] == "VALIDATION" and field_name in error["extensions"]["field"]
        return
    refused = body["data"]["r"]
    assert refused["field"] == field_name and message.lower() in refused["message"].lower(), refused


def test_unchanged_details_are_refused_as_nothing_to_change(client_for: ClientFor, demo_services: Services) -> None:
    admin = client_for(ALPINE_ADMIN)
    change(admin, muller(admin))
    before = events_in_log(demo_services)
    again = change(admin, muller(admin))
    assert again["__typename"] == "ValidationError" and "Nothing to change" in again["message"]
    assert events_in_log(demo_services) == before


@pytest.mark.parametrize(("email", "code"), [(ALPINE_COACH, "FORBIDDEN"), (MEMBER, "FORBIDDEN")])
def test_a_coach_or_the_organisations_own_member_may_not(
    client_for: ClientFor, demo_services: Services, email: str, code: str
) -> None:
    organisation_id = muller(client_for(ALPINE_ADMIN))
    before = events_in_log(demo_services)
    refused = change(client_for(email), organisation_id)
    assert refused["__typename"] != "OrganisationChange" and refused["code"] == code
    assert events_in_log(demo_services) == before


def test_another_consultancys_admin_finds_no_such_organisation(client_for: ClientFor, demo_services: Services) -> None:
    organisation_id = muller(client_for(ALPINE_ADMIN))
    before = events_in_log(demo_services)
    refused = change(client_for(HARBOUR_ADMIN), organisation_id)
    assert refused["code"] == "NOT_FOUND" and "Muller" not in str(refused)
    assert events_in_log(demo_services) == before
    assert client_for(HARBOUR_ADMIN).http.get(f"/organisations/{organisation_id}").status_code == 404


def test_the_page_changes_the_details_and_says_so(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    page = f"/organisations/{muller(admin)}"
    form = {"csrf_token": csrf(admin.http.get(page).text), "sector": "Bakery", "employeeCount": "15"}
    done = admin.http.post(page, data=form | {"country": "FR", "region": ""}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == page
    shown = admin.http.get(page).text
    assert "The organisation&#39;s details are changed." in shown and "<dd>France</dd>" in shown
    assert "France" in admin.http.get("/organisations").text


def test_the_page_shows_a_refused_region_beside_its_field_with_the_known_ones(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    page = f"/organisations/{muller(admin)}"
    form = {"csrf_token": csrf(admin.http.get(page).text), "sector": "Bakery", "employeeCount": "15"}
    refused = admin.http.post(page, data=form | {"country": "DE", "region": "Mars"})
    assert refused.status_code == 422
    assert "Not a region of Germany (known: BB, BE, BW, BY" in field(refused.text, "region")
    assert 'value="Mars"' in refused.text


def test_a_member_sees_its_own_organisation_without_the_form(client_for: ClientFor) -> None:
    organisation_id = muller(client_for(ALPINE_ADMIN))
    page = client_for(MEMBER).http.get(f"/organisations/{organisation_id}")
    assert page.status_code == 200 and "Boulangerie Muller" in page.text
    assert f'action="/organisations/{organisation_id}"' not in page.text
