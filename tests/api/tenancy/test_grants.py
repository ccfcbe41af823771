"""Grants over the API: an admin grants and revokes any role, an organisation's ISMS manager its own people's; a
refusal names its field and writes nothing; outsiders see and change nothing; a contributor edits but approves
nothing, a viewer reads; an auditor reads one organisation inside its window, every request recorded."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI

from backend.auth.current import SESSION_COOKIE, principal_today
from backend.auth.principal import Principal
from backend.demo import organisation_id
from backend.graphql.risks.actions import ACCEPT_RISK, IDENTIFY_RISK
from backend.graphql.soa.actions import APPROVE_SOA, DECIDE_CONTROL
from backend.policy import may
from backend.services import Services
from domain.tenancy.account import Role
from domain.tenancy.account import account_id as domain_account_id
from domain.tenancy.consultancy import consultancy_id
from projections.queries import Scope
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, events_in_log
from tests.api.page_support import MEMBER, ClientFor
from tests.api.tenancy.test_accounts import account_id
from tests.api.test_isolation_same_tenant import open_account
from tests.conftest import TEST_DAY
from tests.support.graphql_client import GraphQLClient

REFUSAL = "... on UserError { code field message }"
GRANT = "id role organisationName validFrom validUntil revokedAt revokeReason current"
GRANTS = f"... on AccountGrants {{ grants {{ {GRANT} }} }}"
GRANT_ROLE = f"""mutation($input: GrantRoleInput!) {{ r: grantRole(input: $input) {{ __typename {GRANTS}
    {REFUSAL} }} }}"""
REVOKE = f"""mutation($input: RevokeGrantInput!) {{ r: revokeGrant(input: $input) {{ __typename {GRANTS}
    {REFUSAL} }} }}"""
ACCOUNT_GRANTS = f"""query($id: ID!) {{ r: accountGrants(accountId: $id) {{ __typename {GRANTS} {REFUSAL} }} }}"""
MY_GRANTS = f"{{ myGrants {{ {GRANT} }} }}"
COLLEAGUE, CONTRIBUTOR, VIEWER = "jonas@muller.example", "lea@muller.example", "paul@muller.example"
AUDITOR = "auditor@certify.example"
SECOND_MEMBER = "member@kirchberg.example"


@pytest.fixture
def open_second_member(demo_services: Services) -> str:
    """Kirchberg Dental's ISMS manager: a member of the same cluster as Muller, of another organisation."""
    kirchberg = organisation_id(consultancy_id("alpine"), "Kirchberg Dental")
    open_account(demo_services, SECOND_MEMBER, "Dr Lena Weber", Role.MEMBER, str(kirchberg))
    return str(domain_account_id(SECOND_MEMBER))


def principal(services: Services, email: str) -> Principal:
    row = services.queries.tenancy.account(Scope(consultancy_id("alpine")), domain_account_id(email))
    assert row is not None
    found = principal_today(services, row, "")
    assert found is not None
    return found


def grant(client: GraphQLClient, **given: Any) -> dict[str, Any]:
    result: dict[str, Any] = client.data(GRANT_ROLE, {"input": given})["r"]
    return result


def muller(admin: GraphQLClient) -> str:
    found = admin.data("{ organisations { id name } }")["organisations"]
    return str(next(org["id"] for org in found if org["name"] == "Boulangerie Muller"))


def test_everyone_sees_their_own_grants_a_stored_member_as_isms_manager(client_for: ClientFor) -> None:
    (own,) = client_for(MEMBER).data(MY_GRANTS)["myGrants"]
    assert (own["role"], own["organisationName"], own["validUntil"], own["current"]) == (
        "isms_manager",
        "Boulangerie Muller",
        None,
        True,
    )
    assert [g["role"] for g in client_for(ALPINE_COACH).data(MY_GRANTS)["myGrants"]] == ["coach"]


def test_an_admin_grants_and_revokes_and_the_history_keeps_the_revoked_grant(
    client_for: ClientFor, demo_services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    admin = client_for(ALPINE_ADMIN)
    jonas, org = account_id(admin, COLLEAGUE), muller(admin)
    with caplog.at_level(logging.INFO, logger="cordee.security"):
        granted = grant(admin, accountId=jonas, role="VIEWER", validUntil="2027-02-01")  # on its organisation
    assert granted["__typename"] == "AccountGrants", granted
    viewer = next(g for g in granted["grants"] if g["role"] == "viewer")
    assert (viewer["validFrom"], viewer["validUntil"], viewer["current"]) == (str(TEST_DAY), "2027-02-01", True)
    assert any(json.loads(r.getMessage())["event"].startswith("privilege_permissions_changed") for r in caplog.records)
    revoked = admin.data(REVOKE, {"input": {"accountId": jonas, "grantId": viewer["id"], "reason": "Not needed"}})
    kept = next(g for g in revoked["r"]["grants"] if g["id"] == viewer["id"])
    assert kept["revokedAt"] and kept["revokeReason"] == "Not needed" and not kept["current"]
    before = events_in_log(demo_services)
    bad = grant(
        admin, accountId=jonas, role="CONTRIBUTOR", organisationId=org, validFrom="2027-03-01", validUntil="2027-02-01"
    )
    assert (bad["code"], bad["field"]) == ("VALIDATION", "validUntil")
    bad = grant(admin, accountId=jonas, role="COACH")
    assert (bad["code"], bad["field"]) == ("VALIDATION", "role")
    bad = grant(admin, accountId=jonas, role="AUDITOR", organisationId=org)
    assert (bad["code"], bad["field"]) == ("VALIDATION", "validUntil")
    bad = grant(admin, accountId="not-an-id", role="VIEWER")
    assert (bad["code"], bad["field"]) == ("VALIDATION", "accountId")
    own = admin.data(MY_GRANTS)["myGrants"][0]["id"]
    bad = admin.data(REVOKE, {"input": {"accountId": account_id(admin, ALPINE_ADMIN), "grantId": own, "reason": "x"}})
    assert (bad["r"]["code"], bad["r"]["field"]) == ("VALIDATION", "accountId")  # nobody changes their own access
    assert events_in_log(demo_services) == before


def test_an_isms_manager_grants_their_own_people_and_nothing_else(
    client_for: ClientFor, demo_services: Services, open_second_member: str
) -> None:
    admin, manager = client_for(ALPINE_ADMIN), client_for(MEMBER)
    jonas, org = account_id(admin, COLLEAGUE), muller(admin)
    done = grant(manager, accountId=jonas, role="CONTRIBUTOR", organisationId=org)
    assert done["__typename"] == "AccountGrants" and "contributor" in [g["role"] for g in done["grants"]]
    assert manager.data(ACCOUNT_GRANTS, {"id": jonas})["r"]["__typename"] == "AccountGrants"
    before = events_in_log(demo_services)
    refused = grant(manager, accountId=jonas, role="AUDITOR", organisationId=org, validUntil="2027-01-10")
    assert refused["code"] == "FORBIDDEN"
    for outsider in (account_id(admin, ALPINE_COACH), open_second_member):  # the consultancy's, another org's
        refused = grant(manager, accountId=outsider, role="VIEWER", organisationId=org)
        assert (refused["code"], refused["field"]) == ("NOT_FOUND", "accountId")
        assert manager.data(ACCOUNT_GRANTS, {"id": outsider})["r"]["code"] == "NOT_FOUND"
    assert events_in_log(demo_services) == before


@pytest.mark.parametrize("who", [ALPINE_COACH, HARBOUR_ADMIN, SECOND_MEMBER, CONTRIBUTOR])
def test_outsiders_neither_see_nor_change_grants(
    client_for: ClientFor, demo_services: Services, who: str, open_second_member: str
) -> None:
    admin = client_for(ALPINE_ADMIN)
    jonas, org = account_id(admin, COLLEAGUE), muller(admin)
    outsider = client_for(who)
    before = events_in_log(demo_services)
    refused = grant(outsider, accountId=jonas, role="VIEWER", organisationId=org)
    assert refused["code"] in ("FORBIDDEN", "NOT_FOUND"), refused
    assert outsider.data(ACCOUNT_GRANTS, {"id": jonas})["r"]["__typename"] in ("ForbiddenError", "NotFoundError")
    assert events_in_log(demo_services) == before


def test_a_contributor_edits_but_approves_nothing_and_a_viewer_does_nothing(
    client_for: ClientFor, demo_services: Services
) -> None:
    assert client_for(CONTRIBUTOR).data("{ viewer { roles } }")["viewer"]["roles"] == ["contributor"]
    principals = {who: principal(demo_services, who) for who in (CONTRIBUTOR, VIEWER, MEMBER)}
    assert may(principals[CONTRIBUTOR], IDENTIFY_RISK) and may(principals[CONTRIBUTOR], DECIDE_CONTROL)
    assert not may(principals[CONTRIBUTOR], ACCEPT_RISK) and not may(principals[CONTRIBUTOR], APPROVE_SOA)
    assert may(principals[MEMBER], ACCEPT_RISK) and may(principals[MEMBER], APPROVE_SOA)
    assert not any(may(principals[VIEWER], action) for action in (IDENTIFY_RISK, DECIDE_CONTROL, ACCEPT_RISK))


def test_an_auditor_reads_one_organisation_inside_its_window_and_every_request_is_recorded(
    client_for: ClientFor, days_pass: Callable[[date], None], caplog: pytest.LogCaptureFixture
) -> None:
    days_pass(date(2026, 3, 10))  # inside the demo auditor's month from the demo's day
    auditor = client_for(AUDITOR)
    with caplog.at_level(logging.INFO, logger="cordee.security"):
        names = auditor.data("{ organisations { name } }")["organisations"]
        assert auditor.http.get("/clusters").status_code == 200
    assert [org["name"] for org in names] == ["Boulangerie Muller"]
    reads = [json.loads(r.getMessage()) for r in caplog.records if "sensitive_read" in r.getMessage()]
    assert len(reads) == 2
    listed = client_for(ALPINE_ADMIN).data(
        "{ auditorReads { ... on AuditorReadConnection { edges { node { displayName method path } } } } }"
    )["auditorReads"]["edges"]
    assert [edge["node"] for edge in listed[:2]] == [
        {"displayName": "Ines Auditor", "method": "GET", "path": "/clusters"},
        {"displayName": "Ines Auditor", "method": "POST", "path": "/graphql"},
    ]
    assert client_for(MEMBER).data("{ auditorReads { __typename } }")["auditorReads"]["__typename"] == "ForbiddenError"
    days_pass(date(2026, 4, 1))  # the window has ended: the next request is signed out
    auditor.expected_status = 401
    assert auditor.execute("{ viewer { id } }")["errors"][0]["message"] == "Sign in first."
    assert auditor.http.get("/clusters", follow_redirects=False).status_code in (303, 302, 307)


def test_an_auditor_reads_the_organisation_s_registers_and_nothing_of_its_cluster(
    client_for: ClientFor, days_pass: Callable[[date], None]
) -> None:
    days_pass(date(2026, 3, 10))
    member = client_for(MEMBER)
    cluster = member.data("{ clusters { edges { node { id } } } }")["clusters"]["edges"][0]["node"]["id"]
    muller = organisation_id(consultancy_id("alpine"), "Boulangerie Muller")
    risks = f'{{ risks(organisationId: "{muller}") {{ edges {{ node {{ title }} }} }} }}'
    auditor = client_for(AUDITOR)
    assert auditor.data(risks)["risks"]["edges"] == member.data(risks)["risks"]["edges"] != []
    assert auditor.data("{ clusters { edges { node { id } } } }")["clusters"]["edges"] == []
    for path in (f"/clusters/{cluster}/effort.csv", f"/clusters/{cluster}/calendar.ics"):
        assert member.http.get(path).status_code == 200, path
        assert auditor.http.get(path).status_code == 404, path  # the cluster's, not the organisation's
    assert auditor.http.get(f"/clusters/{cluster}").status_code == 404


def test_a_change_of_grants_gives_the_person_s_session_a_new_id(app: FastAPI, client_for: ClientFor) -> None:
    from tests.api.tenancy.test_sessions import browser, opens, sign_in

    http = browser(app, "198.51.100.90")
    before = sign_in(http, COLLEAGUE)
    admin = client_for(ALPINE_ADMIN)
    granted = grant(admin, accountId=account_id(admin, COLLEAGUE), role="VIEWER", validUntil="2027-02-01")
    assert granted["__typename"] == "AccountGrants", granted
    assert http.get("/access").status_code == 200, "the person stays signed in"
    after = http.cookies.get(SESSION_COOKIE)
    assert after and after != before and not opens(app, before), "the id seen before the change opens nothing"
