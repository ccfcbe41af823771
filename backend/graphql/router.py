"""The GraphQL endpoint and the in-process executor the pages use, both as the request's principal."""

from __future__ import annotations

from typing import Any

import strawberry
from fastapi import Request
from strawberry.fastapi import GraphQLRouter

from backend.auth.current import principal_from_request
from backend.graphql.context import Context
from backend.services import Services
from frontend.ports import GraphQLResult


class GraphQLEndpoint:
    def __init__(self, services: Services, schema: strawberry.Schema, production: bool) -> None:
        self.services = services
        self.schema = schema
        self.production = production

    def context_for(self, request: Request) -> Context:
        return Context(self.services, principal_from_request(self.services, request), request.state.request_id)

    def router(self) -> GraphQLRouter[Context, None]:
        async def graphql_context(request: Request) -> Context:
            return self.context_for(request)

        return GraphQLRouter(
            self.schema,
            context_getter=graphql_context,
            graphql_ide=None if self.production else "graphiql",
            allow_queries_via_get=False,
        )

    async def execute(self, request: Request, document: str, variables: dict[str, Any] | None) -> GraphQLResult:
        """Runs a page's document in-process, as the signed-in user."""
        result = await self.schema.execute(document, variable_values=variables, context_value=self.context_for(request))
        return GraphQLResult(result.data, [dict(error.formatted) for error in result.errors or []])
