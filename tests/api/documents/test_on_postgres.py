"""The documents on PostgreSQL: the same steps, filters, sorts and keyset cursors as on SQLite."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from backend.app import create_app
from backend.services import Services
from domain.tenancy.account import Role
from tests.api.conftest import ALPINE_ADMIN
from tests.api.documents.support import MULLER_AUTHOR, MULLER_MANAGER, documents, mutate, organisation_ids
from tests.api.test_isolation_same_tenant import open_account
from tests.support.graphql_client import GraphQLClient


@pytest.mark.postgres
def test_documents_are_approved_listed_and_paged_on_postgres(postgres_services: Services) -> None:
    app = create_app(postgres_services.settings, postgres_services)

    def client(email: str) -> GraphQLClient:
        return GraphQLClient(TestClient(app)).sign_in(email)

    muller = organisation_ids(client(ALPINE_ADMIN))["Boulangerie Muller"]
    open_account(postgres_services, MULLER_MANAGER, "Sophie Muller", Role.MEMBER, muller)
    postgres_services.runner.catch_up()
    author, manager = client(MULLER_AUTHOR), client(MULLER_MANAGER)
    [policy] = documents(author, muller)
    approved = mutate(
        manager,
        "approveVersion",
        "ApproveVersionInput",
        {"documentId": policy["id"], "version": 1, "reviewOn": "2027-02-01"},
    )
    assert len(approved["document"]["versions"][0]["contentHash"]) == 64
    mutate(manager, "publishVersion", "PublishVersionInput", {"documentId": policy["id"], "version": 1})
    for title in ("Backups", "Access control"):
        given = {"organisationId": muller, "kind": "procedure", "title": title, "owner": "IT", "text": "."}
        mutate(author, "createDocument", "CreateDocumentInput", given)
    by_review = [d["title"] for d in documents(author, muller, orderBy="review", first=1)]
    assert by_review == ["Information security policy"]
    seen, after = [], None
    while True:
        page = author.data(
            'query($o: ID!, $a: String) { documents(organisationId: $o, first: 1, after: $a, orderBy: "review") '
            "{ edges { node { title } } pageInfo { hasNextPage endCursor } } }",
            {"o": muller, "a": after},
        )["documents"]
        seen += [e["node"]["title"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen[0] == "Information security policy"  # the others have no review date: last, in the order of their ids
    assert sorted(seen[1:]) == ["Access control", "Backups"]
    assert [d["title"] for d in documents(author, muller, filter={"kind": "procedure"})] == [
        "Access control",
        "Backups",
    ]
