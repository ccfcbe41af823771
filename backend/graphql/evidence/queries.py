"""The audit evidence's reads: an organisation's auditor's bundles, newest first."""

from __future__ import annotations

from uuid import UUID

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import parse_id
from backend.graphql.core.pagination import PageInfo, check_page_size, cursor_number, decode_cursor, encode_cursor
from backend.graphql.core.permissions import IsAuthenticated
from backend.graphql.evidence.actions import EXPORT_AUDIT_BUNDLE
from backend.graphql.evidence.types import AuditBundle, AuditBundleConnection, AuditBundleEdge, AuditBundlesViewerCan
from backend.policy import may
from domain.shared.errors import DomainError, ValidationFailed

NO_ORGANISATION = "No organisation with this id."


@strawberry.type
class EvidenceQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="The bundles exported for an organisation's auditors, newest first; none out of view.",
    )
    def audit_bundles(
        self, info: Info[Context, None], organisation_id: strawberry.ID, first: int = 20, after: str | None = None
    ) -> AuditBundleConnection:
        try:
            organisation, size, keyset = _organisation(info, organisation_id), check_page_size(first), _after(after)
        except DomainError as error:  # a list answers no union: its refusals name the argument, in the API's case
            raise GraphQLError(error.message, extensions={"code": error.code, "field": error.field}) from None
        rows = info.context.services.queries.evidence.audit_bundles(info.context.scope, organisation, size + 1, keyset)
        edges = [
            AuditBundleEdge(cursor=encode_cursor(str(r.number), organisation), node=AuditBundle.from_row(r))
            for r in rows
        ]
        page = edges[:size]
        paging = PageInfo(has_next_page=len(edges) > size, end_cursor=page[-1].cursor if page else None)
        can = AuditBundlesViewerCan(export=may(info.context.signed_in, EXPORT_AUDIT_BUNDLE, organisation))
        return AuditBundleConnection(edges=page, page_info=paging, viewer_can=can)


def _organisation(info: Info[Context, None], given: str) -> UUID:
    """The organisation named, its registers in view; another is refused as one that does not exist."""
    found = parse_id(given, "organisationId")
    if info.context.services.queries.organisations.with_registers(info.context.scope, found) is None:
        raise ValidationFailed("organisationId", NO_ORGANISATION)
    return found


def _after(cursor: str | None) -> int | None:
    decoded = decode_cursor(cursor)
    if decoded is None:
        return None
    try:
        return cursor_number(decoded[0])
    except ValueError:
        raise ValidationFailed("after", "This is not a cursor given by this API.") from None
