"""The documents feature's reads: an organisation's documents, one document with its versions, a file's bytes."""

from __future__ import annotations

import base64
from datetime import date
from uuid import UUID

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import lookup_refusal, parse_id
from backend.graphql.core.pagination import PageInfo, check_page_size, decode_cursor, encode_cursor
from backend.graphql.core.permissions import IsAuthenticated
from backend.graphql.documents.actions import CREATE_DOCUMENT
from backend.graphql.documents.types import (
    AttachmentContent,
    AttachmentResult,
    Document,
    DocumentConnection,
    DocumentEdge,
    DocumentResult,
)
from backend.policy import may
from domain.documents.rules import DocumentKind, VersionStatus
from domain.shared.errors import DomainError, NotFound, ValidationFailed
from projections.documents.queries import DocumentFilter
from projections.documents.rows import DocumentRow

NO_DOCUMENT = "No document with this id."
NO_FILE = "No file with this hash in this version."
SORTS = ("title", "review")


@strawberry.input(description="Which documents to list; every filter given must hold.")
class DocumentFilterInput:
    kind: str | None = strawberry.field(default=None, description='"policy", "procedure" or "record".')
    status: str | None = strawberry.field(default=None, description="The latest version's status.")
    review_overdue: bool = strawberry.field(default=False, description="Only those past their review date.")


@strawberry.type
class DocumentsQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description='An organisation\'s documents, by "title" or "review" date; none for one out of view.',
    )
    def documents(
        self, info: Info[Context, None], organisation_id: strawberry.ID, first: int = 20, after: str | None = None,
        filter: DocumentFilterInput | None = None, order_by: str = "title",
    ) -> DocumentConnection:  # fmt: skip
        try:
            organisation, size, keyset = (
                _organisation(info, organisation_id),
                check_page_size(first),
                decode_cursor(after),
            )
            only, by_review = _filter(info, filter or DocumentFilterInput()), _sort(order_by)
        except DomainError as error:  # a list answers no union: its refusals name the argument, in the API's case
            raise GraphQLError(error.message, extensions={"code": error.code, "field": error.field}) from None
        queries, today = info.context.services.queries.documents, _today(info)
        rows = queries.documents(info.context.scope, organisation, size + 1, keyset, only, by_review)
        edges = [DocumentEdge(cursor=_cursor(r, by_review), node=Document.from_row(r, today)) for r in rows]
        page = edges[:size]
        end = page[-1].cursor if page else None
        paging = PageInfo(has_next_page=len(edges) > size, end_cursor=end)
        can_create = may(info.context.signed_in, CREATE_DOCUMENT, organisation)
        return DocumentConnection(edges=page, page_info=paging, viewer_can_create=can_create)

    @strawberry.field(permission_classes=[IsAuthenticated], description="A document with its versions and history.")
    def document(self, info: Info[Context, None], id: strawberry.ID) -> DocumentResult:
        try:
            detail = info.context.services.queries.documents.detail(info.context.scope, parse_id(id, "id"))
            if detail is None:
                raise NotFound(NO_DOCUMENT, "id")
        except DomainError as error:
            return lookup_refusal(error)
        return Document.from_row(detail.document, _today(info), detail)

    @strawberry.field(permission_classes=[IsAuthenticated], description="A file of a version, exactly as stored.")
    def document_attachment(
        self, info: Info[Context, None], document_id: strawberry.ID, version: int, content_hash: str
    ) -> AttachmentResult:
        try:
            identifier = parse_id(document_id, "document_id")
            row = info.context.services.queries.documents.attachment(
                info.context.scope, identifier, version, content_hash
            )
            if row is None:
                raise NotFound(NO_FILE, "content_hash")
            content = info.context.services.app.blobs.get(info.context.signed_in.tenant_id, row.content_hash)
        except DomainError as error:
            return lookup_refusal(error)
        encoded = base64.b64encode(content).decode("ascii")
        return AttachmentContent(
            filename=row.filename, media_type=row.media_type, content_hash=row.content_hash, content_base64=encoded
        )


def _organisation(info: Info[Context, None], given: str) -> UUID:
    """The organisation named, its registers in view; another is refused as one that does not exist."""
    found = parse_id(given, "organisationId")
    if info.context.services.queries.organisations.with_registers(info.context.scope, found) is None:
        raise ValidationFailed("organisationId", "No organisation with this id.")  # a list has no node to miss
    return found


def _filter(info: Info[Context, None], given: DocumentFilterInput) -> DocumentFilter:
    if given.kind is not None and given.kind not in DocumentKind.__members__.values():
        raise ValidationFailed("filter.kind", "Choose policy, procedure or record.")
    if given.status is not None and given.status not in VersionStatus.__members__.values():
        raise ValidationFailed(
            "filter.status", "Choose draft, submitted, approved, published, superseded or withdrawn."
        )
    return DocumentFilter(given.kind, given.status, _today(info) if given.review_overdue else None)


def _sort(order_by: str) -> bool:
    if order_by not in SORTS:
        raise ValidationFailed("orderBy", 'Sort by "title" or "review".')
    return order_by == "review"


def _cursor(row: DocumentRow, by_review: bool) -> str:
    key = (row.review_on or date(9999, 12, 31)).isoformat() if by_review else row.title
    return encode_cursor(key, row.document_id)


def _today(info: Info[Context, None]) -> date:
    return info.context.services.app.today()
