"""`professionalLinks`: a consultancy's admin reads its own links, a coach their own, a professional those
addressed to them. Nobody reads another consultancy's link of the same professional: each side reads its own
tenant's rows."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import ErrorCode, ForbiddenError, ValidationError, user_error
from backend.graphql.core.pagination import PageInfo, check_page_size, decode_cursor, encode_cursor
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.labels.actions import ANSWER_LINK, END_LINK, READ_BODY, READ_LINKS
from backend.graphql.labels.types import (
    LabellingBody,
    LabellingBodyResult,
    LabellingBodyStaff,
    ProfessionalLink,
    ProfessionalLinkConnection,
    ProfessionalLinkEdge,
    ProfessionalLinksResult,
    ProfessionalLinkStatus,
)
from backend.policy import labelling_body_scope, link_reader, may
from domain.shared.errors import DomainError
from projections.labels.rows import ProfessionalLinkRow

MAY_NOT_READ = "You may not read professional links."


@strawberry.type
class LabelsQuery:
    @strawberry.field(
        permission_classes=AUTHENTICATED,
        description="Professional links, by page: a consultancy's admin its own consultancy's (by coach name), a "
        "coach their own, a professional the requests and links addressed to them (by consultancy name); with a "
        "status when given.",
    )
    def professional_links(
        self,
        info: Info[Context, None],
        first: int = 50,
        after: str | None = None,
        status: ProfessionalLinkStatus | None = None,
    ) -> ProfessionalLinksResult:
        principal, queries = info.context.signed_in, info.context.services.queries.labels
        reader = link_reader(principal, READ_LINKS)
        if reader is None:
            return ForbiddenError(code=ErrorCode.FORBIDDEN, message=MAY_NOT_READ, field=None)
        try:
            size, keyset = check_page_size(first), decode_cursor(after)
        except DomainError as error:
            refusal = user_error(error)
            assert isinstance(refusal, ValidationError)
            return refusal
        wanted = status.value if status else None
        side, coach = reader
        professional = side == "professional"
        if professional:
            rows = queries.professional_links(principal.email, wanted, keyset, size + 1)
        else:
            rows = queries.consultancy_links(info.context.scope, coach, wanted, keyset, size + 1)
        more, rows = len(rows) > size, rows[:size]
        may_act = may(principal, ANSWER_LINK if professional else END_LINK)
        edges = [
            ProfessionalLinkEdge(
                cursor=_cursor(row, professional), node=ProfessionalLink.build(row, professional, may_act)
            )
            for row in rows
        ]
        end = edges[-1].cursor if edges else None
        return ProfessionalLinkConnection(edges=edges, page_info=PageInfo(has_next_page=more, end_cursor=end))

    @strawberry.field(
        permission_classes=AUTHENTICATED,
        description="The labelling body the viewer works for, and its staff (its staff only).",
    )
    def labelling_body(self, info: Info[Context, None]) -> LabellingBodyResult:
        queries = info.context.services.queries
        scope = labelling_body_scope(info.context.signed_in, READ_BODY)
        name = queries.labels.labelling_body_name(scope) if scope is not None else None
        if scope is None or name is None:
            return ForbiddenError(code=ErrorCode.FORBIDDEN, message="You may not read a labelling body.", field=None)
        staff = [
            LabellingBodyStaff(display_name=row.display_name, email=row.email)
            for row in queries.tenancy.accounts(scope)
            if row.active
        ]
        return LabellingBody(name=name, staff=staff)


def _cursor(row: ProfessionalLinkRow, professional: bool) -> str:
    return encode_cursor(row.consultancy_name if professional else row.coach_name, row.link_id)
