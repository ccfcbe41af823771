"""The labels' credentials, published: no sign-in for what a verifier needs, the session for a professional's own.

- `GET /labels/<body>`: the body's Open Badges profile (the credentials' `issuer.id`);
- `GET /labels/<body>/label`: the label's Open Badges achievement (its credentials' `achievement.id`);
- `GET /labels/<body>/jwks.json`: the body's public key set (the `kid` of its credentials and lists names it);
- `GET /labels/<body>/status/<n>`: its status list credential `n`, signed now and valid from its last change, as a
  VC-JWT;
- `GET /labels/<body>/credentials/<id>.json`: the verdict on one of its credentials (the page of the same address
  without `.json` is `frontend/credentials`): valid, expired, suspended or revoked, and for whom only when valid;
- `POST /labels/<body>/verify`: the verdict on a token a verifier holds, checked with the body's own key set and
  lists (no address named in the token is ever fetched);
- `GET /professional/credentials/<id>`: the signed credential, for the professional it was issued to alone.

A body, list or credential that does not exist, of another body or of another professional, answers the same 404.
The public GET answers carry `Access-Control-Allow-Origin: *`, so that a verifier's page on any site reads them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from backend.auth.current import principal_from_request
from backend.credentials.openbadges import CONTEXTS
from backend.credentials.published import (
    LabelKeyMissing,
    LabelKeys,
    PublishedBody,
    published_achievement,
    signed_credential,
    signed_status_list,
    verdict,
)
from backend.credentials.signing import SigningKey
from backend.credentials.verification import Verdict
from backend.graphql.credentials.actions import READ_OWN
from backend.policy import own_professional
from backend.services import Services
from domain.labels.body import PROFESSIONALS, labelling_body_id
from domain.shared.errors import ValidationFailed
from domain.shared.text import tenant_slug
from projections.credentials.rows import CredentialRow

log = logging.getLogger(__name__)

JWT_TYPE = "application/vc+jwt"
"""A VC-JWT (VC-JOSE-COSE's media type): what a credential and a status list are served as."""
TOKEN_MAX_LENGTH = 64 * 1024
"""A credential of the most evidence a renewal can count is some tens of kilobytes: a longer token is refused unread."""
PUBLIC = {"Access-Control-Allow-Origin": "*"}
"""What a verifier needs is readable by a verifier's page on any site: the answers hold nothing but what is public."""
NOT_FOUND = {"error": {"code": "NOT_FOUND", "field": "credential_id", "message": "No credential at this address."}}
NO_LIST = {"error": {"code": "NOT_FOUND", "field": "status_list", "message": "No status list at this address."}}
NO_BODY = {"error": {"code": "NOT_FOUND", "field": "body", "message": "No labelling body at this address."}}


@dataclass(frozen=True)
class PublicVerdict:
    """What the public is told of a label: its state, the label and the body, the dates, and for whom only when
    valid (a suspended, revoked or expired label does not advertise its holder)."""

    state: str
    label: str | None
    issuer: str | None
    valid_from: str | None
    valid_until: str | None
    holder: str | None
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "label": self.label,
            "issuer": self.issuer,
            "validFrom": self.valid_from,
            "validUntil": self.valid_until,
            "holder": self.holder,
            "reason": self.reason,
        }


def public_verdict(found: Verdict) -> PublicVerdict:
    def moment(value: datetime | None) -> str | None:
        return None if value is None else value.strftime("%Y-%m-%dT%H:%M:%SZ")

    valid = found.state == "valid"
    return PublicVerdict(
        state=found.state,
        label=found.label_name if found.state != "invalid" else None,
        issuer=found.issuer_name if found.state != "invalid" else None,
        valid_from=moment(found.valid_from) if found.state != "invalid" else None,
        valid_until=moment(found.valid_until) if found.state != "invalid" else None,
        holder=found.subject_name if valid else None,
        reason=found.reason,
    )


class LabelPublisher:
    """The reads and the signing behind the routes (and behind the public page, through its port)."""

    def __init__(self, services: Services, keys: LabelKeys) -> None:
        self.services = services
        self.keys = keys
        settings = services.settings
        self.base_url = (settings.public_url or f"http://{settings.host}:{settings.port}").rstrip("/")

    def body(self, slug: str) -> PublishedBody | None:
        try:
            checked = tenant_slug("body", slug)
        except ValidationFailed:
            return None
        if checked != slug:
            return None
        body_id = labelling_body_id(slug)
        with self.services.queries.one_transaction(body_id):
            found = self.services.queries.credentials.body(body_id)
        return None if found is None else PublishedBody(body_id, slug, found[1], self.base_url)

    def key(self, body: PublishedBody) -> SigningKey:
        return self.keys.key(body)

    def published(self, body: PublishedBody, credential_id: UUID) -> CredentialRow | None:
        with self.services.queries.one_transaction(body.id):
            return self.services.queries.credentials.published(body.id, credential_id)

    def changed(self, body: PublishedBody, number: int) -> datetime | None:
        with self.services.queries.one_transaction(body.id):
            return self.services.queries.credentials.status_list_changed(body.id, number)

    def entries(self, body: PublishedBody, number: int) -> dict[int, str] | None:
        with self.services.queries.one_transaction(body.id):
            return self.services.queries.credentials.status_entries(body.id, number)

    def verdict_on(self, body: PublishedBody, token: str) -> PublicVerdict:
        now = datetime.now(UTC)
        return public_verdict(verdict(body, token, self.keys.keys(body), lambda n: self.entries(body, n), now))

    def verdict_of(self, slug: str, credential_id: str) -> PublicVerdict | None:
        """The verdict on one of the body's credentials by its public id; None when there is none (a malformed id,
        another body's, an unknown one: all alike)."""
        body = self.body(slug)
        parsed = _uuid(credential_id)
        row = self.published(body, parsed) if body is not None and parsed is not None else None
        if body is None or row is None:
            return None
        return self.verdict_on(body, signed_credential(body, row, self.key(body)))

    def own_credential(self, professional_id: UUID, credential_id: UUID) -> tuple[PublishedBody, CredentialRow] | None:
        """One of the professional's own credentials, with the body that issued it; None for anyone else's."""
        with self.services.queries.one_transaction(PROFESSIONALS):
            row = self.services.queries.credentials.of_professional(professional_id, credential_id)
        if row is None:
            return None
        with self.services.queries.one_transaction(row.body_id):
            body = self.services.queries.credentials.body(row.body_id)
        return None if body is None else (PublishedBody(row.body_id, body[0], body[1], self.base_url), row)


def _uuid(text: str) -> UUID | None:
    try:
        parsed = UUID(text)
    except ValueError:
        return None
    return parsed if str(parsed) == text.lower() else None


def issuer_profile_of(body: PublishedBody) -> dict[str, Any]:
    """The body's Open Badges profile, at its issuer id: what a credential's `issuer` says, dereferenceable."""
    return {"@context": list(CONTEXTS), **body.issuer_profile}


def _unavailable(error: LabelKeyMissing) -> JSONResponse:
    log.error("%s", error)
    message = "This labelling body's signing key is not configured."
    return JSONResponse({"error": {"code": "UNAVAILABLE", "message": message}}, status_code=503)


def label_routes(publisher: LabelPublisher) -> APIRouter:
    router = APIRouter()

    def with_body(slug: str, answer: Callable[[PublishedBody], Response]) -> Response:
        body = publisher.body(slug)
        if body is None:
            return JSONResponse(NO_BODY, status_code=404)
        try:
            return answer(body)
        except LabelKeyMissing as error:
            return _unavailable(error)

    @router.get("/labels/{slug}", include_in_schema=False)
    def issuer_profile(slug: str) -> Response:
        return with_body(slug, lambda body: JSONResponse(issuer_profile_of(body), headers=PUBLIC))

    @router.get("/labels/{slug}/label", include_in_schema=False)
    def achievement(slug: str) -> Response:
        return with_body(slug, lambda body: JSONResponse(published_achievement(body), headers=PUBLIC))

    @router.get("/labels/{slug}/jwks.json", include_in_schema=False)
    def key_set(slug: str) -> Response:
        return with_body(slug, lambda body: JSONResponse(publisher.keys.key_set(body), headers=PUBLIC))

    @router.get("/labels/{slug}/status/{number}", include_in_schema=False)
    def status_list(slug: str, number: str) -> Response:
        def answer(body: PublishedBody) -> Response:
            listed = body.status_list_number(body.status_list_url(0)[:-1] + number)
            entries = publisher.entries(body, listed) if listed is not None else None
            if listed is None or entries is None:
                return JSONResponse(NO_LIST, status_code=404)
            # valid from its last change, not from now: a verifier whose clock is a little behind still accepts it
            changed = publisher.changed(body, listed) or datetime.now(UTC)
            token = signed_status_list(body, listed, entries, publisher.key(body), changed)
            return Response(token, media_type=JWT_TYPE, headers={"Cache-Control": "no-cache", **PUBLIC})

        return with_body(slug, answer)

    @router.get("/labels/{slug}/credentials/{credential_id}.json", include_in_schema=False)
    def credential_verdict(slug: str, credential_id: str) -> Response:
        try:
            found = publisher.verdict_of(slug, credential_id)
        except LabelKeyMissing as error:
            return _unavailable(error)
        if found is None:
            return JSONResponse(NOT_FOUND, status_code=404)
        return JSONResponse(found.as_json(), headers={"Cache-Control": "no-cache", **PUBLIC})

    @router.post("/labels/{slug}/verify", include_in_schema=False)
    async def verify_token(slug: str, request: Request) -> Response:
        token = await _token(request)
        if isinstance(token, JSONResponse):
            return token
        return with_body(slug, lambda body: JSONResponse(publisher.verdict_on(body, token).as_json()))

    @router.get("/professional/credentials/{credential_id}", include_in_schema=False)
    def download(request: Request, credential_id: str) -> Response:
        principal = principal_from_request(publisher.services, request)
        if principal is None:
            message = "Sign in to download your credential."
            return JSONResponse({"error": {"code": "UNAUTHENTICATED", "message": message}}, status_code=401)
        parsed = _uuid(credential_id)
        professional = own_professional(principal, READ_OWN)  # the holder alone, as the policy says
        found = publisher.own_credential(professional, parsed) if professional and parsed is not None else None
        if found is None:
            return JSONResponse(NOT_FOUND, status_code=404)
        body, row = found
        try:
            token = signed_credential(body, row, publisher.key(body))
        except LabelKeyMissing as error:
            return _unavailable(error)
        disposition = f'attachment; filename="label-{body.slug}-{row.credential_id}.jwt"'
        return Response(token, media_type=JWT_TYPE, headers={"Content-Disposition": disposition})

    return router


async def _token(request: Request) -> str | JSONResponse:
    """The token of a verification request: `{"token": "<compact JWS>"}`, at most `TOKEN_MAX_LENGTH` long."""

    def refused(message: str) -> JSONResponse:
        return JSONResponse({"error": {"code": "VALIDATION", "field": "token", "message": message}}, status_code=400)

    raw = b""
    async for chunk in request.stream():  # read no further than a token may be long
        raw += chunk
        if len(raw) > TOKEN_MAX_LENGTH + 64:
            return refused(f"Give a token of at most {TOKEN_MAX_LENGTH} characters.")
    try:
        given = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):  # nested too deep to read is no token either
        return refused('Send {"token": "<the credential as a compact JWS>"} as JSON.')
    token = given.get("token") if isinstance(given, dict) else None
    if not isinstance(token, str) or not token.strip():
        return refused('Send {"token": "<the credential as a compact JWS>"} as JSON.')
    if len(token) > TOKEN_MAX_LENGTH:
        return refused(f"Give a token of at most {TOKEN_MAX_LENGTH} characters.")
    return token.strip()
