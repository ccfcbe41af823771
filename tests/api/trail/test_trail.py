"""The audit trail through the API: an item's events in words, newest first, for whoever sees the item and for
nobody else; the consultancy's whole trail for its admins, by person, register and period."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import update

from backend.services import Services
from domain.tenancy.account import Role, account_id
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, HARBOUR_COACH
from tests.api.page_support import MEMBER, ClientFor
from tests.api.risks.support import identify, mutate, organisation_id
from tests.api.test_isolation_same_tenant import HARBOUR_MEMBER, SECOND_COACH, SECOND_MEMBER, open_account
from tests.support.graphql_client import GraphQLClient

EVENT = "recordedAt businessDate datedApart register itemKind itemId itemVersion itemTitle actorId actorName " \
    "eventName summary reason"  # fmt: skip
ITEM_TRAIL = f"""query($id: ID!, $first: Int! = 20, $after: String) {{ itemTrail(id: $id, first: $first, after: $after)
    {{ __typename ... on UserError {{ code field message }}
       ... on TrailEventConnection {{ pageInfo {{ hasNextPage endCursor }} edges {{ cursor node {{ {EVENT} }} }} }} }} }}"""
AUDIT_TRAIL = f"""query($filter: AuditTrailFilter, $first: Int! = 25, $after: String) {{
    auditTrail(filter: $filter, first: $first, after: $after) {{ __typename ... on UserError {{ code field message }}
       ... on TrailEventConnection {{ pageInfo {{ hasNextPage endCursor }} edges {{ cursor node {{ {EVENT} }} }} }} }} }}"""
OUTSIDERS = [SECOND_MEMBER, SECOND_COACH, HARBOUR_ADMIN, HARBOUR_COACH, HARBOUR_MEMBER]


def item_trail(client: GraphQLClient, item: str, **more: Any) -> dict[str, Any]:
    found: dict[str, Any] = client.data(ITEM_TRAIL, {"id": item, **more})["itemTrail"]
    return found


def audit_trail(client: GraphQLClient, **more: Any) -> dict[str, Any]:
    found: dict[str, Any] = client.data(AUDIT_TRAIL, more)["auditTrail"]
    return found


def nodes(connection: dict[str, Any]) -> list[dict[str, Any]]:
    return [edge["node"] for edge in connection["edges"]]


@pytest.fixture
def oven_fire(client_for: ClientFor, demo_services: Services) -> str:
    """A risk of Boulangerie Muller identified, assessed and changed with a reason by its member; the outsiders'
    accounts opened."""
    member = client_for(MEMBER)
    found = identify(member, organisation_id(member), "Oven fire")
    mutate(member, "assessRisk", {"riskId": found["id"], "likelihood": 2, "impact": 3})
    mutate(member, "assessRisk", {"riskId": found["id"], "likelihood": 3, "impact": 3, "reason": "A second oven"})
    kirchberg = organisation_id(client_for(ALPINE_ADMIN), "Kirchberg Dental")
    open_account(demo_services, SECOND_MEMBER, "Dr Lena Weber", Role.MEMBER, kirchberg)
    open_account(demo_services, SECOND_COACH, "Sam Second", Role.COACH)
    return str(found["id"])


def test_an_item_s_trail_says_each_event_in_words_newest_first(client_for: ClientFor, oven_fire: str) -> None:
    events = nodes(item_trail(client_for(MEMBER), oven_fire))
    assert [e["eventName"] for e in events] == ["Assessed", "Assessed", "Identified"]
    assert [e["itemVersion"] for e in events] == [3, 2, 1]
    newest, _, first = events
    assert newest["reason"] == "A second oven" and first["reason"] is None
    assert "Likelihood: 3" in newest["summary"] and "Impact: 3" in newest["summary"]
    assert first["itemTitle"] == "Oven fire" and "Threat: Criminal gang" in first["summary"]
    assert {e["register"] for e in events} == {"risks"} and {e["itemKind"] for e in events} == {"Risk"}
    assert {e["actorId"] for e in events} == {str(account_id(MEMBER))}
    assert {e["actorName"] for e in events} == {"Marc Muller"}


def test_the_actor_s_name_is_the_one_recorded_with_the_event(
    client_for: ClientFor, oven_fire: str, demo_services: Services
) -> None:
    """Accounts keep their name for good; should the accounts' read model ever say another, the trail still says
    the name the actor had when the event was recorded."""
    accounts = demo_services.store.tables.accounts
    with demo_services.store.writing() as conn:
        conn.execute(update(accounts).where(accounts.c.account_id == account_id(MEMBER)).values(display_name="M. M."))
    assert {e["actorName"] for e in nodes(item_trail(client_for(MEMBER), oven_fire))} == {"Marc Muller"}


def test_the_trail_comes_a_page_at_a_time(client_for: ClientFor, oven_fire: str) -> None:
    member = client_for(MEMBER)
    first = item_trail(member, oven_fire, first=2)
    assert first["pageInfo"]["hasNextPage"] is True
    rest = item_trail(member, oven_fire, first=2, after=first["pageInfo"]["endCursor"])
    assert rest["pageInfo"] == {"hasNextPage": False, "endCursor": rest["edges"][-1]["cursor"]}
    assert [e["itemVersion"] for e in nodes(first) + nodes(rest)] == [3, 2, 1]


@pytest.mark.parametrize("reader", [MEMBER, ALPINE_COACH, ALPINE_ADMIN])
def test_the_organisation_its_coach_and_the_admins_read_the_item_s_trail(
    client_for: ClientFor, oven_fire: str, reader: str
) -> None:
    assert len(nodes(item_trail(client_for(reader), oven_fire))) == 3


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_an_outsider_reads_no_trail_of_the_item_as_for_a_missing_one(
    client_for: ClientFor, oven_fire: str, outsider: str
) -> None:
    client = client_for(outsider)
    refused = {"__typename": "NotFoundError", "code": "NOT_FOUND", "field": "id", "message": "No item with this id."}
    assert item_trail(client, oven_fire) == item_trail(client, str(uuid.uuid4())) == refused


def test_an_account_s_trail_is_the_admins_alone(client_for: ClientFor, oven_fire: str) -> None:
    coach = str(account_id(ALPINE_COACH))
    assert item_trail(client_for(ALPINE_COACH), coach)["__typename"] == "NotFoundError"
    assert item_trail(client_for(MEMBER), coach)["__typename"] == "NotFoundError"
    opened = nodes(item_trail(client_for(ALPINE_ADMIN), coach))[-1]
    assert opened["eventName"] == "Opened" and opened["register"] == "tenancy"


def test_no_secret_is_ever_in_the_trail(client_for: ClientFor, oven_fire: str, demo_services: Services) -> None:
    admin = client_for(ALPINE_ADMIN)
    events = nodes(audit_trail(admin, filter={"register": "tenancy"}, first=100))
    accounts = demo_services.store.tables.accounts
    with demo_services.store.reading() as conn:
        hashes = [row.password_hash for row in conn.execute(accounts.select())]
    assert any(e["eventName"] == "Opened" for e in events)
    for event in events:
        assert "argon2" not in event["summary"] and "hash" not in event["summary"].lower()
        assert not any(secret in event["summary"] for secret in hashes)


def test_the_admins_read_the_whole_trail_by_person_register_and_period(client_for: ClientFor, oven_fire: str) -> None:
    admin = client_for(ALPINE_ADMIN)
    everything = nodes(audit_trail(admin, first=100))
    assert {e["register"] for e in everything} >= {"risks"}
    by_member = nodes(audit_trail(admin, filter={"accountId": str(account_id(MEMBER))}, first=100))
    assert by_member and {e["actorName"] for e in by_member} == {"Marc Muller"}
    risks = nodes(audit_trail(admin, filter={"register": "risks"}, first=100))
    assert risks and {e["register"] for e in risks} == {"risks"}
    today = everything[0]["recordedAt"][:10]
    assert nodes(audit_trail(admin, filter={"from": today, "to": today}))
    assert nodes(audit_trail(admin, filter={"to": "2000-01-01"})) == []


def test_each_consultancy_reads_its_own_trail(client_for: ClientFor, oven_fire: str) -> None:
    harbour = nodes(audit_trail(client_for(HARBOUR_ADMIN), first=100))
    assert harbour and oven_fire not in {e["itemId"] for e in harbour}


@pytest.mark.parametrize("reader", [ALPINE_COACH, MEMBER])
def test_only_the_admins_read_the_whole_trail(client_for: ClientFor, reader: str) -> None:
    assert audit_trail(client_for(reader))["__typename"] == "ForbiddenError"


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"filter": {"register": "no-such-register"}}, "filter.register"),
        ({"filter": {"from": "2026-03-05", "to": "2026-03-03"}}, "filter.to"),
        ({"filter": {"accountId": "not-an-id"}}, "filter.accountId"),
        ({"after": "not-a-cursor"}, "after"),
        ({"first": 0}, "first"),
    ],
)
def test_a_bad_filter_is_refused_naming_its_field(client_for: ClientFor, given: dict[str, Any], field: str) -> None:
    refused = audit_trail(client_for(ALPINE_ADMIN), **given)
    assert (refused["__typename"], refused["code"], refused["field"]) == ("ValidationError", "VALIDATION", field)


def test_a_bad_item_id_or_cursor_is_refused_naming_its_field(client_for: ClientFor, oven_fire: str) -> None:
    member = client_for(MEMBER)
    assert item_trail(member, "not-an-id")["field"] == "id"
    assert item_trail(member, oven_fire, after="bm90LWEtY3Vyc29y")["field"] == "after"
