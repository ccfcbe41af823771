"""The organisations feature's commands."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.organisations.actions import REGISTER_ORGANISATION
from backend.graphql.organisations.inputs import RegisterOrganisationInput
from backend.graphql.organisations.payloads import organisation_registered
from backend.graphql.organisations.types import OrganisationChangeResult
from domain.organisations.commands import RegisterOrganisation


@strawberry.type
class OrganisationsMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def register_organisation(
        self, info: Info[Context, None], input: RegisterOrganisationInput
    ) -> OrganisationChangeResult:
        done = await change(
            info,
            REGISTER_ORGANISATION,
            RegisterOrganisation,
            name=input.name,
            sector=input.sector,
            employee_count=input.employee_count,
        )
        return organisation_registered(info, done)
