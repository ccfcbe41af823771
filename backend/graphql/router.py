"""The GraphQL endpoint and the in-process executor the pages use, both as the request's principal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry
from fastapi import Request
from fastapi.responses import JSONResponse
from graphql import GraphQLError, OperationType, get_operation_ast, parse
from starlette.responses import Response
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLRequestData
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET

from backend.auth.current import SESSION_COOKIE, principal_from_request
from backend.auth.principal import Principal
from backend.graphql.core.coercion import validation_error
from backend.graphql.core.context import Context
from backend.graphql.core.idempotency import BAD_KEY, HEADER, IdempotencyStore, is_valid_key
from backend.graphql.core.limits import DOCUMENT_TOO_LARGE, MAX_BODY_BYTES, MAX_DOCUMENT_BYTES
from backend.policy import TOKEN_MAY_NOT_WRITE, token_allows
from backend.services import Services
from frontend.ports import AS_OF_STATE, GraphQLResult

SIGN_IN_FIRST = "Sign in first."
FORBIDDEN = {"code": "FORBIDDEN"}
INVALID_TOKEN = "The access token is invalid, expired or revoked."  # noqa: S105 (a message)
Bearer = Callable[[str, str], Principal | None]
"""The principal of an `Authorization` header's access token (the header, the request id), or None."""
BODY_TOO_LARGE = f"The request body is larger than {MAX_BODY_BYTES:,} bytes."


class GraphQLEndpoint:
    def __init__(
        self, services: Services, schema: strawberry.Schema, production: bool, bearer: Bearer | None = None
    ) -> None:
        self.services = services
        self.bearer = bearer
        self.schema = schema
        self.production = production
        self.idempotency = IdempotencyStore(services.store.engine)
        self.idempotency.create_table()

    def context_for(self, request: Request) -> Context:
        principal = principal_from_request(self.services, request)
        token = request.cookies.get(SESSION_COOKIE)
        return Context(self.services, principal, request.state.request_id, session_token=token)

    def api_context_for(self, request: Request) -> Context:
        """An API client's request with an access token is that token's principal alone: its session cookie, if it
        sent one, is not read (a bearer request carries no CSRF defence a cookie would need)."""
        authorization = request.headers.get("authorization")
        if authorization is None or self.bearer is None:
            return self.context_for(request)
        principal = self.bearer(authorization, request.state.request_id)
        context = Context(self.services, principal, request.state.request_id)
        context.bearer = True
        return context

    def router(self) -> GraphQLRouter[Context, None]:
        async def graphql_context(request: Request) -> Context:
            context = self.api_context_for(request)
            context.idempotency_key = request.headers.get(HEADER)
            context.idempotency_store = self.idempotency
            return context

        return GuardedGraphQLRouter(
            self.schema,
            context_getter=graphql_context,
            graphql_ide=None if self.production else "graphiql",
            allow_queries_via_get=False,
            subscription_protocols=(),  # no subscriptions: nothing may reach the schema over a websocket
        )

    async def execute(self, request: Request, document: str, variables: dict[str, Any] | None) -> GraphQLResult:
        """Runs a page's document in-process, as the signed-in user, as of the moment the page reads (if any)."""
        context = self.context_for(request)
        context.as_of = getattr(request.state, AS_OF_STATE, None)
        result = await self.schema.execute(document, variable_values=variables, context_value=context)
        return GraphQLResult(result.data, [dict(error.formatted) for error in result.errors or []])


class GuardedGraphQLRouter(GraphQLRouter[Context, None]):
    """Refuses before any parsing: the signed-out (nothing needs anonymous GraphQL: signing in is a form post),
    bodies and documents too large to handle cheaply, and malformed idempotency keys."""

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        if isinstance(request, Request) and not self.should_render_graphql_ide(self.request_adapter_class(request)):
            refusal = await _refusal(request, context)
            if refusal is not None:
                return refusal
        return await super().run(request, context, root_value)

    async def execute_single(
        self,
        request: Request,
        request_adapter: Any,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        if request_data.query and len(request_data.query.encode()) > MAX_DOCUMENT_BYTES:
            return ExecutionResult(data=None, errors=[validation_error("query", DOCUMENT_TOO_LARGE)])
        principal = context.principal
        if principal is not None and not token_allows(principal, _is_mutation(request_data)):
            return ExecutionResult(data=None, errors=[GraphQLError(TOKEN_MAY_NOT_WRITE, extensions=FORBIDDEN)])
        return await super().execute_single(request, request_adapter, sub_response, context, root_value, request_data)


def _is_mutation(request_data: GraphQLRequestData) -> bool:
    """Whether the operation run is a mutation; a document that does not parse is refused later, by the schema."""
    try:
        operation = get_operation_ast(parse(request_data.query or ""), request_data.operation_name)
    except GraphQLError:
        return False
    return operation is not None and operation.operation == OperationType.MUTATION


async def _refusal(request: Request, context: Context) -> Response | None:
    if context.principal is None and context.bearer:
        response = _error(401, INVALID_TOKEN, {"code": "UNAUTHENTICATED"})
        response.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return response
    if context.principal is None:
        return _error(401, SIGN_IN_FIRST, {"code": "UNAUTHENTICATED"})
    declared = request.headers.get("content-length", "")
    if (declared.isdigit() and int(declared) > MAX_BODY_BYTES) or len(await request.body()) > MAX_BODY_BYTES:
        return _error(413, BODY_TOO_LARGE, {"code": "VALIDATION", "field": "body"})
    key = context.idempotency_key
    if key is not None and not is_valid_key(key):
        return _error(400, BAD_KEY, {"code": "VALIDATION", "field": HEADER})
    return None


def _error(status: int, message: str, extensions: dict[str, str]) -> JSONResponse:
    return JSONResponse({"data": None, "errors": [{"message": message, "extensions": extensions}]}, status_code=status)
