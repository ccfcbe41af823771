"""API tokens: personal access tokens and integration clients, exchanged at /oauth/token for short-lived signed
access tokens that /graphql verifies, and every forged, foreign, stale or revoked one refused."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from joserfc import jwt
from joserfc.jwk import OKPKey
from pydantic import SecretStr
from starlette.testclient import TestClient

from backend.app import create_app
from backend.auth.access_tokens import AccessTokens
from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, HARBOUR_ADMIN, events_in_log
from tests.support.graphql_client import GraphQLClient

MEMBER = "member@muller.example"
CREATE = """mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { __typename
  ... on NewApiToken { secret token { id name scopes expiresOn } }
  ... on ValidationError { field message } ... on ForbiddenError { message } } }"""
REVOKE = """mutation($id: ID!) { revokeApiToken(input: {tokenId: $id}) { __typename ... on ApiToken { revokedAt } } }"""
REGISTER = """mutation($input: RegisterIntegrationClientInput!) { registerIntegrationClient(input: $input) {
  __typename ... on NewIntegrationClient { secret client { id scopes } } ... on UserError { code field } } }"""
REVOKE_CLIENT = """mutation($id: ID!) { revokeIntegrationClient(input: {clientId: $id}) { __typename } }"""
ORGANISATIONS = "{ organisations { id name } }"
SETTING = "mutation { setLargeClustersAllowed(allowed: true) { __typename ... on ForbiddenError { message } } }"
EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"
LAST_DAY = "2027-06-30"


def make_pat(client: GraphQLClient, scopes: list[str], name: str = "Reports") -> dict[str, Any]:
    answer = client.data(CREATE, {"input": {"name": name, "scopes": scopes, "expiresOn": LAST_DAY}})
    made: dict[str, Any] = answer["createApiToken"]
    assert made["__typename"] == "NewApiToken", made
    return made


def exchange(http: TestClient, pat: str, **extra: str) -> Any:
    return http.post("/oauth/token", data={"grant_type": EXCHANGE, "subject_token": pat, **extra})


def access_token(http: TestClient, pat: str) -> str:
    response = exchange(http, pat)
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


def as_bearer(app: FastAPI, token: str, document: str, status: int = 200) -> dict[str, Any]:
    response = TestClient(app).post("/graphql", json={"query": document}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


def security_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [json.loads(r.getMessage())["event"] for r in caplog.records if r.name == "cordee.security"]


@pytest.fixture
def admin(client_for: Callable[[str], GraphQLClient]) -> GraphQLClient:
    return client_for(ALPINE_ADMIN)


@pytest.fixture
def tokens(app: FastAPI) -> AccessTokens:
    found: AccessTokens = app.state.access_tokens
    return found


def test_a_personal_access_token_is_exchanged_and_reads_as_its_person(
    app: FastAPI, admin: GraphQLClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="cordee.security")
    made = make_pat(admin, ["read"])
    assert made["secret"].startswith("cdp_") and made["token"]["scopes"] == ["read"]
    response = exchange(admin.http, made["secret"])
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 600 and body["scope"] == "read"
    header = json.loads(base64.urlsafe_b64decode(body["access_token"].split(".")[0] + "=="))
    assert header["alg"] == "EdDSA" and header["kid"]
    names = {o["name"] for o in as_bearer(app, body["access_token"], ORGANISATIONS)["data"]["organisations"]}
    assert "Boulangerie Muller" in names and "Quayside Software" not in names
    listed = admin.data("{ apiTokens { ... on ApiTokenList { tokens { name revokedAt } } } }")["apiTokens"]["tokens"]
    assert listed == [{"name": "Reports", "revokedAt": None}]
    lines = security_lines(caplog)
    assert any(line.startswith("authn_token_created:pat:") for line in lines)
    assert all(made["secret"] not in r.getMessage() for r in caplog.records)


def test_a_read_token_cannot_change_anything_and_a_write_token_can(
    app: FastAPI, admin: GraphQLClient, demo_services: Services
) -> None:
    reader = access_token(admin.http, make_pat(admin, ["read"])["secret"])
    writer = access_token(admin.http, make_pat(admin, ["read", "write"], "Sync")["secret"])
    before = events_in_log(demo_services)
    refused = as_bearer(app, reader, SETTING)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert events_in_log(demo_services) == before
    assert as_bearer(app, writer, SETTING)["data"]["setLargeClustersAllowed"]["__typename"] == "Consultancy"


def test_a_token_makes_no_token(app: FastAPI, admin: GraphQLClient) -> None:
    writer = access_token(admin.http, make_pat(admin, ["write"])["secret"])
    document = CREATE.replace("mutation($input: CreateApiTokenInput!)", "mutation").replace(
        "(input: $input)", f'(input: {{name: "Again", scopes: ["write"], expiresOn: "{LAST_DAY}"}})'
    )
    answer = as_bearer(app, writer, document)["data"]["createApiToken"]
    assert answer["__typename"] == "ForbiddenError" and "sign in" in answer["message"]


def test_bad_token_input_names_the_field_and_writes_nothing(admin: GraphQLClient, demo_services: Services) -> None:
    before = events_in_log(demo_services)
    for given, field in [
        ({"name": "X", "scopes": ["admin"], "expiresOn": LAST_DAY}, "scopes"),
        ({"name": "X", "scopes": ["read"], "expiresOn": "2026-01-01"}, "expiresOn"),
        ({"name": "X", "scopes": ["read"], "expiresOn": "2029-01-01"}, "expiresOn"),
        ({"name": "", "scopes": ["read"], "expiresOn": LAST_DAY}, "name"),
        ({"name": "A\u0000B", "scopes": ["read"], "expiresOn": LAST_DAY}, "name"),
    ]:
        answer = admin.data(CREATE, {"input": given})["createApiToken"]
        assert answer["__typename"] == "ValidationError" and answer["field"] == field, (given, answer)
    assert events_in_log(demo_services) == before


def test_isolation_a_harbour_token_sees_nothing_of_alpine_and_a_member_s_only_its_organisation(
    app: FastAPI, client_for: Callable[[str], GraphQLClient]
) -> None:
    harbour = client_for(HARBOUR_ADMIN)
    seen = as_bearer(app, access_token(harbour.http, make_pat(harbour, ["read"])["secret"]), ORGANISATIONS)
    names = {o["name"] for o in seen["data"]["organisations"]}
    assert "Quayside Software" in names and not names & {"Boulangerie Muller", "Kirchberg Dental"}
    member = client_for(MEMBER)
    seen = as_bearer(app, access_token(member.http, make_pat(member, ["read"])["secret"]), ORGANISATIONS)
    assert [o["name"] for o in seen["data"]["organisations"]] == ["Boulangerie Muller"]


def register_client(admin: GraphQLClient, scopes: list[str]) -> dict[str, Any]:
    muller = next(o for o in admin.data(ORGANISATIONS)["organisations"] if o["name"] == "Boulangerie Muller")
    answer = admin.data(REGISTER, {"input": {"name": "Icinga", "organisationId": muller["id"], "scopes": scopes}})
    made: dict[str, Any] = answer["registerIntegrationClient"]
    assert made["__typename"] == "NewIntegrationClient", made
    return made


def test_an_integration_client_gets_a_token_with_basic_or_the_form_and_sees_its_organisation_only(
    app: FastAPI, admin: GraphQLClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="cordee.security")
    made = register_client(admin, ["read"])
    client_id, secret = made["client"]["id"], made["secret"]
    basic = admin.http.post("/oauth/token", data={"grant_type": "client_credentials"}, auth=(client_id, secret))
    assert basic.status_code == 200, basic.text
    form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    assert admin.http.post("/oauth/token", data=form).status_code == 200
    seen = as_bearer(app, basic.json()["access_token"], ORGANISATIONS)
    assert [o["name"] for o in seen["data"]["organisations"]] == ["Boulangerie Muller"]
    wrong = admin.http.post("/oauth/token", data={**form, "client_secret": secret[:-1] + "x"})
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    assert any(line.startswith("authn_login_fail:client:") for line in security_lines(caplog))
    assert all(secret not in r.getMessage() for r in caplog.records)


def test_oauth_errors_follow_rfc_6749(admin: GraphQLClient) -> None:
    post = admin.http.post
    assert post("/oauth/token", data={"grant_type": "password"}).json()["error"] == "unsupported_grant_type"
    missing = post("/oauth/token", data={"grant_type": EXCHANGE})
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_request"
    assert missing.json()["error_description"].startswith("subject_token")
    secret = make_pat(admin, ["read"])["secret"]
    narrowed = exchange(admin.http, secret, scope="write")
    assert narrowed.status_code == 400 and narrowed.json()["error"] == "invalid_scope"
    bad = exchange(admin.http, "cdp_not-a-token")
    assert bad.status_code == 400 and bad.json()["error"] == "invalid_grant"


# Every forged, foreign or stale access token is refused 401 with `invalid_token`.


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def valid_claims(app: FastAPI, admin: GraphQLClient) -> dict[str, Any]:
    """The claims of a real access token, to forge from."""
    token = access_token(admin.http, make_pat(admin, ["read", "write"])["secret"])
    claims: dict[str, Any] = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    return claims


def refused(app: FastAPI, token: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="cordee.security")
    body = as_bearer(app, token, ORGANISATIONS, status=401)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED" and body["data"] is None
    assert "authn_login_fail:bearer" in security_lines(caplog)


def signed_by_us(tokens: AccessTokens, claims: dict[str, Any]) -> str:
    key = tokens.keys.current
    return jwt.encode({"alg": "EdDSA", "kid": key.kid}, claims, key, algorithms=["EdDSA"])


def test_alg_none_is_refused(app: FastAPI, admin: GraphQLClient, caplog: pytest.LogCaptureFixture) -> None:
    claims, kid = valid_claims(app, admin), app.state.access_tokens.keys.current.kid
    header = b64(json.dumps({"alg": "none", "kid": kid}).encode())
    refused(app, f"{header}.{b64(json.dumps(claims).encode())}.", caplog)


def test_hs256_signed_with_the_public_key_is_refused(
    app: FastAPI, admin: GraphQLClient, tokens: AccessTokens, caplog: pytest.LogCaptureFixture
) -> None:
    claims, key = valid_claims(app, admin), tokens.keys.current
    public = base64.urlsafe_b64decode(key.as_dict(private=False)["x"] + "==")
    for secret in (public, json.dumps(key.as_dict(private=False)).encode(), key.as_pem(private=False)):
        signing_input = (
            f"{b64(json.dumps({'alg': 'HS256', 'kid': key.kid}).encode())}.{b64(json.dumps(claims).encode())}"
        )
        signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
        refused(app, f"{signing_input}.{b64(signature)}", caplog)


def test_an_embedded_jwk_is_refused(app: FastAPI, admin: GraphQLClient, caplog: pytest.LogCaptureFixture) -> None:
    claims, ours = valid_claims(app, admin), app.state.access_tokens.keys.current.kid
    attacker = OKPKey.generate_key("Ed25519")
    for kid in (ours, attacker.thumbprint()):
        header = {"alg": "EdDSA", "kid": kid, "jwk": attacker.as_dict(private=False)}
        refused(app, jwt.encode(header, claims, attacker, algorithms=["EdDSA"]), caplog)


def test_a_kid_not_ours_is_refused(app: FastAPI, admin: GraphQLClient, caplog: pytest.LogCaptureFixture) -> None:
    claims, attacker = valid_claims(app, admin), OKPKey.generate_key("Ed25519")
    refused(app, jwt.encode({"alg": "EdDSA", "kid": "cordee-1"}, claims, attacker, algorithms=["EdDSA"]), caplog)


@pytest.mark.parametrize(
    "change",
    [
        lambda now: {"aud": "another-api"},
        lambda now: {"iss": "https://evil.example"},
        lambda now: {"exp": now - 120, "iat": now - 720, "nbf": now - 720},
        lambda now: {"nbf": now + 600},
    ],
    ids=["wrong audience", "wrong issuer", "expired", "not yet valid"],
)
def test_a_token_for_another_audience_issuer_or_time_is_refused(
    app: FastAPI,
    admin: GraphQLClient,
    tokens: AccessTokens,
    caplog: pytest.LogCaptureFixture,
    change: Callable[[int], dict[str, Any]],
) -> None:
    claims = valid_claims(app, admin)
    assert as_bearer(app, signed_by_us(tokens, claims), ORGANISATIONS)["data"]["organisations"]  # as forged: good
    # The times are taken when the test runs, not when it is collected: a suite can run long after collecting.
    refused(app, signed_by_us(tokens, {**claims, **change(int(time.time()))}), caplog)


def test_revoking_a_token_or_a_client_stops_its_access_tokens_at_once(
    app: FastAPI, admin: GraphQLClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="cordee.security")
    made = make_pat(admin, ["read"])
    token = access_token(admin.http, made["secret"])
    assert admin.data(REVOKE, {"id": made["token"]["id"]})["revokeApiToken"]["revokedAt"]
    refused(app, token, caplog)
    assert exchange(admin.http, made["secret"]).json()["error"] == "invalid_grant"
    client = register_client(admin, ["read"])
    form = {"grant_type": "client_credentials", "client_id": client["client"]["id"], "client_secret": client["secret"]}
    token = admin.http.post("/oauth/token", data=form).json()["access_token"]
    assert admin.data(REVOKE_CLIENT, {"id": client["client"]["id"]})["revokeIntegrationClient"]["__typename"] == (
        "IntegrationClient"
    )
    refused(app, token, caplog)
    assert admin.http.post("/oauth/token", data=form).status_code == 401
    assert sum(line.startswith("authn_token_revoked:") for line in security_lines(caplog)) == 2


def test_a_bearer_request_never_falls_back_to_the_session_cookie(app: FastAPI, admin: GraphQLClient) -> None:
    response = admin.http.post("/graphql", json={"query": ORGANISATIONS}, headers={"Authorization": "Bearer forged"})
    assert response.status_code == 401 and "invalid_token" in response.headers["www-authenticate"]


def test_keys_rotate_tokens_of_the_previous_key_verify_until_they_expire(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    first, second = (base64.b64encode(bytes([n]) * 32).decode() for n in (1, 2))
    settings = demo_services.settings
    before = create_app(settings.model_copy(update={"api_signing_keys": SecretStr(first)}), demo_services)
    admin = GraphQLClient(TestClient(before)).sign_in(ALPINE_ADMIN)
    old = access_token(admin.http, make_pat(admin, ["read"])["secret"])
    rotated = create_app(
        settings.model_copy(update={"api_signing_keys": SecretStr(f"{second},{first}")}), demo_services
    )
    published = TestClient(rotated).get("/.well-known/jwks.json").json()["keys"]
    assert len(published) == 2 and all("d" not in key and key["kid"] for key in published)
    assert as_bearer(rotated, old, ORGANISATIONS)["data"]["organisations"]
    new_key = rotated.state.access_tokens.keys.current.kid
    assert new_key == published[0]["kid"] != json.loads(base64.urlsafe_b64decode(old.split(".")[0] + "=="))["kid"]
    retired = create_app(settings.model_copy(update={"api_signing_keys": SecretStr(second)}), demo_services)
    as_bearer(retired, old, ORGANISATIONS, status=401)


REPORT = """mutation($input: ReportIncidentInput!) { reportIncident(input: $input) { __typename
  ... on UserError { code field } } }"""
CLIENTS = "{ integrationClients { __typename ... on IntegrationClientList { clients { id name } } } }"
TOKENS = "{ apiTokens { __typename ... on ApiTokenList { tokens { id } } } }"


def test_a_client_with_write_reports_incidents_of_its_organisation_only(
    app: FastAPI, admin: GraphQLClient, demo_services: Services
) -> None:
    organisations = {o["name"]: o["id"] for o in admin.data(ORGANISATIONS)["organisations"]}
    made = register_client(admin, ["write"])
    form = {"grant_type": "client_credentials", "client_id": made["client"]["id"], "client_secret": made["secret"]}
    token = admin.http.post("/oauth/token", data=form).json()["access_token"]
    incident = {"title": "Shop down", "service": "Web shop", "severity": "high"}

    def report(organisation: str) -> dict[str, Any]:
        given = {"input": {**incident, "organisationId": organisations[organisation]}}
        response = TestClient(app).post(
            "/graphql", json={"query": REPORT, "variables": given}, headers={"Authorization": f"Bearer {token}"}
        )
        answer: dict[str, Any] = response.json()["data"]["reportIncident"]
        return answer

    before = events_in_log(demo_services)
    assert report("Kirchberg Dental")["code"] in {"FORBIDDEN", "NOT_FOUND"}
    assert events_in_log(demo_services) == before
    assert report("Boulangerie Muller")["__typename"] == "IncidentChange"


def test_tokens_and_clients_are_seen_by_their_owner_and_the_consultancy_s_admins_only(
    admin: GraphQLClient, client_for: Callable[[str], GraphQLClient], demo_services: Services
) -> None:
    mine = make_pat(admin, ["read"])["token"]["id"]
    client = register_client(admin, ["read"])["client"]["id"]
    harbour, coach, member = client_for(HARBOUR_ADMIN), client_for("coach@alpine.example"), client_for(MEMBER)
    assert client not in str(harbour.data(CLIENTS)) and "Monitoring" in str(harbour.data(CLIENTS))
    for outsider in (coach, member):
        assert outsider.data(CLIENTS)["integrationClients"]["__typename"] == "ForbiddenError"
    for outsider in (harbour, coach, member):
        assert outsider.data(TOKENS)["apiTokens"]["tokens"] == []
    before = events_in_log(demo_services)
    for outsider in (harbour, coach, member):
        assert outsider.data(REVOKE, {"id": mine})["revokeApiToken"]["__typename"] == "ValidationError"
    assert harbour.data(REVOKE_CLIENT, {"id": client})["revokeIntegrationClient"]["__typename"] == "NotFoundError"
    alpine_organisation = admin.data(ORGANISATIONS)["organisations"][0]["id"]
    foreign = {"name": "Icinga", "organisationId": alpine_organisation, "scopes": ["read"]}
    refused = harbour.data(REGISTER, {"input": foreign})["registerIntegrationClient"]
    assert (refused["code"], refused["field"]) == ("NOT_FOUND", "organisationId")
    assert events_in_log(demo_services) == before


def test_repeated_wrong_secrets_lock_the_client_even_for_the_right_one(
    demo_services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="cordee.security")
    strict = {"sign_in_first_delay_seconds": 0.0, "sign_in_account_lock_failures": 2}
    app = create_app(demo_services.settings.model_copy(update=strict), demo_services)
    admin = GraphQLClient(TestClient(app)).sign_in(ALPINE_ADMIN)
    made = register_client(admin, ["read"])
    form = {"grant_type": "client_credentials", "client_id": made["client"]["id"], "client_secret": made["secret"]}
    for _ in range(2):
        assert admin.http.post("/oauth/token", data={**form, "client_secret": "cdc_wrong"}).status_code == 401
    locked = admin.http.post("/oauth/token", data=form)
    assert locked.status_code == 401 and locked.json()["error"] == "invalid_client"
    assert any(line.startswith("authn_login_lock:client:") for line in security_lines(caplog))
