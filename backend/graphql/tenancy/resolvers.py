"""The viewer, the coaches of the consultancy, and its settings."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.errors import NotFoundError, Refusal, user_error
from backend.graphql.core.permissions import IsAuthenticated
from backend.graphql.programme.types import Coach
from backend.graphql.programme.viewer_can import viewer_can
from backend.graphql.tenancy.types import (
    Consultancy,
    ConsultancyChangeResult,
    ProgrammeTemplate,
    ProgrammeTemplateInput,
    Viewer,
)
from backend.policy import Action
from domain.application import Saved
from domain.programme_template.template import ProgrammeTemplate as DomainTemplate
from domain.shared.errors import ValidationFailed
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
            can=viewer_can(info),
        )

    @strawberry.field(permission_classes=[IsAuthenticated], description="Coaches who can lead a cluster.")
    def coaches(self, info: Info[Context, None]) -> list[Coach]:
        rows = info.context.services.queries.tenancy.coaches(info.context.scope)
        return [Coach(id=strawberry.ID(str(row.account_id)), display_name=row.display_name) for row in rows]


@strawberry.type
class TenancyMutation:
    @strawberry.mutation(permission_classes=[IsAuthenticated])
    async def set_large_clusters_allowed(self, info: Info[Context, None], allowed: bool) -> ConsultancyChangeResult:
        done = await change(info, Action.CHANGE_SETTINGS, SetLargeClustersAllowed, allowed=allowed)
        return _settings(info, done)

    @strawberry.mutation(permission_classes=[IsAuthenticated], description="Records a new version of the template.")
    async def change_programme_template(
        self, info: Info[Context, None], input: ProgrammeTemplateInput
    ) -> ConsultancyChangeResult:
        try:
            template = DomainTemplate(**{**vars(input), "modules": tuple(input.modules)})
        except ValidationFailed as error:
            return _settings(info, user_error(error))
        done = await change(info, Action.CHANGE_SETTINGS, ChangeProgrammeTemplate, template=template)
        return _settings(info, done)

    @strawberry.mutation(permission_classes=[IsAuthenticated])
    async def set_single_organisation_baseline(self, info: Info[Context, None], days: float) -> ConsultancyChangeResult:
        done = await change(info, Action.CHANGE_SETTINGS, SetSingleOrganisationBaseline, days=days)
        return _settings(info, done)


def _settings(info: Info[Context, None], done: tuple[object, Saved] | Refusal) -> ConsultancyChangeResult:
    """The consultancy with its settings changed; a change of settings names no id, so nothing is not found."""
    if isinstance(done, NotFoundError):
        raise LookupError(done.message)
    return done if not isinstance(done, tuple) else _consultancy(info)
