"""The monitoring endpoint through the real app: a member of Boulangerie Muller issues a token; its monitoring's
alerts open an incident, repeats are noted once, a changed state is noted, OK restores it. A bad body is refused
naming the field and writes nothing; a wrong or revoked token is answered 401; another organisation's token, and
anyone outside the organisation, can never touch its incidents or its tokens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from backend.services import Services
from domain.tenancy.account import Role
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log
from tests.api.incidents.test_incidents import INCIDENT, OUTSIDERS, _kirchberg, muller
from tests.api.page_support import MEMBER, ClientFor
from tests.api.test_isolation_same_tenant import SECOND_COACH, SECOND_MEMBER, open_account
from tests.support.graphql_client import GraphQLClient

TOKEN = "id label issuedAt revokedAt"
ISSUE = f"""mutation($input: IssueMonitoringTokenInput!) {{ r: issueMonitoringToken(input: $input) {{ __typename
    ... on UserError {{ code field message }} ... on MonitoringTokenIssued {{ secret monitoringToken {{ {TOKEN} }} }}
}} }}"""
REVOKE = f"""mutation($input: RevokeMonitoringTokenInput!) {{ r: revokeMonitoringToken(input: $input) {{ __typename
    ... on UserError {{ code field message }} ... on MonitoringTokenRevoked {{ monitoringToken {{ {TOKEN} }} }} }} }}"""
TOKENS = f"query($org: ID!) {{ monitoringTokens(organisationId: $org) {{ {TOKEN} }} }}"
NOW = datetime.now(UTC).replace(microsecond=0)


def issue(client: GraphQLClient, org: str, label: str = "Nagios at the shop") -> dict[str, Any]:
    result: dict[str, Any] = client.data(ISSUE, {"input": {"organisationId": org, "label": label}})["r"]
    return result


def alert(app: FastAPI, secret: str | None, body: Any, raw: bytes | None = None) -> Any:
    headers = {} if secret is None else {"Authorization": f"Bearer {secret}"}
    http = TestClient(app)
    if raw is not None:
        return http.post("/monitoring/alerts", content=raw, headers=headers | {"Content-Type": "application/json"})
    return http.post("/monitoring/alerts", json=body, headers=headers)


def body(state: str = "CRITICAL", minutes: int = 30, **more: Any) -> dict[str, Any]:
    at = (NOW - timedelta(minutes=minutes)).isoformat()
    return {"host": "shop-web", "service": "HTTPS", "state": state, "output": "Timeout", "timestamp": at} | more


def test_alerts_open_update_and_restore_one_incident(app: FastAPI, client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    org = muller(member)
    demo = {t["id"] for t in member.data(TOKENS, {"org": org})["monitoringTokens"]}  # the demo's own token
    issued = issue(member, org)
    assert issued["__typename"] == "MonitoringTokenIssued", issued
    secret = issued["secret"]
    listed = member.data(TOKENS, {"org": org})["monitoringTokens"]
    assert [t["label"] for t in listed if t["id"] not in demo] == ["Nagios at the shop"]
    assert secret not in str(listed)
    opened = alert(app, secret, body())
    assert opened.status_code == 201 and opened.json()["outcome"] == "opened", opened.text
    incident_id = opened.json()["incident_id"]
    assert alert(app, secret, body(minutes=25)).json() == {"outcome": "repeat", "incident_id": incident_id}
    assert alert(app, secret, body(minutes=40)).json()["outcome"] == "repeat"  # older than the last step
    assert alert(app, secret, body("WARNING", 20, output="Slow")).json()["outcome"] == "updated"
    restored = alert(app, secret, body("OK", 10, output="Back"))
    assert restored.status_code == 200 and restored.json()["outcome"] == "restored"
    assert alert(app, secret, body("OK", 5)).json() == {"outcome": "nothing open", "incident_id": None}
    found = member.data(INCIDENT, {"id": incident_id})["incident"]
    assert found["status"] == "restored" and found["severity"] == "high" and found["service"] == "HTTPS"
    assert [s["step"] for s in found["steps"]] == ["reported", "alert", "restored"]
    again = alert(app, secret, {"host": "shop-web", "service": "HTTPS", "state": "critical"})
    assert again.status_code == 201 and again.json()["incident_id"] != incident_id  # a new problem, a new incident


@pytest.mark.parametrize(
    ("given", "status", "field"),
    [
        ({"service": "HTTPS", "state": "CRITICAL"}, 422, "host"),
        ({"host": "shop-web", "state": "CRITICAL"}, 422, "service"),
        ({"host": "shop-web", "service": "HTTPS"}, 422, "state"),
        (body(state="BROKEN"), 422, "state"),
        (body(host=7), 422, "host"),
        (body(host="x" * 201), 422, "host"),
        (body(host="shop\nweb"), 422, "host"),
        (body(service=" "), 422, "service"),
        (body(output=["Timeout"]), 422, "output"),
        (body(output="x" * 2001), 422, "output"),
        (body(timestamp="yesterday"), 422, "timestamp"),
        (body(timestamp="2026-03-02T09:00:00"), 422, "timestamp"),
        (body(timestamp="1999-12-31T09:00:00Z"), 422, "timestamp"),
        (body(timestamp="2090-01-01T00:00:00+00:00"), 422, "timestamp"),
        (body(timestamp=10**20), 422, "timestamp"),
        (body(timestamp=True), 422, "timestamp"),
        ([body()], 400, None),
    ],
)
def test_a_bad_body_names_the_field_and_writes_nothing(
    app: FastAPI, client_for: ClientFor, demo_services: Services, given: Any, status: int, field: str | None
) -> None:
    member = client_for(MEMBER)
    secret = issue(member, muller(member))["secret"]
    before = events_in_log(demo_services)
    refused = alert(app, secret, given)
    assert refused.status_code == status, refused.text
    assert refused.json()["field"] == field and refused.json()["message"]
    assert events_in_log(demo_services) == before


def test_a_body_that_is_no_json_or_too_big_is_refused(app: FastAPI, client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    secret = issue(member, muller(member))["secret"]
    assert alert(app, secret, None, raw=b"{host: shop").status_code == 400
    assert alert(app, secret, None, raw=b"[" * 9_000).status_code == 400  # nested beyond the parser, under the size
    assert alert(app, secret, None, raw=b'{"output": "' + b"x" * 20_000 + b'"}').status_code == 413


def test_a_wrong_or_revoked_token_is_answered_401(app: FastAPI, client_for: ClientFor, demo_services: Services) -> None:
    member = client_for(MEMBER)
    org = muller(member)
    issued = issue(member, org)
    before = events_in_log(demo_services)
    last = issued["secret"][-1]
    altered = issued["secret"][:-1] + ("B" if last == "A" else "A")
    for secret in (None, "", "x" * 43, altered, "Basic " + issued["secret"]):
        refused = alert(app, secret, body())
        assert refused.status_code == 401 and refused.headers["www-authenticate"].startswith("Bearer")
    assert events_in_log(demo_services) == before
    token = issued["monitoringToken"]["id"]
    revoked = member.data(REVOKE, {"input": {"organisationId": org, "tokenId": token}})["r"]
    assert revoked["__typename"] == "MonitoringTokenRevoked" and revoked["monitoringToken"]["revokedAt"]
    assert alert(app, issued["secret"], body()).status_code == 401
    twice = member.data(REVOKE, {"input": {"organisationId": org, "tokenId": token}})["r"]
    assert twice["field"] == "tokenId"


def test_an_admin_issues_and_revokes_a_coach_does_not(client_for: ClientFor) -> None:
    org = muller(client_for(MEMBER))
    admin = client_for(ALPINE_ADMIN)
    issued = issue(admin, org, "Icinga")
    assert issued["__typename"] == "MonitoringTokenIssued", issued
    token = issued["monitoringToken"]["id"]
    coach = client_for(ALPINE_COACH)
    assert token in [t["id"] for t in coach.data(TOKENS, {"org": org})["monitoringTokens"]]
    assert issue(coach, org)["__typename"] == "ForbiddenError"
    refused = coach.data(REVOKE, {"input": {"organisationId": org, "tokenId": token}})["r"]
    assert refused["__typename"] == "ForbiddenError"
    revoked = admin.data(REVOKE, {"input": {"organisationId": org, "tokenId": token}})["r"]
    assert revoked["__typename"] == "MonitoringTokenRevoked"


def test_another_organisations_token_never_touches_this_one(app: FastAPI, client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    org = muller(member)
    mine = alert(app, issue(member, org)["secret"], body()).json()["incident_id"]
    kirchberg = _kirchberg(client_for)
    theirs = issue(client_for(ALPINE_ADMIN), kirchberg, "Their Nagios")["secret"]
    opened = alert(app, theirs, body(minutes=20))  # the same host and service: still their own, new incident
    assert opened.status_code == 201 and opened.json()["incident_id"] != mine
    assert member.data(INCIDENT, {"id": opened.json()["incident_id"]})["incident"]["__typename"] == "NotFoundError"
    ok = alert(app, theirs, body("OK", 10))
    assert ok.json()["incident_id"] == opened.json()["incident_id"]
    assert member.data(INCIDENT, {"id": mine})["incident"]["status"] == "reported"


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_an_outsider_sees_issues_and_revokes_no_token(
    client_for: ClientFor, demo_services: Services, outsider: str
) -> None:
    member = client_for(MEMBER)
    org = muller(member)
    token = issue(member, org)["monitoringToken"]["id"]
    open_account(demo_services, SECOND_MEMBER, "Dr Lena Weber", Role.MEMBER, _kirchberg(client_for))
    open_account(demo_services, SECOND_COACH, "Sam Second", Role.COACH)
    client = client_for(outsider)
    before = events_in_log(demo_services)
    listed = client.execute(TOKENS, {"org": org})
    assert listed.get("data") is None or not listed["data"]["monitoringTokens"]
    assert issue(client, org)["__typename"] != "MonitoringTokenIssued"
    refused = client.data(REVOKE, {"input": {"organisationId": org, "tokenId": token}})["r"]
    assert refused["__typename"] != "MonitoringTokenRevoked"
    assert events_in_log(demo_services) == before
