"""An organisation's ISMS manager makes a new invitation link for one of their own people who has not yet chosen a
password and is nothing but an ISMS manager, contributor or viewer; never for an auditor, never for someone of
another organisation (answered as a missing account), and a coach never. A refusal writes nothing."""

from __future__ import annotations

from typing import Any

from backend.demo import organisation_id
from backend.services import Services
from domain.tenancy.account import Role
from domain.tenancy.consultancy import consultancy_id
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, events_in_log
from tests.api.page_support import MEMBER, ClientFor, csrf
from tests.api.tenancy.test_accounts import ISSUE, accept, invite
from tests.api.tenancy.test_grants import SECOND_MEMBER, muller, open_second_member  # noqa: F401 (a fixture)
from tests.api.test_isolation_same_tenant import SECOND_COACH, open_account

RANDOM_ID = "00000000-0000-4000-8000-000000000000"


def issue(client: Any, account: str) -> dict[str, Any]:
    result: dict[str, Any] = client.data(ISSUE, {"input": {"accountId": account}})["r"]
    return result


def test_an_isms_manager_makes_a_new_link_for_their_contributor_and_the_earlier_one_stops(
    client_for: ClientFor, app: Any
) -> None:
    manager = client_for(MEMBER)
    org = muller(client_for(ALPINE_ADMIN))
    first = invite(manager, email="nina@muller.example", displayName="Nina Neu", role="CONTRIBUTOR", organisationId=org)
    assert first["__typename"] == "Invitation", first
    page = manager.http.get(f"/people/{first['account']['id']}")
    assert "Make a new invitation link" in page.text
    answer = manager.http.post(
        f"/people/{first['account']['id']}/invitation", data={"csrf_token": csrf(page.text)}, follow_redirects=True
    )
    assert "/invitations/" in answer.text and "the earlier one no longer works" in answer.text
    second = issue(manager, first["account"]["id"])
    assert second["__typename"] == "Invitation" and second["path"] != first["path"], second
    assert accept(app, first["path"]).status_code == 404
    assert accept(app, second["path"]).status_code == 303
    page = manager.http.get(f"/people/{first['account']['id']}")
    assert "Make a new invitation link" not in page.text, "once a password is chosen there is no link to make"


def test_an_isms_manager_makes_no_link_for_an_auditor_another_organisation_or_a_random_id(
    client_for: ClientFor,
    demo_services: Services,
    open_second_member: str,  # noqa: F811
) -> None:
    admin, manager = client_for(ALPINE_ADMIN), client_for(MEMBER)
    org = muller(admin)
    auditor = invite(
        admin,
        email="ada@certify.example",
        displayName="Ada Audit",
        role="AUDITOR",
        organisationId=org,
        validUntil="2027-01-20",
    )
    kirchberg = client_for(SECOND_MEMBER)
    kirchberg_id = str(organisation_id(consultancy_id("alpine"), "Kirchberg Dental"))
    stranger = invite(
        kirchberg, email="kim@kirchberg.example", displayName="Kim Kirch", role="VIEWER", organisationId=kirchberg_id
    )
    assert (auditor["__typename"], stranger["__typename"]) == ("Invitation", "Invitation"), (auditor, stranger)
    open_account(demo_services, SECOND_COACH, "Sam Second", Role.COACH)
    before = events_in_log(demo_services)
    refused = issue(manager, auditor["account"]["id"])
    assert refused["code"] == "FORBIDDEN", refused
    assert "Make a new invitation link" not in manager.http.get(f"/people/{auditor['account']['id']}").text
    missing = issue(manager, RANDOM_ID)
    assert (missing["code"], missing["field"]) == ("NOT_FOUND", "accountId")
    assert issue(manager, stranger["account"]["id"]) == missing, "another organisation's person is a missing one"
    assert issue(manager, "not-an-id")["field"] == "accountId"
    assert issue(kirchberg, auditor["account"]["id"]) == missing
    for coach in (ALPINE_COACH, SECOND_COACH):
        assert issue(client_for(coach), stranger["account"]["id"])["code"] == "FORBIDDEN"
    assert issue(client_for(HARBOUR_ADMIN), stranger["account"]["id"])["code"] == "NOT_FOUND"
    assert events_in_log(demo_services) == before
