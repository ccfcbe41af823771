"""A granted label, published: the professional downloads their credential, and anyone verifies it with nothing but
what the labelling body publishes over HTTP (its key set and its status list), through each status; the public
verdict names the holder only while the label is valid; no answer tells one body's or one professional's credential
from a missing one; malformed ids and tokens are refused or found invalid, never an error."""

from __future__ import annotations

import base64
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from backend.credentials.published import LabelKeys
from backend.credentials.verification import check
from backend.http.labels import JWT_TYPE, LabelPublisher, label_routes
from backend.services import Services
from domain.labels.body import PROFESSIONALS, labelling_body_id
from domain.labels.commands import (
    EnrolCandidate,
    EvaluateFirstMission,
    GrantLabel,
    PublishLabelScheme,
    RecordExamAttempt,
    RecordLabelTraining,
    ReinstateLabel,
    RevokeLabel,
    SuspendLabel,
)
from domain.labels.credential import LabelCredential, credential_record_id
from domain.labels.link_commands import CreateLabellingBody
from domain.labels.track import RatingGiven
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.account import Role, account_id
from tests.api.labels.test_professional_links import REGISTRAR, SOPHIE, open_account
from tests.api.tenancy.test_authorization_matrix import refusal
from tests.support.graphql_client import GraphQLClient
from tests.unit.credentials.test_documented_verifier import documented_check_label, documented_verifier
from tests.unit.labels.support import SCHEME

MARC, LEA = "marc@pro.example", "lea@pro.example"
BOARD, OTHER = "coaching-board", "other-board"


@dataclass(frozen=True)
class Issued:
    slug: str
    professional: uuid.UUID
    credential_id: uuid.UUID

    @property
    def body(self) -> uuid.UUID:
        return labelling_body_id(self.slug)


def grant(services: Services, body_name: str, slug: str, email: str, name: str, validity_months: int) -> Issued:
    """A labelling body of its own with its scheme, and a professional of the realm taken through every step to the
    grant (bodies and professionals of their own: the demo's may hold labels already)."""
    body = labelling_body_id(slug)
    professional = open_account(services, PROFESSIONALS, email, name, Role.PROFESSIONAL)
    on = (body, SYSTEM_ACTOR, professional)
    ratings = tuple(RatingGiven(r.category, r.key, "meets", "Seen at the workshop.") for r in SCHEME.requirements)
    for command in (
        CreateLabellingBody(SYSTEM_ACTOR, body_name, slug),
        PublishLabelScheme(body, SYSTEM_ACTOR, replace(SCHEME, validity_months=validity_months)),
        EnrolCandidate(*on, date(2026, 1, 5)),
        RecordLabelTraining(*on, date(2026, 1, 12), "Cordee Academy", "Certificate CA-2026-014", 21),
        RecordExamAttempt(*on, date(2026, 1, 19), 82),
        EvaluateFirstMission(*on, account_id(SOPHIE), "North cluster", date(2026, 1, 26), ratings),
        GrantLabel(*on, date(2026, 2, 2)),
    ):
        services.execute(command)
    record = services.app.get(LabelCredential, body, credential_record_id(body, professional, 1))
    return Issued(slug, professional, record.credential_id)


@pytest.fixture
def public(app: FastAPI) -> TestClient:
    return TestClient(app, base_url="http://testserver")


@pytest.fixture
def lea(demo_services: Services) -> Issued:
    return grant(demo_services, "Coaching Label Board", BOARD, LEA, "Léa Fontaine", 36)


@pytest.fixture
def marc(demo_services: Services) -> Issued:
    """Another professional, labelled by another body for one month: expired since 2026-03-02."""
    return grant(demo_services, "Other Label Board", OTHER, MARC, "Marc Keller", 1)


def path(url: str) -> str:
    return urlsplit(url).path


def download(client: GraphQLClient, issued: Issued) -> str:
    response = client.http.get(f"/professional/credentials/{issued.credential_id}")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/vc+jwt"
    assert "attachment" in response.headers["content-disposition"]
    return response.text


def payload(token: str) -> dict[str, Any]:
    import base64
    import json

    part = token.split(".")[1]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    return decoded


def body_address(public: TestClient, slug: str) -> str:
    """The body's issuer address, as its instance publishes it (`CORDEE_PUBLIC_URL`)."""
    publisher: LabelPublisher = public.app.state.label_publisher  # type: ignore[attr-defined]
    return f"{publisher.base_url}/labels/{slug}"


def verified_with_what_is_published(public: TestClient, token: str, slug: str = BOARD) -> str:
    """The documented verifier, given only the key set and the status list fetched from the body's addresses."""
    credential = payload(token)
    issuer_url = body_address(public, slug)  # known before the token is read

    def fetch(url: str) -> str:
        response = public.get(path(url))
        assert response.status_code == 200, url
        assert response.headers["content-type"] == ("application/json" if url.endswith(".json") else JWT_TYPE)
        return response.text

    state: str = documented_check_label()(token, issuer_url, fetch)
    key_set = public.get(f"/labels/{slug}/jwks.json").json()
    list_url = credential["credentialStatus"]["statusListCredential"]
    listed = public.get(path(list_url))
    verdict = check(
        token, key_set, {list_url: listed.text}, datetime.now(UTC), expected_issuer=credential["issuer"]["id"]
    )
    assert verdict.state == state
    return state


def public_verdict(public: TestClient, issued: Issued) -> dict[str, Any]:
    response = public.get(f"/labels/{issued.slug}/credentials/{issued.credential_id}.json")
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def test_a_label_is_verified_through_each_status_with_only_what_the_body_publishes(
    demo_services: Services, client_for: Callable[[str], GraphQLClient], public: TestClient, lea: Issued
) -> None:
    token = download(client_for(LEA), lea)
    credential = payload(token)
    assert credential["credentialSubject"]["identifier"][0]["identityHash"] == "Léa Fontaine"
    assert credential["id"].endswith(f"/labels/{BOARD}/credentials/{lea.credential_id}")
    assert credential["issuer"]["name"] == "Coaching Label Board"
    assert [e["genre"] for e in credential["evidence"]] == ["Training", "Exam", "Mission"]
    assert "North cluster" not in token  # the registrar's note naming the mission stays with the body
    assert credential["validUntil"] == "2029-02-02T00:00:00Z"
    assert "d" not in public.get(f"/labels/{BOARD}/jwks.json").json()["keys"][0]

    assert verified_with_what_is_published(public, token) == "valid"
    assert public_verdict(public, lea) | {"validFrom": None} == {
        "state": "valid",
        "label": "ISMS cluster coach",
        "issuer": "Coaching Label Board",
        "validFrom": None,
        "validUntil": "2029-02-02T00:00:00Z",
        "holder": "Léa Fontaine",
        "reason": "",
    }
    on = (lea.body, SYSTEM_ACTOR, lea.professional)
    for command, state in (
        (SuspendLabel(*on, date(2026, 6, 1), "Complaint under review"), "suspended"),
        (ReinstateLabel(*on, date(2026, 7, 1), "Complaint dismissed"), "valid"),
        (RevokeLabel(*on, date(2026, 8, 1), "Falsified evidence"), "revoked"),
    ):
        demo_services.execute(command)
        assert verified_with_what_is_published(public, token) == state  # the token downloaded before
        shown = public_verdict(public, lea)
        assert shown["state"] == state
        assert shown["holder"] == ("Léa Fontaine" if state == "valid" else None)
        page = public.get(f"/labels/{BOARD}/credentials/{lea.credential_id}")
        assert page.status_code == 200
        assert f"{state.capitalize()} label" in page.text
        assert ("Léa Fontaine" in page.text) == (state == "valid")


def test_an_expired_label_reads_expired_and_names_no_one(
    client_for: Callable[[str], GraphQLClient], public: TestClient, marc: Issued
) -> None:
    token = download(client_for(MARC), marc)
    assert verified_with_what_is_published(public, token, OTHER) == "expired"
    shown = public_verdict(public, marc)
    assert (shown["state"], shown["holder"], shown["validUntil"]) == ("expired", None, "2026-03-02T00:00:00Z")
    assert shown["issuer"] == "Other Label Board"


def test_no_answer_tells_another_body_s_or_another_professional_s_credential_from_a_missing_one(
    client_for: Callable[[str], GraphQLClient], public: TestClient, lea: Issued, marc: Issued
) -> None:
    unknown = public.get(f"/labels/{BOARD}/credentials/{uuid.uuid4()}.json")
    foreign = public.get(f"/labels/{BOARD}/credentials/{marc.credential_id}.json")
    assert unknown.status_code == foreign.status_code == 404
    assert unknown.json() == foreign.json()
    assert "Marc" not in foreign.text
    unknown_page = public.get(f"/labels/{BOARD}/credentials/{uuid.uuid4()}")
    foreign_page = public.get(f"/labels/{BOARD}/credentials/{marc.credential_id}")
    assert unknown_page.status_code == foreign_page.status_code == 404
    assert unknown_page.text == foreign_page.text

    def downloaded(client: GraphQLClient | TestClient, credential_id: uuid.UUID) -> tuple[int, str]:
        http = client.http if isinstance(client, GraphQLClient) else client
        response = http.get(f"/professional/credentials/{credential_id}")
        return response.status_code, response.text

    missing = downloaded(client_for(LEA), uuid.uuid4())
    assert missing[0] == 404
    assert downloaded(client_for(LEA), marc.credential_id) == missing
    assert downloaded(client_for(MARC), lea.credential_id) == missing
    assert downloaded(client_for(REGISTRAR), lea.credential_id) == missing  # the body's staff: not the holder
    assert downloaded(client_for("admin@alpine.example"), lea.credential_id) == missing
    assert downloaded(public, lea.credential_id)[0] == 401

    # Another body's token, verified at this body's address, is not this body's credential.
    other_token = download(client_for(MARC), marc)
    found = public.post(f"/labels/{BOARD}/verify", json={"token": other_token}).json()
    assert (found["state"], found["holder"], found["label"]) == ("invalid", None, None)
    verifier = documented_verifier()  # nor is it to the documented verifier, checking against this body
    with pytest.raises(verifier["Refused"], match="no key"):
        verifier["check_label"](other_token, body_address(public, BOARD), lambda url: public.get(path(url)).text)


@pytest.mark.parametrize(
    "address",
    [
        f"/labels/{BOARD}/credentials/not-a-uuid.json",
        f"/labels/{BOARD}/credentials/{'f' * 5000}.json",
        f"/labels/{BOARD}/credentials/%00.json",
        "/labels/no-such-body/credentials/{id}.json",
        "/labels/LABEL-BOARD/credentials/{id}.json",
        "/labels/no-such-body/jwks.json",
        f"/labels/{BOARD}/status/abc",
        f"/labels/{BOARD}/status/-1",
        f"/labels/{BOARD}/status/99",
        f"/labels/{BOARD}/status/{'9' * 40}",
    ],
    ids=[
        "malformed-id",
        "long-id",
        "nul-id",
        "unknown-body",
        "upper-case-body",
        "unknown-body-keys",
        "list-not-a-number",
        "negative-list",
        "unknown-list",
        "huge-list",
    ],
)
def test_malformed_or_unknown_addresses_answer_not_found(public: TestClient, lea: Issued, address: str) -> None:
    response = public.get(address.replace("{id}", str(lea.credential_id)))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "NOT_FOUND"


def test_a_verifier_s_token_is_checked_and_a_malformed_one_is_refused_or_invalid(
    client_for: Callable[[str], GraphQLClient], public: TestClient, lea: Issued
) -> None:
    token = download(client_for(LEA), lea)
    verify = f"/labels/{BOARD}/verify"
    assert public.post(verify, json={"token": token}).json()["holder"] == "Léa Fontaine"
    header, body, signature = token.split(".")
    tampered = f"{header}.{body}.{signature[:-4]}AAAA"
    nested = base64.urlsafe_b64encode(b"[" * 40_000).rstrip(b"=").decode()  # a header nested beyond any parser
    for given in ("abc", "a.b.c", tampered, f"{header}.{body}.", token.replace(".", ".."), f"{nested}.{body}.AAAA"):
        found = public.post(verify, json={"token": given})
        assert found.status_code == 200
        assert (found.json()["state"], found.json()["holder"]) == ("invalid", None)
    for refused in (
        b"not json",
        b'{"token": 42}',
        b'{"token": ""}',
        b"[]",
        b'{"token": "' + b"a" * 70_000 + b'"}',
        b"[" * 60_000,  # nested deeper than JSON is read
        b'{"token": ' + b"[" * 30_000 + b"}",
    ):
        answer = public.post(verify, content=refused, headers={"content-type": "application/json"})
        assert answer.status_code == 400
        assert answer.json()["error"] == answer.json()["error"] | {"code": "VALIDATION", "field": "token"}


def test_in_production_a_body_without_its_key_configured_publishes_nothing(
    demo_services: Services, lea: Issued, tmp_path: Path
) -> None:
    keys = tmp_path / "production-keys"
    keys.mkdir()
    publisher = LabelPublisher(demo_services, LabelKeys({}, keys, production=True))
    served = FastAPI()
    served.include_router(label_routes(publisher))
    client = TestClient(served)
    for address in (
        f"/labels/{BOARD}/jwks.json",
        f"/labels/{BOARD}/status/1",
        f"/labels/{BOARD}/credentials/{lea.credential_id}.json",
    ):
        response = client.get(address)
        assert response.status_code == 503, address
        assert response.json()["error"]["code"] == "UNAVAILABLE"
    assert list(keys.iterdir()) == []  # no development key was generated in its place


def test_what_a_verifier_needs_is_readable_from_any_site_and_the_issuer_s_id_answers_its_profile(
    client_for: Callable[[str], GraphQLClient], public: TestClient, lea: Issued
) -> None:
    token = download(client_for(LEA), lea)
    credential = payload(token)
    stated = credential["credentialSubject"]["achievement"]
    for address in (
        credential["issuer"]["id"],
        stated["id"],
        f"/labels/{BOARD}/jwks.json",
        credential["credentialStatus"]["statusListCredential"],
        f"/labels/{BOARD}/credentials/{lea.credential_id}.json",
    ):
        response = public.get(path(address))
        assert response.status_code == 200, address
        assert response.headers["access-control-allow-origin"] == "*", address
    profile = public.get(path(credential["issuer"]["id"])).json()
    assert profile == {"@context": credential["@context"], **credential["issuer"]}
    served = public.get(path(stated["id"])).json()
    same = ("id", "type", "achievementType", "name", "description", "resultDescription")
    assert {key: served[key] for key in same} == {key: stated[key] for key in same}
    assert served["creator"] == credential["issuer"]
    own = client_for(LEA).http.get(f"/professional/credentials/{lea.credential_id}")
    assert "access-control-allow-origin" not in own.headers  # the professional's own download is no public answer
    assert public.get("/labels/no-such-body").status_code == 404


def test_the_page_of_a_body_without_its_key_answers_503_as_its_json_does(
    app: FastAPI, public: TestClient, lea: Issued, tmp_path: Path
) -> None:
    app.state.label_publisher.keys = LabelKeys({}, tmp_path, production=True)
    page = public.get(f"/labels/{BOARD}/credentials/{lea.credential_id}")
    data = public.get(f"/labels/{BOARD}/credentials/{lea.credential_id}.json")
    assert page.status_code == data.status_code == 503
    assert "Verification unavailable" in page.text


def test_a_status_list_is_valid_from_its_last_change_not_from_the_request(
    demo_services: Services, client_for: Callable[[str], GraphQLClient], public: TestClient, lea: Issued
) -> None:
    list_url = payload(download(client_for(LEA), lea))["credentialStatus"]["statusListCredential"]

    def valid_from() -> datetime:
        return datetime.fromisoformat(payload(public.get(path(list_url)).text)["validFrom"])

    issued = valid_from()
    time.sleep(1.1)  # the list is signed at each request; its validFrom does not follow the request's clock
    assert valid_from() == issued
    demo_services.execute(SuspendLabel(lea.body, SYSTEM_ACTOR, lea.professional, date(2026, 6, 1), "Under review"))
    suspended = valid_from()
    assert issued < suspended <= datetime.now(UTC)
    time.sleep(1.1)
    assert valid_from() == suspended


def rotated(demo_services: Services, tmp_path: Path, *, retire_old: bool) -> TestClient:
    """The body's addresses once its key was rotated: a new current key, and the one that signed so far retired (or,
    with `retire_old` false, dropped)."""
    old = (demo_services.settings.data_dir / f"labels-signing-key-{BOARD}.pem").read_bytes()
    new = base64.b64encode(bytes(range(100, 132)))
    keys = LabelKeys({BOARD: (new, old) if retire_old else (new,)}, tmp_path, production=True)
    served = FastAPI()
    served.state.label_publisher = publisher = LabelPublisher(demo_services, keys)
    served.include_router(label_routes(publisher))
    return TestClient(served, base_url="http://testserver")


def test_a_credential_signed_before_a_key_rotation_still_verifies_over_http(
    demo_services: Services, client_for: Callable[[str], GraphQLClient], public: TestClient, lea: Issued, tmp_path: Path
) -> None:
    before = download(client_for(LEA), lea)
    old_kid = public.get(f"/labels/{BOARD}/jwks.json").json()["keys"][0]["kid"]
    after = rotated(demo_services, tmp_path, retire_old=True)
    published = after.get(f"/labels/{BOARD}/jwks.json").json()["keys"]
    assert len(published) == 2 and published[1]["kid"] == old_kid  # the new key first, the retired one still there
    assert verified_with_what_is_published(after, before) == "valid"
    assert after.post(f"/labels/{BOARD}/verify", json={"token": before}).json()["state"] == "valid"
    assert after.get(f"/labels/{BOARD}/credentials/{lea.credential_id}.json").json()["state"] == "valid"
    demo_services.execute(SuspendLabel(lea.body, SYSTEM_ACTOR, lea.professional, date(2026, 6, 1), "Under review"))
    assert verified_with_what_is_published(after, before) == "suspended"  # the new key's list, the old key's label

    dropped = rotated(demo_services, tmp_path / "dropped", retire_old=False)
    assert dropped.post(f"/labels/{BOARD}/verify", json={"token": before}).json()["state"] == "invalid"


CREDENTIALS = """{ r: labelCredentials { __typename
    ... on LabelCredentialList { credentials { credentialId labellingBody status awardedOn validFrom expiresOn
        downloadUrl verificationUrl } }
    ... on ForbiddenError { message } } }"""


def test_a_professional_lists_their_own_credentials_with_where_to_download_and_verify_each(
    demo_services: Services, client_for: Callable[[str], GraphQLClient], public: TestClient, lea: Issued, marc: Issued
) -> None:
    own = client_for(LEA)
    (found,) = own.data(CREDENTIALS)["r"]["credentials"]
    assert found == {
        "credentialId": str(lea.credential_id),
        "labellingBody": "Coaching Label Board",
        "status": "VALID",
        "awardedOn": "2026-02-02",
        "validFrom": "2026-02-02",
        "expiresOn": "2029-02-02",
        "downloadUrl": f"/professional/credentials/{lea.credential_id}",
        "verificationUrl": f"/labels/{BOARD}/credentials/{lea.credential_id}",
    }
    assert own.http.get(found["downloadUrl"]).status_code == 200
    assert "Léa Fontaine" in public.get(found["verificationUrl"]).text
    (others,) = client_for(MARC).data(CREDENTIALS)["r"]["credentials"]
    assert others["credentialId"] == str(marc.credential_id)
    assert others["status"] == public_verdict(public, marc)["state"].upper() == "EXPIRED"  # its status entry: valid
    demo_services.execute(SuspendLabel(lea.body, SYSTEM_ACTOR, lea.professional, date(2026, 6, 1), "Under review"))
    assert own.data(CREDENTIALS)["r"]["credentials"][0]["status"] == public_verdict(public, lea)["state"].upper()
    assert public_verdict(public, lea)["state"] == "suspended"
    (sophies,) = client_for(SOPHIE).data(CREDENTIALS)["r"]["credentials"]  # the demo's, of the demo's body only
    assert sophies["labellingBody"] == "ISMS Label Board"
    assert sophies["credentialId"] not in (str(lea.credential_id), str(marc.credential_id))
    for email in (REGISTRAR, "admin@alpine.example"):  # refused, before or by the resolver
        assert refusal(client_for(email).execute(CREDENTIALS)) is not None, email


def test_a_professional_s_home_offers_their_credential_to_download_and_its_verification_page(
    client_for: Callable[[str], GraphQLClient], public: TestClient, lea: Issued
) -> None:
    own = client_for(LEA).http
    cards = _credential_cards(own.get("/professional").text)
    assert [" ".join(re.sub(r"<[^>]+>", "", card).split()).split(".")[0] for card in cards] == [
        "Coaching Label Board: valid, expires on 2029-02-02"
    ]
    download_at = re.search(r'<a href="([^"]+)" download>Download the credential</a>', cards[0])
    verify_at = re.search(r'<a href="([^"]+)">Its public verification page</a>', cards[0])
    assert download_at and verify_at
    token = own.get(download_at[1]).text
    assert verified_with_what_is_published(public, token) == "valid"
    assert "Léa Fontaine" in public.get(verify_at[1]).text
    sophies = _credential_cards(client_for(SOPHIE).http.get("/professional").text)
    assert len(sophies) == 1 and "ISMS Label Board" in sophies[0] and str(lea.credential_id) not in sophies[0]


def _credential_cards(page: str) -> list[str]:
    listed = page.split('<ul class="link-cards" id="credentials"', 1)[1].split("</ul>", 1)[0]
    return listed.split("<li>")[1:]
