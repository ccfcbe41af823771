"""The admins' list of accounts and an ISMS manager's list of their people, a page at a time by name: filtered by
role today, organisation (admins) and name or e-mail; a cursor or filter not of the API refused naming it; nobody
else's accounts in either."""

from __future__ import annotations

from typing import Any

import pytest

from backend.demo import organisation_id
from backend.services import Services
from domain.tenancy.account import Role
from domain.tenancy.consultancy import consultancy_id
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN
from tests.api.page_support import MEMBER, ClientFor
from tests.api.tenancy.test_grants import AUDITOR, COLLEAGUE, CONTRIBUTOR, SECOND_MEMBER, VIEWER
from tests.api.test_isolation_same_tenant import SECOND_COACH, open_account

PAGE = "edges { cursor node { email organisationName } } pageInfo { hasNextPage endCursor }"
ACCOUNTS = f"""query($first: Int, $after: String, $role: AccountRole, $organisationId: ID, $search: String) {{
  r: accounts(first: $first, after: $after, role: $role, organisationId: $organisationId, search: $search) {{
    __typename ... on UserError {{ code field }} ... on AccountConnection {{ {PAGE} }} }} }}"""
PEOPLE = f"""query($first: Int, $after: String, $role: AccountRole, $search: String) {{
  r: organisationPeople(first: $first, after: $after, role: $role, search: $search) {{
    __typename ... on UserError {{ code field }} ... on AccountConnection {{ {PAGE} }} }} }}"""
MULLER_PEOPLE = {MEMBER, COLLEAGUE, CONTRIBUTOR, VIEWER, AUDITOR}


def listed(client: Any, document: str, **given: Any) -> dict[str, Any]:
    result: dict[str, Any] = client.data(document, given)["r"]
    return result


def emails(found: dict[str, Any]) -> list[str]:
    assert found["__typename"] == "AccountConnection", found
    return [edge["node"]["email"] for edge in found["edges"]]


def every_page(client: Any, document: str, size: int, **given: Any) -> list[str]:
    seen, after = [], None
    while True:
        found = listed(client, document, first=size, after=after, **given)
        seen += emails(found)
        if not found["pageInfo"]["hasNextPage"]:
            return seen
        after = found["pageInfo"]["endCursor"]


def test_an_admin_pages_through_the_accounts_by_name_and_filters_them(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    whole = emails(listed(admin, ACCOUNTS, first=100))
    assert every_page(admin, ACCOUNTS, 2) == whole and len(whole) > 4
    assert not any(email.endswith("harbour.example") for email in whole)
    muller = str(organisation_id(consultancy_id("alpine"), "Boulangerie Muller"))
    assert set(emails(listed(admin, ACCOUNTS, first=100, organisationId=muller))) == MULLER_PEOPLE
    assert emails(listed(admin, ACCOUNTS, role="COACH")) == [ALPINE_COACH]
    assert MEMBER in emails(listed(admin, ACCOUNTS, role="ISMS_MANAGER")), "a stored member is an ISMS manager"
    assert emails(listed(admin, ACCOUNTS, search="MULLER.EXAMPLE", role="CONTRIBUTOR")) == [CONTRIBUTOR]
    assert emails(listed(admin, ACCOUNTS, search="100%_")) == []  # the text is searched for, not a pattern


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"after": "not-a-cursor"}, "after"),
        ({"after": "WyJhY2NvdW50IiwgMSwgMl0="}, "after"),  # ["account", 1, 2]
        ({"first": 0}, "first"),
        ({"first": 101}, "first"),
        ({"organisationId": "somewhere"}, "organisationId"),
        ({"search": "two\nlines"}, "search"),
        ({"search": "x" * 101}, "search"),
    ],
)
def test_a_cursor_or_filter_not_of_the_api_is_refused_naming_it(
    client_for: ClientFor, given: dict[str, Any], field: str
) -> None:
    refused = listed(client_for(ALPINE_ADMIN), ACCOUNTS, **given)
    assert (refused["code"], refused["field"]) == ("VALIDATION", field)
    if "organisationId" not in given:
        refused = listed(client_for(MEMBER), PEOPLE, **given)
        assert (refused["code"], refused["field"]) == ("VALIDATION", field)


def test_an_isms_manager_pages_through_their_own_people_only(client_for: ClientFor, demo_services: Services) -> None:
    kirchberg = str(organisation_id(consultancy_id("alpine"), "Kirchberg Dental"))
    open_account(demo_services, SECOND_MEMBER, "Dr Lena Weber", Role.MEMBER, kirchberg)
    open_account(demo_services, SECOND_COACH, "Sam Second", Role.COACH)
    manager = client_for(MEMBER)
    assert set(every_page(manager, PEOPLE, 2)) == MULLER_PEOPLE
    assert emails(listed(manager, PEOPLE, role="VIEWER")) == [VIEWER]
    assert emails(listed(manager, PEOPLE, search="weber")) == []
    kirchberg_people = ["lena@kirchberg.example", SECOND_MEMBER]  # the demo's ISMS manager, and this test's
    assert emails(listed(client_for(SECOND_MEMBER), PEOPLE, first=100)) == kirchberg_people
    assert emails(listed(client_for(SECOND_MEMBER), PEOPLE, search="muller")) == []
    for outsider in (ALPINE_COACH, SECOND_COACH, SECOND_MEMBER, MEMBER):
        assert listed(client_for(outsider), ACCOUNTS, search="muller")["__typename"] == "ForbiddenError"
    for outsider in (ALPINE_COACH, SECOND_COACH, ALPINE_ADMIN):
        assert listed(client_for(outsider), PEOPLE)["__typename"] == "ForbiddenError"
    harbour = client_for(HARBOUR_ADMIN)
    assert emails(listed(harbour, ACCOUNTS, first=100, search="alpine")) == []
    assert emails(listed(harbour, ACCOUNTS, first=100, organisationId=kirchberg)) == []


def test_the_pages_link_to_the_next_page_keeping_the_filters(
    client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("frontend.tenancy.accounts.PAGE_SIZE", 2)
    admin = client_for(ALPINE_ADMIN)
    first = admin.http.get("/accounts", params={"search": "muller"})
    following = first.text.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
    assert "search=muller" in following and "after=" in following
    second = admin.http.get(following)
    assert second.status_code == 200 and 'href="/accounts?search=muller"' in second.text
    shown = [email for email in MULLER_PEOPLE if f'data-account="{email}"' in first.text + second.text]
    assert len(shown) == 4 and not any(f'data-account="{e}"' in second.text for e in shown if e in first.text)
    assert "could not be read" in admin.http.get("/accounts?after=edited").text
    manager = client_for(MEMBER)
    people = manager.http.get("/people", params={"role": "VIEWER"})
    assert f'data-account="{VIEWER}"' in people.text and f'data-account="{CONTRIBUTOR}"' not in people.text
    assert "/people?" in manager.http.get("/people").text.split('rel="next"')[0]
