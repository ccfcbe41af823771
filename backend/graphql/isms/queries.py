"""The ISMS home's read: one document answers every register's figures, each read through its own feature."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import lookup_refusal, parse_id
from backend.graphql.core.permissions import IsAuthenticated
from backend.graphql.isms import readiness
from backend.graphql.isms.steps import Registers
from backend.graphql.isms.types import IsmsOverview, IsmsOverviewResult, Readiness, ReadinessResult
from domain.shared.errors import DomainError, NotFound
from projections.queries import ReadQueries, Scope


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

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="What a certification auditor will ask for of an organisation's ISMS, and what is missing; "
        "not found for one whose registers are out of view.",
    )
    def readiness(self, info: Info[Context, None], organisation_id: strawberry.ID) -> ReadinessResult:
        try:
            found = readiness_of(info, parse_id(organisation_id, "organisation_id"))
        except DomainError as error:
            return lookup_refusal(error)
        if found is None:
            return lookup_refusal(NotFound("No organisation with this id.", "organisation_id"))
        return found


def readiness_of(info: Info[Context, None], organisation_id: UUID) -> Readiness | None:
    """The organisation's readiness, or None when its registers are out of the viewer's view (another member of
    the same cluster, a coach of another cluster, another tenant): every read goes through the one filter."""
    queries, scope = info.context.services.queries, info.context.scope
    organisation = queries.organisations.with_registers(scope, organisation_id)
    if organisation is None:
        return None
    evidence = readiness_evidence(queries, scope, organisation_id, info.context.services.app.today())
    found = readiness.readiness(evidence)
    return Readiness.build(strawberry.ID(str(organisation_id)), organisation.name, found)


def readiness_evidence(queries: ReadQueries, scope: Scope, organisation_id: UUID, today: date) -> readiness.Evidence:
    """What the registers in the scope show of the organisation, for its readiness on `today`."""
    return readiness.Evidence(
        today=today,
        context=queries.context.summary(scope, organisation_id),
        documents=queries.documents.summary(scope, organisation_id, today),
        soa=queries.soa.summary(scope, organisation_id),
        risks=queries.risks.summary(scope, organisation_id, today),
        facts=queries.readiness.facts(scope, organisation_id, today),
        risk_reviewed_on=queries.risks.latest_review_on(scope, organisation_id),
        risk_method=queries.risks.method(scope) is not None,
        metrics=queries.metrics.summary(scope, organisation_id, today),
    )


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
