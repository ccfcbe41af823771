"""The viewer, the coaches of the consultancy, and its settings."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.auth.principal import Principal
from backend.graphql.commands import run_command
from backend.graphql.context import Context
from backend.graphql.permissions import IsAuthenticated
from backend.graphql.programme.types import Coach
from backend.graphql.tenancy.types import (
    Consultancy,
    ConsultancyChangeResult,
    ProgrammeTemplate,
    ProgrammeTemplateInput,
    Viewer,
)
from backend.policy import Action, authorize
from domain.application import Saved
from domain.programme_template.template import ProgrammeTemplate as DomainTemplate
from domain.tenancy.commands import ChangeProgrammeTemplate, SetLargeClustersAllowed, SetSingleOrganisationBaseline


def _consultancy(info: Info[Context, None]) -> Consultancy:
    queries, scope = info.context.services.queries, info.context.scope
    row, template = queries.tenancy.consultancy(scope), queries.tenancy.template(scope)
    if row is None or template is None:
        raise LookupError("The signed-in principal's consultancy has no read row")
    return Consultancy(
        name=row.name,
        allows_clusters_above_standard_size=row.allows_clusters_above_standard_size,
        single_organisation_baseline_days=row.single_organisation_baseline_days,
        programme_template=ProgrammeTemplate(**template),
    )


@strawberry.type
class TenancyQuery:
    @strawberry.field(permission_classes=[IsAuthenticated])
    def viewer(self, info: Info[Context, None]) -> Viewer:
        p = info.context.signed_in
        return Viewer(
            id=strawberry.ID(str(p.account_id)),
            display_name=p.display_name,
            email=p.email,
            roles=sorted(role.value for role in p.roles),
            consultancy=_consultancy(info),
        )

    @strawberry.field(permission_classes=[IsAuthenticated], description="Coaches who can lead a cluster.")
    def coaches(self, info: Info[Context, None]) -> list[Coach]:
        rows = info.context.services.queries.tenancy.coaches(info.context.scope)
        return [Coach(id=strawberry.ID(str(row.account_id)), display_name=row.display_name) for row in rows]


@strawberry.type
class TenancyMutation:
    @strawberry.mutation(permission_classes=[IsAuthenticated])
    async def set_large_clusters_allowed(self, info: Info[Context, None], allowed: bool) -> ConsultancyChangeResult:
        def build(p: Principal) -> SetLargeClustersAllowed:
            return SetLargeClustersAllowed(p.tenant_id, p.account_id, allowed)

        result = await run_command(
            info, lambda p: authorize(p, Action.CHANGE_SETTINGS), build, lambda app: app.set_large_clusters_allowed
        )
        return _consultancy(info) if isinstance(result, Saved) else result  # type: ignore[return-value]

    @strawberry.mutation(permission_classes=[IsAuthenticated], description="Records a new version of the template.")
    async def change_programme_template(
        self, info: Info[Context, None], input: ProgrammeTemplateInput
    ) -> ConsultancyChangeResult:
        def build(p: Principal) -> ChangeProgrammeTemplate:
            values = {**vars(input), "modules": tuple(input.modules)}
            return ChangeProgrammeTemplate(p.tenant_id, p.account_id, DomainTemplate(**values))

        result = await run_command(
            info, lambda p: authorize(p, Action.CHANGE_SETTINGS), build, lambda app: app.change_programme_template
        )
        return _consultancy(info) if isinstance(result, Saved) else result  # type: ignore[return-value]

    @strawberry.mutation(permission_classes=[IsAuthenticated])
    async def set_single_organisation_baseline(self, info: Info[Context, None], days: float) -> ConsultancyChangeResult:
        def build(p: Principal) -> SetSingleOrganisationBaseline:
            return SetSingleOrganisationBaseline(p.tenant_id, p.account_id, days)

        result = await run_command(
            info,
            lambda p: authorize(p, Action.CHANGE_SETTINGS),
            build,
            lambda app: app.set_single_organisation_baseline,
        )
        return _consultancy(info) if isinstance(result, Saved) else result  # type: ignore[return-value]
