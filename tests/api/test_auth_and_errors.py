"""Signing in, sessions, CSRF, unauthenticated and unexpected errors, limits, production hardening."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from backend.app import create_app
from backend.graphql.schema import schema_sdl
from backend.services import Services
from backend.settings import Settings
from tests.api.conftest import ALPINE_ADMIN
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
SCHEMA_FILE = Path(__file__).parents[2] / "schema.graphql"


def login_token(client: TestClient) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert found is not None
    return found.group(1)


def test_signed_out_requests_are_unauthenticated(anonymous: GraphQLClient) -> None:
    for document in ("{ clusters { edges { node { id } } } }", "{ clustr }", "{ __schema { types { name } } }", "{"):
        body = anonymous.execute(document)  # answered 401, before the document is read
        assert body == {
            "data": None,
            "errors": [{"message": "Sign in first.", "extensions": {"code": "UNAUTHENTICATED"}}],
        }
    mutation = "mutation { setLargeClustersAllowed(allowed: true) { __typename } }"
    assert anonymous.execute(mutation)["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
    assert anonymous.http.get("/graphql", headers={"accept": "text/html"}).status_code == 200  # the IDE, in development


def test_a_wrong_password_is_refused_without_a_session(app: FastAPI) -> None:
    client = TestClient(app)
    token = login_token(client)
    response = client.post("/login", data={"email": ALPINE_ADMIN, "password": "guess", "csrf_token": token})
    assert response.status_code == 401
    assert "E-mail address or password is not right." in response.text
    assert "cordee_session" not in client.cookies


def test_a_sign_in_without_the_form_token_is_refused(app: FastAPI) -> None:
    client = TestClient(app)
    login_token(client)
    response = client.post("/login", data={"email": ALPINE_ADMIN, "password": "cordee-demo-2026", "csrf_token": "x"})
    assert response.status_code == 400
    assert "cordee_session" not in client.cookies


def test_the_session_cookie_is_http_only_and_same_site_and_ends_on_sign_out(app: FastAPI) -> None:
    client = TestClient(app)
    token = login_token(client)
    response = client.post(
        "/login",
        data={"email": ALPINE_ADMIN, "password": "cordee-demo-2026", "csrf_token": token},
        follow_redirects=False,
    )
    cookie = response.headers["set-cookie"]
    assert "cordee_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    graphql = GraphQLClient(client)
    assert graphql.data("{ viewer { email } }")["viewer"]["email"] == ALPINE_ADMIN
    page = client.get("/clusters").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert csrf is not None
    stolen = client.cookies["cordee_session"]
    assert client.post("/logout", data={"csrf_token": "forged"}).status_code == 403
    client.post("/logout", data={"csrf_token": csrf.group(1)})
    client.cookies.set("cordee_session", stolen)
    graphql.expected_status = 401
    assert graphql.execute("{ viewer { email } }")["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_an_unexpected_error_is_masked_with_the_request_id(client_for: ClientFor, demo_services: Services) -> None:
    admin = client_for(ALPINE_ADMIN)
    with demo_services.store.writing() as conn:
        conn.exec_driver_sql("DROP TABLE coaching_half_days")
    response = admin.http.post(
        "/graphql",
        json={"query": "{ clusters { edges { node { members { coachingHalfDays { workDone } } } } } }"},
        headers={"x-request-id": "req-4242"},
    )
    error = response.json()["errors"][0]
    assert error["message"] == "Unexpected error. Quote this reference to support: req-4242."
    assert error["extensions"] == {"code": "INTERNAL", "requestId": "req-4242"}
    assert "coaching_half_days" not in response.text
    assert response.headers["x-request-id"] == "req-4242"


def test_deep_queries_and_alias_floods_are_refused(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    deep = "{ viewer { " * 12 + "id" + " } }" * 12
    assert "errors" in admin.execute(deep)
    flood = "{ " + " ".join(f"a{n}: viewer {{ id }}" for n in range(40)) + " }"
    body = admin.execute(flood)
    assert "aliases" in body["errors"][0]["message"]
    long_document = "{ viewer { " + " ".join(["id"] * 3500) + " } }"
    assert "token" in admin.execute(long_document)["errors"][0]["message"].lower()


def test_production_turns_off_introspection_and_the_ide(demo_services: Services) -> None:
    production = Settings(
        env="production",
        data_dir=demo_services.settings.data_dir,
        secret_key="s" * 40,
        audit_signing_key="Z" * 43 + "=",
        api_signing_keys="Y" * 43 + "=",
    )
    app = create_app(production, demo_services)
    client = GraphQLClient(TestClient(app, base_url="https://testserver")).sign_in(ALPINE_ADMIN)
    body = client.execute("{ __schema { types { name } } }")
    assert "introspection" in body["errors"][0]["message"].lower()
    assert client.http.get("/graphql", headers={"accept": "text/html"}).status_code != 200
    development = GraphQLClient(TestClient(create_app(demo_services.settings, demo_services))).sign_in(ALPINE_ADMIN)
    assert development.data("{ __schema { queryType { name } } }")["__schema"]["queryType"]["name"] == "Query"


def test_production_refuses_the_default_secret() -> None:
    with pytest.raises(ValueError, match="CORDEE_SECRET_KEY"):
        Settings(env="production")
    with pytest.raises(ValueError, match="at least 32"):
        Settings(env="production", secret_key="short")


def test_production_refuses_to_start_without_a_key_to_sign_its_log() -> None:
    with pytest.raises(ValueError, match="CORDEE_AUDIT_SIGNING_KEY"):
        Settings(env="production", secret_key="s" * 40)


def test_production_refuses_a_guessable_operator_token() -> None:
    with pytest.raises(ValueError, match="CORDEE_OPERATOR_TOKEN"):
        Settings(
            env="production",
            secret_key="s" * 40,
            audit_signing_key="Z" * 43 + "=",
            api_signing_keys="Y" * 43 + "=",
            operator_token="letmein",
        )
    assert (
        Settings(
            env="production",
            secret_key="s" * 40,
            audit_signing_key="Z" * 43 + "=",
            api_signing_keys="Y" * 43 + "=",
            operator_token="t" * 32,
        ).operator_token
        == "t" * 32
    )


def test_the_exported_schema_matches_the_code() -> None:
    assert SCHEMA_FILE.read_text() == schema_sdl(), "schema.graphql drifted: run `make schema`"


def test_health_endpoints_answer_a_status_only(app: FastAPI) -> None:
    client = TestClient(app)  # the details are for operators: see test_health.py
    assert client.get("/health/live").json() == {"status": "ok"}
    assert client.get("/health/ready").json() == {"status": "ok"}
