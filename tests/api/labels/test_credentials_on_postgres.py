"""The credentials on PostgreSQL with row-level security: the public addresses read the body's tenant alone, the
professional's download and list the realm's alone, and each still finds what it should."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from backend.app import create_app
from backend.services import Services
from tests.api.labels.test_credentials import (
    BOARD,
    CREDENTIALS,
    LEA,
    MARC,
    OTHER,
    download,
    grant,
    verified_with_what_is_published,
)
from tests.support.graphql_client import GraphQLClient


@pytest.mark.postgres
def test_credentials_are_published_and_downloaded_alike_on_postgres(postgres_services: Services) -> None:
    app = create_app(postgres_services.settings, postgres_services)
    lea = grant(postgres_services, "Coaching Label Board", BOARD, LEA, "Léa Fontaine", 36)
    marc = grant(postgres_services, "Other Label Board", OTHER, MARC, "Marc Keller", 1)
    public = TestClient(app)
    own = GraphQLClient(TestClient(app)).sign_in(LEA)
    token = download(own, lea)
    assert verified_with_what_is_published(public, token) == "valid"
    assert public.get(f"/labels/{BOARD}/credentials/{lea.credential_id}.json").json()["holder"] == "Léa Fontaine"
    assert public.get(f"/labels/{BOARD}/credentials/{marc.credential_id}.json").status_code == 404
    assert own.http.get(f"/professional/credentials/{marc.credential_id}").status_code == 404
    (listed,) = own.data(CREDENTIALS)["r"]["credentials"]
    assert (listed["credentialId"], listed["labellingBody"]) == (str(lea.credential_id), "Coaching Label Board")
