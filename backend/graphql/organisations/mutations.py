"""The organisations feature's commands."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.organisations.actions import CHANGE_ORGANISATION_DETAILS, REGISTER_ORGANISATION
from backend.graphql.organisations.inputs import ChangeOrganisationDetailsInput, RegisterOrganisationInput
from backend.graphql.organisations.payloads import organisation_changed
from backend.graphql.organisations.types import OrganisationChangeResult
from domain.organisations.commands import ChangeOrganisationDetails, RegisterOrganisation


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
            country=input.country,
            region=input.region,
        )
        return organisation_changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Sector, size and place, for its holidays.")
    async def change_organisation_details(
        self, info: Info[Context, None], input: ChangeOrganisationDetailsInput
    ) -> OrganisationChangeResult:
        done = await change(
            info,
            CHANGE_ORGANISATION_DETAILS,
            ChangeOrganisationDetails,
            organisation_id=input.organisation_id,
            sector=input.sector,
            employee_count=input.employee_count,
            country=input.country,
            region=input.region,
        )
        return organisation_changed(info, done)
