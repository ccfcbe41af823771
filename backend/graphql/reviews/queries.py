"""The management reviews' reads: an organisation's reviews, one review with its inputs, decisions and actions."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import lookup_refusal, parse_id
from backend.graphql.core.pagination import PageInfo, check_page_size, decode_cursor, encode_cursor
from backend.graphql.core.permissions import IsAuthenticated
from backend.graphql.reviews.actions import PLAN_REVIEW
from backend.graphql.reviews.types import (
    ManagementReview,
    ManagementReviewConnection,
    ManagementReviewEdge,
    ManagementReviewResult,
)
from backend.policy import may
from domain.reviews.rules import ReviewStatus
from domain.shared.errors import DomainError, NotFound, ValidationFailed

NO_REVIEW = "No management review with this id."
SORTS = ("newest", "oldest")


@strawberry.type
class ReviewsQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description='An organisation\'s management reviews by date, "newest" or "oldest" first; none out of view.',
    )
    def management_reviews(
        self, info: Info[Context, None], organisation_id: strawberry.ID, first: int = 20, after: str | None = None,
        status: str | None = None, order_by: str = "newest",
    ) -> ManagementReviewConnection:  # fmt: skip
        try:
            organisation, size, keyset = (
                _organisation(info, organisation_id),
                check_page_size(first),
                decode_cursor(after),
            )
            if status is not None and status not in ReviewStatus.__members__.values():
                raise ValidationFailed("status", "Choose planned, held or closed.")
            if order_by not in SORTS:
                raise ValidationFailed("orderBy", 'Sort by "newest" or "oldest".')
        except DomainError as error:  # a list answers no union: its refusals name the argument, in the API's case
            raise GraphQLError(error.message, extensions={"code": error.code, "field": error.field}) from None
        queries, today = info.context.services.queries.reviews, _today(info)
        rows = queries.reviews(info.context.scope, organisation, size + 1, keyset, status, order_by == "newest")
        edges = [
            ManagementReviewEdge(cursor=encode_cursor(r.held_on.isoformat(), r.review_id),
                                 node=ManagementReview.from_row(r, today))
            for r in rows
        ]  # fmt: skip
        page = edges[:size]
        paging = PageInfo(has_next_page=len(edges) > size, end_cursor=page[-1].cursor if page else None)
        can_plan = may(info.context.signed_in, PLAN_REVIEW, organisation)
        return ManagementReviewConnection(edges=page, page_info=paging, viewer_can_plan=can_plan)

    @strawberry.field(permission_classes=[IsAuthenticated], description="A review with its kept inputs and decisions.")
    def management_review(self, info: Info[Context, None], id: strawberry.ID) -> ManagementReviewResult:
        try:
            detail = info.context.services.queries.reviews.detail(info.context.scope, parse_id(id, "id"))
            if detail is None:
                raise NotFound(NO_REVIEW, "id")
        except DomainError as error:
            return lookup_refusal(error)
        return ManagementReview.from_row(detail.review, _today(info), detail)


def _organisation(info: Info[Context, None], given: str) -> UUID:
    """The organisation named, its registers in view; another is refused as one that does not exist."""
    found = parse_id(given, "organisationId")
    if info.context.services.queries.organisations.with_registers(info.context.scope, found) is None:
        raise ValidationFailed("organisationId", "No organisation with this id.")
    return found


def _today(info: Info[Context, None]) -> date:
    return info.context.services.app.today()
