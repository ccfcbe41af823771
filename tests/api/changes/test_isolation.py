"""Nobody outside the organisation, its coach and its consultancy's admins sees or changes its change log: not
another member of the same cluster, not a coach of another cluster, not another consultancy. Each gets the same
answer for a change of Boulangerie Muller as for a random id, and writes nothing. The coach and the admins read the
log and its exports, and act in none of it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from backend.services import Services
from domain.tenancy.account import Role
from tests.api.changes.support import CHANGES, RULES, RULES_SAVED, account, change, file_change, mutate, organisation_id
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, HARBOUR_COACH, events_in_log
from tests.api.page_support import MEMBER, ClientFor
from tests.api.test_isolation_same_tenant import HARBOUR_MEMBER, SECOND_COACH, SECOND_MEMBER, open_account

OUTSIDERS = [SECOND_MEMBER, SECOND_COACH, HARBOUR_ADMIN, HARBOUR_COACH, HARBOUR_MEMBER]
RANDOM = str(uuid.uuid4())
NOT_FOUND = {"__typename": "NotFoundError", "code": "NOT_FOUND", "field": "id", "message": "No change with this id."}
LISTS = [CHANGES, RULES]
MUTATIONS: list[tuple[str, Callable[[str], dict[str, Any]]]] = [
    ("approveChange", lambda c: {"changeId": c}),
    ("consentToChange", lambda c: {"changeId": c}),
    ("scheduleChange", lambda c: {"changeId": c, "scheduledFor": "2027-02-01", "fallback": "Undo"}),
    ("recordChangeExecution", lambda c: {"changeId": c, "executedOn": "2027-01-04", "succeeded": False}),
]


@pytest.fixture
def muller_change(client_for: ClientFor, demo_services: Services) -> tuple[str, str]:
    """Boulangerie Muller's organisation id and one of its changes; a second member account (of Kirchberg Dental,
    in the same cluster) and a coach leading no cluster of Muller's."""
    member = client_for(MEMBER)
    muller = organisation_id(member)
    filed = file_change(member, category="emergency")
    kirchberg = organisation_id(client_for(ALPINE_ADMIN), "Kirchberg Dental")
    open_account(demo_services, SECOND_MEMBER, "Dr Lena Weber", Role.MEMBER, kirchberg)
    open_account(demo_services, SECOND_COACH, "Sam Second", Role.COACH)
    return muller, filed["id"]


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_an_outsider_sees_nothing_of_the_log(
    client_for: ClientFor, muller_change: tuple[str, str], outsider: str
) -> None:
    muller, filed = muller_change
    client = client_for(outsider)
    assert change(client, filed) == change(client, RANDOM) == NOT_FOUND
    for query in LISTS:
        mine, random = (client.execute(query, {"org": org}) for org in (muller, RANDOM))
        assert mine["errors"][0]["message"] == random["errors"][0]["message"] == "No organisation with this id."
        assert mine["errors"][0]["extensions"] == random["errors"][0]["extensions"]
    for extension in ("csv", "xlsx"):
        mine, random = (client.http.get(f"/organisations/{org}/changes.{extension}") for org in (muller, RANDOM))
        assert mine.status_code == random.status_code == 404


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_an_outsider_changes_nothing_and_learns_nothing(
    client_for: ClientFor, demo_services: Services, muller_change: tuple[str, str], outsider: str
) -> None:
    """A member of another organisation acts for its own organisation only: Marc's account is none of its own."""
    _, filed = muller_change
    client = client_for(outsider)
    before = events_in_log(demo_services)
    for name, given in MUTATIONS:
        mine, random = mutate(client, name, given(filed)), mutate(client, name, given(RANDOM))
        assert mine == random, (name, mine, random)
        assert mine["code"] in ("NOT_FOUND", "FORBIDDEN"), mine
    for name, given in [
        ("fileChange", {"ownerId": account(), "initiator": "x", "hostname": "h", "description": "d",
                        "category": "non_operational", "risk": "low", "cause": "c"}),
        ("nameChangeAdvisoryBoard", {"memberIds": [account()]}),
    ]:  # fmt: skip
        shape = "__typename ... on UserError { code field message }"
        refused = mutate(client, name, given, shape)
        assert refused["__typename"] != "ChangeSaved" and refused["code"] in ("FORBIDDEN", "NOT_FOUND"), refused
    assert events_in_log(demo_services) == before


def test_the_coach_and_the_admins_read_the_log_and_change_nothing(
    client_for: ClientFor, demo_services: Services, muller_change: tuple[str, str]
) -> None:
    muller, filed = muller_change
    before = events_in_log(demo_services)
    for reader in (ALPINE_COACH, ALPINE_ADMIN):
        client = client_for(reader)
        seen = change(client, filed)
        assert seen["number"] == 5 and not any(v for k, v in seen["viewerCan"].items() if k != "executionAwaits")
        log = client.data(CHANGES, {"org": muller})["changes"]
        assert log["totalCount"] == 5 and not any(log["viewerCan"].values())
        assert client.data(RULES, {"org": muller})["changeRules"]["board"]
        assert mutate(client, "approveChange", {"changeId": filed})["code"] == "FORBIDDEN"
        defined = mutate(client, "defineStandardChange", {"title": "Coach's", "procedure": "x"}, RULES_SAVED)
        assert defined["code"] == "FORBIDDEN"
        assert client.http.get(f"/organisations/{muller}/changes.csv").status_code == 200
    assert events_in_log(demo_services) == before


@pytest.mark.usefixtures("muller_change")
def test_a_member_names_only_its_own_accounts(client_for: ClientFor) -> None:
    second = client_for(SECOND_MEMBER)
    marc_as_owner = {"ownerId": account(MEMBER), "initiator": "x", "hostname": "h", "description": "d",
                     "category": "non_operational", "risk": "low", "cause": "c"}  # fmt: skip
    assert mutate(second, "fileChange", marc_as_owner)["field"] == "ownerId"
    board = mutate(second, "nameChangeAdvisoryBoard", {"memberIds": [account(MEMBER)]}, RULES_SAVED)
    assert board["field"] == "memberIds"
