"""The context feature's reads."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from backend.graphql.context.organisation_context import OrganisationContext
from backend.graphql.context.types import ContextChoices, StakeholderKind
from backend.graphql.core.context import Context
from backend.graphql.core.errors import NotFoundError, ValidationError, lookup_refusal, parse_id
from backend.graphql.core.permissions import IsAuthenticated
from domain.context.rules import ISSUE_CATEGORIES, ISSUE_SIDES, ROLE_KINDS
from domain.context.templates import stakeholder_kinds
from domain.shared.errors import DomainError, NotFound

OrganisationContextResult = Annotated[
    OrganisationContext | NotFoundError | ValidationError, strawberry.union("OrganisationContextResult")
]


def organisation_context(info: Info[Context, None], organisation_id: str, field: str) -> OrganisationContext:
    """The context of an organisation in view; another is not found, like a missing one."""
    row = info.context.services.queries.organisations.with_registers(
        info.context.scope, parse_id(organisation_id, field)
    )
    if row is None:
        raise NotFound("No organisation with this id.", field)
    return OrganisationContext(organisation_id=strawberry.ID(str(row.organisation_id)), organisation_name=row.name)


@strawberry.type
class ContextQuery:
    @strawberry.field(permission_classes=[IsAuthenticated], description="An organisation's context and scope.")
    def organisation_context(
        self, info: Info[Context, None], organisation_id: strawberry.ID
    ) -> OrganisationContextResult:
        try:
            return organisation_context(info, organisation_id, "organisation_id")
        except DomainError as error:
            return lookup_refusal(error)

    @strawberry.field(description="The kinds of interested party and their question templates (paper 000).")
    def stakeholder_kinds(self) -> list[StakeholderKind]:
        return [StakeholderKind.from_kind(kind) for kind in stakeholder_kinds()]

    @strawberry.field(description="The fixed choices of the context's forms.")
    def context_choices(self) -> ContextChoices:
        return ContextChoices(
            issue_sides=list(ISSUE_SIDES), issue_categories=list(ISSUE_CATEGORIES), role_kinds=list(ROLE_KINDS)
        )
