"""The ISMS home's read: one document answers every register's figures, each read through its own feature."""

from __future__ import annotations

from datetime import date
from functools import partial
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import lookup_refusal, parse_id
from backend.graphql.core.loaders import loaders
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


def readiness_of(info: Info[Context, None], organisation_id: UUID, together: tuple[UUID, ...] = ()) -> Readiness | None:
    """The organisation's readiness, or None when its registers are out of the viewer's view (another member of
    the same cluster, a coach of another cluster, another tenant): every read goes through the one filter.
    `together`: the organisations listed with it (a cluster's members), whose evidence is read at once, once per
    request, the first time one of them is asked."""
    queries, scope = info.context.services.queries, info.context.scope
    if organisation_id in together:
        in_view = partial(queries.organisations.with_registers_of, scope, list(together))
        organisation = loaders(info).once("with_registers", together, in_view).get(organisation_id)
    else:
        organisation = queries.organisations.with_registers(scope, organisation_id)
    if organisation is None:
        return None
    today = info.context.services.app.today()
    if organisation_id in together:
        read_all = partial(readiness_evidence_many, queries, scope, together, today)
        evidence = loaders(info).once("readiness", together, read_all)[organisation_id]
    else:
        evidence = readiness_evidence(queries, scope, organisation_id, today)
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


def readiness_evidence_many(
    queries: ReadQueries, scope: Scope, organisation_ids: tuple[UUID, ...], today: date
) -> dict[UUID, readiness.Evidence]:
    """`readiness_evidence` of several organisations: each register's summary read for all of them in one
    statement, through the same filter (the members of a cluster, on its dashboard and in the comparison)."""
    ids = list(organisation_ids)
    context, documents = queries.context.summaries(scope, ids), queries.documents.summaries(scope, ids, today)
    soa, risks = queries.soa.summaries(scope, ids), queries.risks.summaries(scope, ids, today)
    facts, reviewed = queries.readiness.facts_of(scope, ids, today), queries.risks.latest_reviews_on(scope, ids)
    metrics, method = queries.metrics.summaries(scope, ids, today), queries.risks.method(scope) is not None
    return {
        organisation: readiness.Evidence(
            today=today,
            context=context[organisation],
            documents=documents[organisation],
            soa=soa[organisation],
            risks=risks[organisation],
            facts=facts[organisation],
            risk_reviewed_on=reviewed[organisation],
            risk_method=method,
            metrics=metrics[organisation],
        )
        for organisation in ids
    }


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
