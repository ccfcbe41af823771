"""The Statement of Applicability on PostgreSQL: the frozen copy of a submitted version, the filters on decisions,
the status order and its keyset cursors, and the edition move, as on SQLite."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from backend.app import create_app
from backend.services import Services
from domain.tenancy.account import Role
from tests.api.conftest import ALPINE_ADMIN
from tests.api.documents.support import KIRCHBERG_MEMBER, MULLER_AUTHOR, MULLER_MANAGER, organisation_ids
from tests.api.soa.support import controls, decide, mutate, versions
from tests.api.test_isolation_same_tenant import open_account
from tests.support.graphql_client import GraphQLClient


@pytest.mark.postgres
def test_a_statement_is_decided_approved_listed_and_moved_on_postgres(postgres_services: Services) -> None:
    app = create_app(postgres_services.settings, postgres_services)

    def client(email: str) -> GraphQLClient:
        return GraphQLClient(TestClient(app)).sign_in(email)

    ids = organisation_ids(client(ALPINE_ADMIN))
    muller, kirchberg = ids["Boulangerie Muller"], ids["Kirchberg Dental"]
    open_account(postgres_services, MULLER_MANAGER, "Sophie Muller", Role.MEMBER, muller)
    open_account(postgres_services, KIRCHBERG_MEMBER, "Dr Lena Weber", Role.MEMBER, kirchberg)
    postgres_services.runner.catch_up()
    member, manager = client(MULLER_AUTHOR), client(MULLER_MANAGER)
    decide(member, muller, "7.4", reasons=["risk_treatment"])
    mutate(member, "submitSoaVersion", "SoaVersionInput", {"organisationId": muller, "version": 2})
    approved = mutate(manager, "approveSoaVersion", "SoaVersionInput", {"organisationId": muller, "version": 2})
    assert approved["statement"]["approvedVersion"] == 2
    assert [(v["number"], v["decided"]) for v in versions(member, muller)] == [(3, None), (2, 93), (1, 93)]
    assert controls(member, muller, decision="not_applicable")["totalCount"] == 2
    assert controls(member, muller, decision="undecided")["totalCount"] == 0
    seen, after = [], None
    while True:
        page = controls(member, muller, first=30, after=after, orderBy="STATUS")
        seen += [e["node"]["controlId"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(set(seen)) == 93 and seen[-2:] == ["5.1", "7.1"]
    weber = client(KIRCHBERG_MEMBER)
    mutate(weber, "startSoa", "StartSoaInput", {"organisationId": kirchberg, "catalogue": "iso27001-2005"})
    decide(weber, kirchberg, "A.10.5.1", reasons=["business"], justification="Nightly copies.")
    moved = mutate(
        weber, "moveSoaToEdition", "MoveSoaInput", {"organisationId": kirchberg, "catalogue": "iso27001-2022"}
    )
    assert moved["statement"]["catalogueId"] == "iso27001-2022"
    assert [e["node"]["controlId"] for e in controls(weber, kirchberg, decision="to_review")["edges"]] == ["8.13"]
