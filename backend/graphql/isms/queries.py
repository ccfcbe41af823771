"""The ISMS home's read: one document answers every register's figures, each read through its own feature."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import lookup_refusal, parse_id
from backend.graphql.core.permissions import IsAuthenticated
from backend.graphql.isms.steps import Registers
from backend.graphql.isms.types import IsmsOverview, IsmsOverviewResult
from domain.shared.errors import DomainError, NotFound


@strawberry.type
class IsmsQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="An organisation's ISMS at a glance; not found for one out of view.",
    )
    def isms_overview(self, info: Info[Context, None], organisation_id: strawberry.ID) -> IsmsOverviewResult:
        try:
            return _overview(info, organisation_id)
        except DomainError as error:
            return lookup_refusal(error)


def _overview(info: Info[Context, None], organisation_id: str) -> IsmsOverview:
    queries, scope = info.context.services.queries, info.context.scope
    found = parse_id(organisation_id, "organisation_id")
    organisation = queries.organisations.with_registers(scope, found)
    if organisation is None:
        raise NotFound("No organisation with this id.", "organisation_id")
    today = info.context.services.app.today()
    registers = Registers(
        context=queries.context.summary(scope, found),
        documents=queries.documents.summary(scope, found, today),
        assets=queries.assets.summary(scope, found),
        soa=queries.soa.summary(scope, found),
        risks=queries.risks.summary(scope, found, today),
        itil_declared=len(queries.itil.declarations(scope, found)),
    )
    return IsmsOverview.build(strawberry.ID(str(found)), organisation.name, registers)
