"""The library and the imported catalogues on PostgreSQL: the same pages by title and by last change, the same
versions, as on SQLite."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from backend.app import create_app
from backend.services import Services
from tests.api.conftest import ALPINE_COACH
from tests.api.library.test_library import ITEMS, add, titles
from tests.support.graphql_client import GraphQLClient


@pytest.mark.postgres
def test_the_library_and_an_imported_catalogue_read_alike_on_postgres(postgres_services: Services) -> None:
    coach = GraphQLClient(TestClient(create_app(postgres_services.settings, postgres_services))).sign_in(ALPINE_COACH)
    for title in ("Ageing hardware", "Phishing"):
        add(coach, "threat", title)
    first = coach.data(ITEMS, {"kind": "threat", "first": 2, "orderBy": "CHANGED"})["libraryItems"]
    assert [e["node"]["title"] for e in first["edges"]] == ["Phishing", "Ageing hardware"]
    rest = titles(coach, "threat", orderBy="CHANGED", after=first["pageInfo"]["endCursor"])
    assert sorted(rest) == ["Fire in the server room", "Ransomware", "Theft of a laptop"]
    assert titles(coach, "threat", search="phish") == ["Phishing"]
    baseline = coach.data('{ catalogue(id: "alpine-baseline") { ... on Catalogue { importedVersion controlCount } } }')
    assert baseline["catalogue"] == {"importedVersion": 1, "controlCount": 8}
