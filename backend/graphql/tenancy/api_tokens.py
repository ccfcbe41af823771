"""API tokens: a person's own personal access tokens, and the consultancy's integration clients (admins). A secret is
shown once, in the answer that makes it; Cordee keeps only its hash. Making and revoking one is logged as a security
event naming its fingerprint, never the secret."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from backend.auth.access_tokens import (
    CLIENT_SECRET_PREFIX,
    PAT_PREFIX,
    fingerprint,
    new_secret,
    secret_hash,
)
from backend.auth.security_log import SecurityEvent, security_event
from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.errors import ErrorCode, ForbiddenError, Refusal
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.tenancy.actions import MANAGE_INTEGRATIONS, MANAGE_OWN_API_TOKENS
from backend.policy import may
from domain.tenancy.commands import IssueApiToken, RegisterIntegrationClient, RevokeApiToken, RevokeIntegrationClient
from projections.tenancy.rows import ApiTokenRow, IntegrationClientRow


@strawberry.type(description="A personal access token, as its owner lists it; its secret was shown once.")
class ApiToken:
    id: strawberry.ID
    name: str
    scopes: list[str]
    expires_on: date = strawberry.field(description="The last day it works.")
    created_at: datetime
    revoked_at: datetime | None


@strawberry.type(description="The viewer's own personal access tokens, newest first, the revoked ones too.")
class ApiTokenList:
    tokens: list[ApiToken]


@strawberry.type(description="A new personal access token: its secret is shown this once, Cordee keeps its hash.")
class NewApiToken:
    secret: str = strawberry.field(description="Exchange it at /oauth/token for short-lived access tokens.")
    token: ApiToken


@strawberry.input(description="A personal access token: its name, what it may do, and its last day.")
class CreateApiTokenInput:
    name: str
    scopes: list[str] = strawberry.field(description="`read` (queries only) and/or `write` (mutations too).")
    expires_on: date = strawberry.field(description="The last day it works: after today, at most a year ahead.")


@strawberry.input
class RevokeApiTokenInput:
    token_id: strawberry.ID


@strawberry.type(description="A program that acts for one member organisation with a client id and secret.")
class IntegrationClient:
    id: strawberry.ID = strawberry.field(description="The client id, sent with the secret to /oauth/token.")
    name: str
    organisation_id: strawberry.ID
    scopes: list[str]
    registered_at: datetime
    revoked_at: datetime | None


@strawberry.type
class IntegrationClientList:
    clients: list[IntegrationClient]


@strawberry.type(description="A new integration client: its secret is shown this once, Cordee keeps its hash.")
class NewIntegrationClient:
    secret: str
    client: IntegrationClient


@strawberry.input(description="An integration client: its name, the member organisation it acts for, its scopes.")
class RegisterIntegrationClientInput:
    name: str
    organisation_id: strawberry.ID
    scopes: list[str]


@strawberry.input
class RevokeIntegrationClientInput:
    client_id: strawberry.ID
    reason: str = ""


ApiTokensResult = Annotated[ApiTokenList | ForbiddenError, strawberry.union("ApiTokensResult")]
NewApiTokenResult = Annotated[NewApiToken | Refusal, strawberry.union("NewApiTokenResult")]
ApiTokenResult = Annotated[ApiToken | Refusal, strawberry.union("ApiTokenResult")]
IntegrationClientsResult = Annotated[
    IntegrationClientList | ForbiddenError, strawberry.union("IntegrationClientsResult")
]
NewIntegrationClientResult = Annotated[NewIntegrationClient | Refusal, strawberry.union("NewIntegrationClientResult")]
IntegrationClientResult = Annotated[IntegrationClient | Refusal, strawberry.union("IntegrationClientResult")]


@strawberry.type
class ApiTokensQuery:
    @strawberry.field(permission_classes=AUTHENTICATED, description="The viewer's own personal access tokens.")
    def api_tokens(self, info: Info[Context, None]) -> ApiTokensResult:
        principal = info.context.signed_in
        if not may(principal, MANAGE_OWN_API_TOKENS):
            return _forbidden(MANAGE_OWN_API_TOKENS.description)
        rows = info.context.services.queries.tenancy.api_tokens(info.context.scope, principal.account_id)
        return ApiTokenList(tokens=[_token(row) for row in rows])

    @strawberry.field(permission_classes=AUTHENTICATED, description="The consultancy's integration clients (admins).")
    def integration_clients(self, info: Info[Context, None]) -> IntegrationClientsResult:
        if not may(info.context.signed_in, MANAGE_INTEGRATIONS):
            return _forbidden(MANAGE_INTEGRATIONS.description)
        rows = info.context.services.queries.tenancy.integration_clients(info.context.scope)
        return IntegrationClientList(clients=[_client(row) for row in rows])


@strawberry.type
class ApiTokensMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Makes the viewer a personal access token.")
    async def create_api_token(self, info: Info[Context, None], input: CreateApiTokenInput) -> NewApiTokenResult:
        secret, token_id = new_secret(PAT_PREFIX), uuid.uuid4()
        key_hash = secret_hash(secret)
        done = await change(
            info,
            MANAGE_OWN_API_TOKENS,
            IssueApiToken,
            token_id=token_id,
            name=input.name,
            scopes=tuple(input.scopes),
            expires_on=input.expires_on,
            key_hash=key_hash,
        )
        if not isinstance(done, tuple):
            return done
        _logged(info, SecurityEvent.AUTHN_TOKEN_CREATED, f"pat:{fingerprint(key_hash)}", "Personal access token made.")
        return NewApiToken(secret=secret, token=_reread_token(info, token_id))

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Revokes one of the viewer's tokens at once.")
    async def revoke_api_token(self, info: Info[Context, None], input: RevokeApiTokenInput) -> ApiTokenResult:
        done = await change(info, MANAGE_OWN_API_TOKENS, RevokeApiToken, token_id=input.token_id)
        if not isinstance(done, tuple):
            return done
        token_id = done[0].token_id
        _logged(info, SecurityEvent.AUTHN_TOKEN_REVOKED, f"pat:{token_id}", "Personal access token revoked.")
        return _reread_token(info, token_id)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Registers an integration client (admins).")
    async def register_integration_client(
        self, info: Info[Context, None], input: RegisterIntegrationClientInput
    ) -> NewIntegrationClientResult:
        secret, client_id = new_secret(CLIENT_SECRET_PREFIX), uuid.uuid4()
        key_hash = secret_hash(secret)
        done = await change(
            info,
            MANAGE_INTEGRATIONS,
            RegisterIntegrationClient,
            client_id=client_id,
            name=input.name,
            organisation_id=input.organisation_id,
            scopes=tuple(input.scopes),
            secret_hash=key_hash,
        )
        if not isinstance(done, tuple):
            return done
        _logged(info, SecurityEvent.AUTHN_TOKEN_CREATED, f"client:{client_id}", "Integration client registered.")
        return NewIntegrationClient(secret=secret, client=_reread_client(info, client_id))

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Revokes an integration client (admins).")
    async def revoke_integration_client(
        self, info: Info[Context, None], input: RevokeIntegrationClientInput
    ) -> IntegrationClientResult:
        done = await change(
            info, MANAGE_INTEGRATIONS, RevokeIntegrationClient, client_id=input.client_id, reason=input.reason
        )
        if not isinstance(done, tuple):
            return done
        client_id = done[0].client_id
        _logged(info, SecurityEvent.AUTHN_TOKEN_REVOKED, f"client:{client_id}", "Integration client revoked.")
        return _reread_client(info, client_id)


def _logged(info: Info[Context, None], event: SecurityEvent, argument: str, description: str) -> None:
    principal = info.context.signed_in
    security_event(
        event,
        argument,
        description=description,
        request_id=info.context.request_id,
        tenant=principal.tenant_id,
        account=principal.account_id,
    )


def _forbidden(description: str) -> ForbiddenError:
    return ForbiddenError(code=ErrorCode.FORBIDDEN, message=f"You may not {description}.", field=None)


def _reread_token(info: Info[Context, None], token_id: uuid.UUID) -> ApiToken:
    principal = info.context.signed_in
    row = info.context.services.queries.tenancy.api_token(info.context.scope, principal.account_id, token_id)
    if row is None:
        raise LookupError("A token just changed has no read row")
    return _token(row)


def _reread_client(info: Info[Context, None], client_id: uuid.UUID) -> IntegrationClient:
    row = info.context.services.queries.tenancy.integration_client(info.context.scope, client_id)
    if row is None:
        raise LookupError("A client just changed has no read row")
    return _client(row)


def _token(row: ApiTokenRow) -> ApiToken:
    return ApiToken(
        id=strawberry.ID(str(row.token_id)),
        name=row.name,
        scopes=list(row.scopes),
        expires_on=row.expires_on,
        created_at=row.created_at,
        revoked_at=row.revoked_at,
    )


def _client(row: IntegrationClientRow) -> IntegrationClient:
    return IntegrationClient(
        id=strawberry.ID(str(row.client_id)),
        name=row.name,
        organisation_id=strawberry.ID(str(row.organisation_id)),
        scopes=list(row.scopes),
        registered_at=row.registered_at,
        revoked_at=row.revoked_at,
    )
