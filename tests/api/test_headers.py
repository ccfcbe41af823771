"""Response headers: the content security policy, no-store, HSTS in production, and the request id."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi import FastAPI
from starlette.testclient import TestClient

from backend.app import create_app
from backend.http.headers import CONTENT_SECURITY_POLICY
from backend.services import Services
from backend.settings import Settings
from tests.api.conftest import ALPINE_COACH
from tests.api.programme_support import cluster_view, demo_cluster
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
MEMBER = "member@muller.example"
INLINE_STYLE = re.compile(r"\sstyle\s*=", re.I)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.I)


def test_the_policy_is_the_one_documented() -> None:
    assert CONTENT_SECURITY_POLICY == POLICY


def test_pages_graphql_answers_and_feeds_carry_the_policy_and_are_not_stored(
    app: FastAPI, client_for: ClientFor
) -> None:
    coach = client_for(ALPINE_COACH)
    cluster = demo_cluster(coach)
    answers = {
        "sign-in page": TestClient(app).get("/login"),
        "signed-in page": coach.http.get(f"/clusters/{cluster['id']}"),
        "GraphQL answer": coach.http.post("/graphql", json={"query": "{ viewer { email } }"}),
        "calendar feed": coach.http.get(f"/clusters/{cluster['id']}/calendar.ics"),
        "not found": coach.http.get("/clusters/not-a-cluster"),
    }
    for what, response in answers.items():
        assert response.status_code in (200, 404), what
        assert response.headers["content-security-policy"] == POLICY, what
        assert response.headers["cache-control"] == "no-store", what
        assert "strict-transport-security" not in response.headers, what


def test_static_files_may_be_cached_but_carry_the_policy(anonymous: GraphQLClient) -> None:
    response = anonymous.http.get("/static/cordee.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers["cache-control"]
    assert response.headers["etag"]
    assert response.headers["content-security-policy"] == POLICY


def test_production_answers_demand_https(demo_services: Services) -> None:
    production = Settings(
        env="production",
        data_dir=demo_services.settings.data_dir,
        secret_key="s" * 40,
        audit_signing_key="Z" * 43 + "=",
        api_signing_keys="Y" * 43 + "=",
    )
    client = GraphQLClient(TestClient(create_app(production, demo_services), base_url="https://testserver"))
    client.sign_in(ALPINE_COACH)
    for response in (
        client.http.get("/login"),
        client.http.get("/clusters"),
        client.http.post("/graphql", json={"query": "{ viewer { email } }"}),
        client.http.get("/static/cordee.css"),
    ):
        assert response.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"
        assert response.headers["content-security-policy"] == POLICY


def test_the_development_ide_has_a_policy_of_its_own(app: FastAPI) -> None:
    ide = TestClient(app).get("/graphql", headers={"accept": "text/html"})
    assert ide.status_code == 200 and "graphiql" in ide.text.lower()
    policy = ide.headers["content-security-policy"]
    assert "https://unpkg.com" in policy and "frame-ancestors 'none'" in policy
    assert ide.headers["cache-control"] == "no-store"


def test_a_plain_request_id_is_kept_and_any_other_replaced(anonymous: GraphQLClient) -> None:
    def answered_id(offered: str | bytes) -> str:
        return anonymous.http.get("/health/live", headers={"x-request-id": offered}).headers["x-request-id"]

    assert answered_id("req-4242.a_B") == "req-4242.a_B"
    assert answered_id("a" * 64) == "a" * 64
    for offered in ("a" * 65, "x" * 5000, "id with spaces", "<script>", "ok;drop", "é".encode()):
        replaced = answered_id(offered)
        assert re.fullmatch(r"[0-9a-f]{32}", replaced), offered
    assert re.fullmatch(r"[0-9a-f]{32}", anonymous.http.get("/health/live").headers["x-request-id"])


def test_no_page_has_inline_styles_or_scripts(app: FastAPI, client_for: ClientFor) -> None:
    """The policy refuses them: a page with one would lose its look or its behaviour in the browser."""
    coach, member = client_for(ALPINE_COACH), client_for(MEMBER)
    cluster = demo_cluster(coach)
    base = f"/clusters/{cluster['id']}"
    sessions = cluster_view(coach, cluster["id"], "sessions { key organisationName }")["sessions"]
    session = next(s["key"] for s in sessions if s["organisationName"] is None)  # one every member attends
    bakery = cluster["member_ids"]["Boulangerie Muller"]
    pages = [
        (coach, path)
        for path in ("/clusters", "/organisations", base, f"{base}/plan", f"{base}/effort", f"{base}/members/{bakery}")
    ]
    pages += [(coach, f"{base}/sessions/{session}"), (member, base), (member, f"{base}/members/{bakery}")]
    pages += [(member, f"{base}/sessions/{session}"), (GraphQLClient(TestClient(app)), "/login")]
    for client, path in pages:
        response = client.http.get(path)
        assert response.status_code == 200, path
        assert not INLINE_STYLE.search(response.text), path
        assert "<style" not in response.text.lower(), path
        for attributes in SCRIPT_TAG.findall(response.text):
            assert "src=" in attributes or 'type="application/json"' in attributes, (path, attributes)
        assert not re.search(r"\son[a-z]+\s*=", response.text), path
