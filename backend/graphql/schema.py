"""The schema, composed from the features' root types."""

from __future__ import annotations

import logging
from collections.abc import Callable

import strawberry
from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
)
from strawberry.extensions.base_extension import SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from backend.graphql.errors import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    ProjectionsBehindError,
    UnavailableError,
    ValidationError,
)
from backend.graphql.extensions import MaskUnexpectedErrors, is_expected
from backend.graphql.idempotency import IdempotentMutations
from backend.graphql.known_documents import DocumentCache, KnownDocuments
from backend.graphql.prepare import PrepareOffTheLoop
from backend.graphql.programme.feedback_mutations import FeedbackMutation
from backend.graphql.programme.member_mutations import MemberMutation
from backend.graphql.programme.mutations import ProgrammeMutation
from backend.graphql.programme.plan_mutations import PlanMutation
from backend.graphql.programme.queries import ProgrammeQuery
from backend.graphql.snapshot import OneReadTransaction
from backend.graphql.tenancy.resolvers import TenancyMutation, TenancyQuery

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 3000
log = logging.getLogger("cordee.graphql")


@strawberry.type
class Query(ProgrammeQuery, TenancyQuery):
    pass


@strawberry.type
class Mutation(ProgrammeMutation, PlanMutation, MemberMutation, FeedbackMutation, TenancyMutation):
    pass


class CordeeSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        """A refused document or input is the client's mistake, not the server's: no error log, no trace.
        Unexpected errors are logged, with their trace and request id, where they are masked."""
        for error in errors:
            if is_expected(error):
                log.info("Refused: %s", error.message)


def build_schema(production: bool = False) -> strawberry.Schema:
    # Factories, not instances: each request gets extensions of its own (the document cache is the schema's).
    known = DocumentCache()
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: KnownDocuments(known),
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: PrepareOffTheLoop(hide_suggestions=production),
        IdempotentMutations,
        OneReadTransaction,
        MaskUnexpectedErrors,
    ]
    if production:
        extensions.append(lambda: AddValidationRules([NoSchemaIntrospectionCustomRule]))
    return CordeeSchema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        types=[ValidationError, NotFoundError, ConflictError, ForbiddenError, ProjectionsBehindError, UnavailableError],
        config=StrawberryConfig(auto_camel_case=True, disable_field_suggestions=production),
    )


def schema_sdl() -> str:
    return build_schema().as_str() + "\n"
