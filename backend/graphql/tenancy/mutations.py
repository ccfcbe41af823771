"""Tenancy's commands: the consultancy's settings."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.errors import NotFoundError, Refusal, user_error
from backend.graphql.core.permissions import IsAuthenticated
from backend.graphql.tenancy.actions import CHANGE_SETTINGS
from backend.graphql.tenancy.queries import consultancy
from backend.graphql.tenancy.types import (
    ConsultancyChangeResult,
    ProgrammeTemplateInput,
)
from domain.application import Saved
from domain.programme_template.template import ProgrammeTemplate as DomainTemplate
from domain.shared.errors import ValidationFailed
from domain.tenancy.commands import ChangeProgrammeTemplate, SetLargeClustersAllowed, SetSingleOrganisationBaseline


@strawberry.type
class TenancyMutation:
    @strawberry.mutation(permission_classes=[IsAuthenticated])
    async def set_large_clusters_allowed(self, info: Info[Context, None], allowed: bool) -> ConsultancyChangeResult:
        done = await change(info, CHANGE_SETTINGS, SetLargeClustersAllowed, allowed=allowed)
        return _settings(info, done)

    @strawberry.mutation(permission_classes=[IsAuthenticated], description="Records a new version of the template.")
    async def change_programme_template(
        self, info: Info[Context, None], input: ProgrammeTemplateInput
    ) -> ConsultancyChangeResult:
        try:
            template = DomainTemplate(**{**vars(input), "modules": tuple(input.modules)})
        except ValidationFailed as error:
            return _settings(info, user_error(error))
        done = await change(info, CHANGE_SETTINGS, ChangeProgrammeTemplate, template=template)
        return _settings(info, done)

    @strawberry.mutation(permission_classes=[IsAuthenticated])
    async def set_single_organisation_baseline(self, info: Info[Context, None], days: float) -> ConsultancyChangeResult:
        done = await change(info, CHANGE_SETTINGS, SetSingleOrganisationBaseline, days=days)
        return _settings(info, done)


def _settings(info: Info[Context, None], done: tuple[object, Saved] | Refusal) -> ConsultancyChangeResult:
    """The consultancy with its settings changed; a change of settings names no id, so nothing is not found."""
    if isinstance(done, NotFoundError):
        raise LookupError(done.message)
    return done if not isinstance(done, tuple) else consultancy(info)
