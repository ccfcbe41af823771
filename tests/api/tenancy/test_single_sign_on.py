"""Single sign-on through a real OpenID provider (oidc-provider on loopback): the whole authorization code flow, from
Cordee's sign-in page to the provider's pages and back to Cordee's callback."""

from __future__ import annotations

import base64
import html
import json
import logging
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import httpx
import itsdangerous
import pytest
from fastapi import FastAPI
from joserfc import jwt
from joserfc.jwk import KeySet
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError
from starlette.testclient import TestClient

from backend.app import create_app
from backend.auth.single_sign_on import REFUSED
from backend.auth.tenant_secrets import OIDC_CLIENT_SECRET
from backend.services import Services
from backend.settings import DEVELOPMENT_SECRET
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.errors import Conflict
from domain.tenancy.account import account_id
from domain.tenancy.commands import ConfigureSingleSignOn, LinkSingleSignOn, OpenSingleSignOnAccount
from domain.tenancy.consultancy import consultancy_id
from frontend.tenancy.sign_in import NO_SINGLE_SIGN_ON, SIGN_OUT_COOKIE
from projections.queries import Scope
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN
from tests.api.page_support import MEMBER
from tests.support.graphql_client import GraphQLClient
from tests.support.oidc_provider import CALLBACK_PATH, CLIENT_ID, CLIENT_SECRET, OpenIdProvider, sign_in_at_provider

ALPINE = consultancy_id("alpine")
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
CONFIGURE = """
mutation($input: SingleSignOnInput!) {
  configureSingleSignOn(input: $input) {
    __typename
    ... on Consultancy { singleSignOn { issuer clientIdentifier allowedDomains enabled secretFingerprint } }
    ... on ValidationError { field message }
    ... on ForbiddenError { message }
  }
}"""
VIEWER = "{ viewer { email roles } }"


@pytest.fixture(scope="module")
def provider() -> Iterator[OpenIdProvider]:
    with OpenIdProvider("http://testserver" + CALLBACK_PATH) as running:
        yield running


@pytest.fixture
def app(demo_services: Services, provider: OpenIdProvider) -> FastAPI:
    """The demo, with Alpine signing in through the provider: new accounts for alpine.example and harbour.example
    (the other consultancy's domain, to show that its people are still never linked here)."""
    app = create_app(demo_services.settings, demo_services)
    admin = GraphQLClient(TestClient(app, base_url="http://testserver")).sign_in(ALPINE_ADMIN)
    done = configure(admin, provider.issuer, domains=["alpine.example", "harbour.example"])
    assert done["__typename"] == "Consultancy", done
    return app


def configure(client: GraphQLClient, issuer: str, domains: list[str], **changes: Any) -> dict[str, Any]:
    given = {
        "issuer": issuer,
        "clientIdentifier": CLIENT_ID,
        "clientSecret": CLIENT_SECRET,
        "allowedDomains": domains,
        "enabled": True,
        **changes,
    }
    result: dict[str, Any] = client.data(CONFIGURE, {"input": given})["configureSingleSignOn"]
    return result


def single_sign_on(
    app: FastAPI,
    email: str,
    login: str,
    tamper: bool = False,
    forge_nonce: bool = False,
    at_provider: httpx.Client | None = None,
) -> tuple[TestClient, httpx.Response]:
    """Signs in through the provider as `login` after giving `email` on Cordee's sign-in page; answers the browser
    and Cordee's answer at the callback. `at_provider`: the same browser at the provider, to keep its session."""
    browser = TestClient(app, base_url="http://testserver")
    token = TOKEN.search(browser.get("/login").text)
    assert token is not None
    started = browser.post(
        "/login/sso", data={"email": email, "csrf_token": token.group(1), "next": "/"}, follow_redirects=False
    )
    assert started.status_code == 200, started.text
    link = re.search(r'id="to-provider" href="([^"]+)"', started.text)
    assert link is not None and f'url={link.group(1)}"' in started.text  # the page moves on by itself
    location = html.unescape(link.group(1))
    if at_provider is not None:
        back = sign_in_at_provider(at_provider, location, login)
    else:
        with httpx.Client(base_url=_origin(location), follow_redirects=False, timeout=10) as once:
            back = sign_in_at_provider(once, location, login)
    assert back.startswith("http://testserver" + CALLBACK_PATH), back
    if tamper:
        back = re.sub(r"state=[^&]+", "state=forged-state", back)
    if forge_nonce:
        _forge_nonce(browser)
    return browser, browser.get(back.removeprefix("http://testserver"), follow_redirects=False)


def _forge_nonce(browser: TestClient) -> None:
    """Rewrites the nonce kept in the signed state cookie, signing it again with the server's own key: what an
    attacker who could replay another sign-in's ID token would need the nonce check to miss."""
    signer = itsdangerous.TimestampSigner(DEVELOPMENT_SECRET)
    session = json.loads(base64.b64decode(signer.unsign(browser.cookies["cordee_sso_state"])))
    for key, value in session.items():
        if key.startswith("_state_"):
            value["data"]["nonce"] = "a-nonce-of-another-sign-in"
    forged = signer.sign(base64.b64encode(json.dumps(session).encode())).decode()
    browser.cookies.set("cordee_sso_state", forged, domain="testserver.local")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def security_events(caplog: pytest.LogCaptureFixture) -> list[dict[str, Any]]:
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "cordee.security"]


def test_a_first_sign_in_opens_an_account_with_no_role_for_an_allowed_domain(
    app: FastAPI, demo_services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="cordee.security")
    browser, answer = single_sign_on(app, "newcomer@alpine.example", "newcomer@alpine.example")

    assert answer.status_code == 303 and answer.headers["location"] == "/welcome"
    page = " ".join(browser.get("/welcome").text.split())
    assert "no role has been granted to your account yet, so there is nothing for you to see" in page
    assert "You are signed in to Alpine" in page
    opened = demo_services.queries.tenancy.account(Scope(ALPINE), account_id("newcomer@alpine.example"))
    assert opened is not None and opened.roles == () and opened.active
    assert browser.get("/", follow_redirects=False).headers["location"] == "/welcome"
    seen = GraphQLClient(browser, expected_status=401).execute("{ clusters { edges { node { id } } } }")
    assert seen.get("data") is None and seen["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", "no grant"
    names = [line["event"].split(":")[0] for line in security_events(caplog)]
    assert {"user_created", "authn_login_success", "session_created"} <= set(names)
    assert "newcomer@alpine.example" not in caplog.text

    # The next sign-in finds the account by its link to the provider's subject, and opens nothing new.
    before = demo_services.app.recorder.max_notification_id()
    _, again = single_sign_on(app, "newcomer@alpine.example", "newcomer@alpine.example")
    assert again.headers["location"] == "/welcome"
    assert demo_services.app.recorder.max_notification_id() == before


def test_an_existing_account_is_linked_when_the_provider_verified_its_address(
    app: FastAPI, demo_services: Services
) -> None:
    browser, answer = single_sign_on(app, ALPINE_COACH, ALPINE_COACH)

    assert answer.status_code == 303 and answer.headers["location"] == "/"
    assert GraphQLClient(browser).data(VIEWER)["viewer"] == {"email": ALPINE_COACH, "roles": ["coach"]}
    assert browser.get("/welcome", follow_redirects=False).headers["location"] == "/"
    events = demo_services.app.repository.get(account_id(ALPINE_COACH))
    assert events.single_sign_on_subjects == {app_issuer(demo_services): ALPINE_COACH}


def app_issuer(services: Services) -> str:
    provider = services.queries.tenancy.single_sign_on_by_domain("alpine.example")
    return provider[0][1].issuer


@pytest.mark.parametrize(
    ("email", "login", "why"),
    [
        ("eve@alpine.example", "eve@elsewhere.example", "e-mail domain is not one the consultancy allows"),
        ("ana@alpine.example", "unverified.ana@alpine.example", "has not verified the e-mail address"),
        ("ana@alpine.example", HARBOUR_ADMIN, "belongs to an account of another consultancy"),
    ],
    ids=["disallowed domain", "unverified address", "another consultancy's account"],
)
def test_a_sign_in_the_rules_refuse_opens_no_session_and_is_logged(
    app: FastAPI, demo_services: Services, caplog: pytest.LogCaptureFixture, email: str, login: str, why: str
) -> None:
    caplog.set_level(logging.INFO, logger="cordee.security")
    before = demo_services.app.recorder.max_notification_id()

    browser, answer = single_sign_on(app, email, login)

    assert answer.status_code == 401 and REFUSED.split(":")[0] in answer.text
    assert GraphQLClient(browser, expected_status=401).execute(VIEWER)
    assert demo_services.app.recorder.max_notification_id() == before
    failures = [line for line in security_events(caplog) if line["event"].startswith("authn_login_fail:")]
    assert len(failures) == 1 and why in failures[0]["description"]


def test_a_forged_state_is_refused(app: FastAPI, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="cordee.security")
    browser, answer = single_sign_on(app, ALPINE_COACH, ALPINE_COACH, tamper=True)

    assert answer.status_code == 401 and REFUSED.split(":")[0] in answer.text
    GraphQLClient(browser, expected_status=401).execute(VIEWER)
    assert any("mismatching_state" in line["description"] for line in security_events(caplog))


def test_an_id_token_with_another_sign_ins_nonce_is_refused(app: FastAPI, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="cordee.security")
    browser, answer = single_sign_on(app, ALPINE_COACH, ALPINE_COACH, forge_nonce=True)

    assert answer.status_code == 401 and REFUSED.split(":")[0] in answer.text
    GraphQLClient(browser, expected_status=401).execute(VIEWER)
    failures = [line["description"] for line in security_events(caplog) if line["event"].startswith("authn_login_f")]
    assert failures == ["Single sign-on refused. The provider's answer was refused: InvalidClaimError (nonce)."], (
        failures
    )


def test_failed_callbacks_lock_single_sign_on_for_their_address(
    demo_services: Services, app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="cordee.security")
    strict = demo_services.settings.model_copy(update={"sign_in_account_lock_failures": 2})
    app = create_app(strict, demo_services)
    browser = TestClient(app, base_url="http://testserver")
    for _ in range(2):
        assert browser.get(CALLBACK_PATH + "?code=guessed&state=guessed").status_code == 401

    _, answer = single_sign_on(app, ALPINE_COACH, ALPINE_COACH)

    assert answer.status_code == 401 and "session" not in answer.headers.get("set-cookie", "")
    assert security_events(caplog)[-1]["event"].startswith("authn_login_lock:")


def test_a_provider_whose_discovery_names_another_issuer_is_not_used(
    app: FastAPI, provider: OpenIdProvider, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="cordee.security")
    admin = GraphQLClient(TestClient(app, base_url="http://testserver")).sign_in(ALPINE_ADMIN)
    configure(admin, provider.issuer.replace("127.0.0.1", "localhost"), ["alpine.example"], clientSecret=None)
    browser = TestClient(app, base_url="http://testserver")
    token = TOKEN.search(browser.get("/login").text)
    assert token is not None

    answer = browser.post("/login/sso", data={"email": ALPINE_COACH, "csrf_token": token.group(1)})

    assert answer.status_code == 400 and NO_SINGLE_SIGN_ON in answer.text
    assert any("another issuer" in line["description"] for line in security_events(caplog))


def sign_in_page_answer(app: FastAPI, email: str, consultancy: str = "") -> tuple[int, str, list[str]]:
    """What the sign-in page answers to single sign-on for this address: the status, the page with its one-time
    values (form token, state, nonce, PKCE challenge) and the address itself blanked, and the cookies it sets."""
    browser = TestClient(app, base_url="http://testserver")
    token = TOKEN.search(browser.get("/login" + (f"?consultancy={consultancy}" if consultancy else "")).text)
    assert token is not None
    form = {"email": email, "csrf_token": token.group(1), "next": "/", "consultancy": consultancy}
    answer = browser.post("/login/sso", data=form, follow_redirects=False)
    page = TOKEN.sub("csrf", answer.text)
    page = re.sub(r"(state|nonce|code_challenge)=[\w.~-]+", r"\1=…", page)
    page = page.replace(quote(email, safe=""), "ADDRESS").replace(email, "ADDRESS")
    return answer.status_code, page, sorted(answer.cookies.keys())


@pytest.mark.parametrize(
    ("known", "unknown", "consultancy", "status"),
    [
        (ALPINE_COACH, "nobody@alpine.example", "", 200),
        (MEMBER, "nobody@muller.example", "", 400),  # an account of Alpine whose domain its provider does not admit
        (MEMBER, "nobody@muller.example", "alpine", 200),  # ... which signs in by Alpine's sign-in link
    ],
    ids=["allowed domain", "other domain", "consultancy's link"],
)
def test_single_sign_on_tells_nothing_of_whether_an_address_has_an_account(
    app: FastAPI, known: str, unknown: str, consultancy: str, status: int
) -> None:
    answers = [sign_in_page_answer(app, email, consultancy) for email in (known, unknown)]

    assert answers[0] == answers[1]
    assert answers[0][0] == status


def test_the_client_secret_is_kept_encrypted_and_the_history_records_only_its_fingerprint(
    app: FastAPI, demo_services: Services
) -> None:
    admin = GraphQLClient(TestClient(app, base_url="http://testserver")).sign_in(ALPINE_ADMIN)
    shown = admin.data(
        "{ viewer { consultancy { singleSignOn { clientIdentifier allowedDomains secretFingerprint } } } }"
    )
    fingerprint = shown["viewer"]["consultancy"]["singleSignOn"]["secretFingerprint"]
    assert re.fullmatch(r"[0-9a-f]{16}", fingerprint)
    assert CLIENT_SECRET not in json.dumps(shown)

    with demo_services.store.engine.connect() as conn:
        stored = conn.execute(text("SELECT ciphertext FROM tenant_secrets")).scalars().all()
    assert stored and all(CLIENT_SECRET not in value for value in stored)
    recorder, mapper = demo_services.app.recorder, demo_services.app.mapper
    events = [mapper.to_domain_event(n) for n in recorder.select_notifications(start=1, limit=10**6)]
    history = [type(event).__qualname__ + repr(vars(event)) for event in events]
    assert not [event for event in history if CLIENT_SECRET in event]
    assert [event for event in history if "SingleSignOnConfigured" in event and fingerprint in event]


def test_only_an_admin_configures_single_sign_on_and_bad_input_names_its_field(
    app: FastAPI, client_for: Any, provider: OpenIdProvider, demo_services: Services
) -> None:
    before = demo_services.app.recorder.max_notification_id()
    coach = client_for(ALPINE_COACH)
    assert configure(coach, provider.issuer, ["alpine.example"])["__typename"] == "ForbiddenError"
    admin = client_for(ALPINE_ADMIN)
    for field, changes in [
        ("issuer", {"issuer": "ftp://idp.example"}),
        ("issuer", {"issuer": "http://idp.example"}),
        ("allowedDomains", {"domains": ["not a domain"]}),
        ("clientIdentifier", {"clientIdentifier": "with space"}),
        ("clientSecret", {"clientSecret": "x" * 1001}),
    ]:
        domains = changes.pop("domains", ["alpine.example"])
        refused = configure(admin, changes.pop("issuer", provider.issuer), domains, **changes)
        assert refused["__typename"] == "ValidationError" and refused["field"] == field, refused
    assert demo_services.app.recorder.max_notification_id() == before
    for outsider in (coach, client_for(MEMBER), client_for(HARBOUR_ADMIN)):  # Alpine's is set: its admin sees it
        seen = outsider.data("{ viewer { consultancy { singleSignOn { issuer } } } }")
        assert seen["viewer"]["consultancy"]["singleSignOn"] is None
    assert admin.data("{ viewer { consultancy { singleSignOn { issuer } } } }")["viewer"]["consultancy"]["singleSignOn"]


def test_an_admin_configures_single_sign_on_on_the_settings_page(provider: OpenIdProvider, app: FastAPI) -> None:
    admin = GraphQLClient(TestClient(app, base_url="http://testserver")).sign_in(ALPINE_ADMIN).http
    page = admin.get("/settings").text
    assert "http://testserver/login/sso/callback" in page
    token = TOKEN.search(page)
    assert token is not None
    form = {
        "csrf_token": token.group(1),
        "sso-issuer": "http://idp.example",
        "sso-clientIdentifier": "cordee",
        "sso-clientSecret": "a-new-secret-typed-on-the-page",
        "sso-allowedDomains": "alpine.example\nMuller.example",
        "sso-enabled": "yes",
    }
    refused = admin.post("/settings/single-sign-on", data=form)
    assert refused.status_code == 422 and "must start with https://" in refused.text
    assert "a-new-secret-typed-on-the-page" not in refused.text

    saved = admin.post("/settings/single-sign-on", data={**form, "sso-issuer": provider.issuer})
    assert saved.status_code == 200 and "Single sign-on is saved." in saved.text
    assert "muller.example" in saved.text and "a-new-secret-typed-on-the-page" not in saved.text


ISSUER = "https://id.shared.example"
"""A provider two consultancies could both sign in through (one issuer for all its customers, as Google's)."""


def test_one_person_at_a_provider_is_linked_to_one_account_only(demo_services: Services) -> None:
    assert demo_services.tenant_secrets is not None
    fingerprint = demo_services.tenant_secrets.store(ALPINE, OIDC_CLIENT_SECRET, CLIENT_SECRET)
    demo_services.execute(
        ConfigureSingleSignOn(ALPINE, SYSTEM_ACTOR, ISSUER, CLIENT_ID, ("alpine.example",), True, fingerprint)
    )
    demo_services.execute(LinkSingleSignOn(ALPINE, account_id(ALPINE_COACH), ISSUER, "person-1", ALPINE_COACH, True))
    before = demo_services.app.recorder.max_notification_id()

    for second in (
        LinkSingleSignOn(ALPINE, account_id(ALPINE_ADMIN), ISSUER, "person-1", ALPINE_ADMIN, True),
        OpenSingleSignOnAccount(ALPINE, ISSUER, "person-1", "newcomer@alpine.example", "Newcomer"),
    ):
        with pytest.raises(Conflict) as refused:
            demo_services.execute(second)
        assert refused.value.code == "CONFLICT" and refused.value.field == "subject", refused.value
    assert demo_services.app.recorder.max_notification_id() == before
    assert demo_services.queries.tenancy.account_linked_to(ISSUER, "person-1") == account_id(ALPINE_COACH)

    links = demo_services.store.tables.single_sign_on_links
    another = {"tenant_id": consultancy_id("harbour"), "issuer": ISSUER, "subject": "person-1"}
    with pytest.raises(IntegrityError), demo_services.store.writing() as conn:  # whatever writes it, in any consultancy
        conn.execute(insert(links).values(**another, account_id=account_id(HARBOUR_ADMIN)))


def test_signing_out_after_single_sign_on_signs_out_at_the_provider_too(app: FastAPI, provider: OpenIdProvider) -> None:
    discovery = httpx.get(provider.issuer + "/.well-known/openid-configuration").json()
    with httpx.Client(base_url=provider.issuer, follow_redirects=False, timeout=10) as at_provider:
        browser, answer = single_sign_on(app, ALPINE_COACH, ALPINE_COACH, at_provider=at_provider)
        assert answer.status_code == 303 and browser.cookies.get(SIGN_OUT_COOKIE)
        token = TOKEN.search(browser.get("/account").text)
        assert token is not None

        out = browser.post("/logout", data={"csrf_token": token.group(1)}, follow_redirects=False)

        assert out.status_code == 200 and "You are signed out of Cordee" in out.text
        GraphQLClient(browser, expected_status=401).execute(VIEWER)  # out of Cordee at once, whatever comes next
        assert browser.cookies.get(SIGN_OUT_COOKIE) is None
        link = re.search(r'id="at-provider" href="([^"]+)"', out.text)
        assert link is not None and f'url={link.group(1)}"' in out.text  # the page moves on by itself
        location = html.unescape(link.group(1))
        endpoint, _, query = location.partition("?")
        asked = parse_qs(query)
        assert endpoint == discovery["end_session_endpoint"]
        assert asked["client_id"] == [CLIENT_ID] and asked["post_logout_redirect_uri"] == ["http://testserver/login"]
        keys = KeySet.import_key_set(httpx.get(discovery["jwks_uri"]).json())
        hint = jwt.decode(asked["id_token_hint"][0], keys).claims  # the provider's own ID token of this sign-in
        assert (hint["iss"], hint["aud"], hint["sub"]) == (provider.issuer, CLIENT_ID, ALPINE_COACH)

        assert sign_out_at_provider(at_provider, location) == "http://testserver/login"
        # the provider's session has ended: it asks who signs in (a newcomer, now), not the coach again at once
        _, again = single_sign_on(app, ALPINE_COACH, "someone.else@alpine.example", at_provider=at_provider)
        assert again.status_code == 303 and again.headers["location"] == "/welcome"


def test_signing_out_after_a_password_sign_in_stays_at_cordee(app: FastAPI) -> None:
    browser = GraphQLClient(TestClient(app, base_url="http://testserver")).sign_in(ALPINE_COACH).http
    token = TOKEN.search(browser.get("/account").text)
    assert token is not None
    browser.cookies.set(SIGN_OUT_COOKIE, "not-a-sign-in-of-ours", domain="testserver.local")

    out = browser.post("/logout", data={"csrf_token": token.group(1)}, follow_redirects=False)

    assert out.status_code == 303 and out.headers["location"] == "/login"


def sign_out_at_provider(at_provider: httpx.Client, location: str) -> str:
    """Confirms signing out on the provider's own page; answers where it sends the browser back."""
    page = at_provider.get(location)
    assert page.status_code == 200, page.text[:500]
    form = re.search(r'<form[^>]*action="([^"]+)"', page.text)
    assert form is not None, page.text[:500]
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text))
    done = at_provider.post(html.unescape(form.group(1)), data={**fields, "logout": "yes"})
    assert done.is_redirect, done.text[:500]
    return done.headers["location"]
