"""Masks unexpected errors: the client gets a request id to quote, the log gets the trace."""

from __future__ import annotations

import logging

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from domain.shared.errors import Forbidden

log = logging.getLogger("cordee.graphql")

_CLIENT_CODES = {"UNAUTHENTICATED", "VALIDATION", "GRAPHQL_VALIDATION"}


def is_expected(error: GraphQLError) -> bool:
    if error.original_error is None:
        return True  # parse and validation errors describe the client's document, nothing internal
    if isinstance(error.original_error, Forbidden):
        return True  # the principal may see nothing (an account with no role yet): said as it is
    return (error.extensions or {}).get("code") in _CLIENT_CODES


class MaskUnexpectedErrors(MaskErrors):
    def __init__(self) -> None:
        super().__init__(should_mask_error=lambda error: not is_expected(error))

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        request_id = getattr(self.execution_context.context, "request_id", "unknown")
        log.error("Unexpected error in %s (request %s)", error.path, request_id, exc_info=error.original_error)
        masked = super().anonymise_error(error)
        masked.message = f"Unexpected error. Quote this reference to support: {request_id}."
        masked.extensions = {"code": "INTERNAL", "requestId": request_id}
        return masked
