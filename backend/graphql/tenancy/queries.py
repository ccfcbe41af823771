"""Tenancy's reads: the viewer, the coaches of the consultancy, and its settings."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.permissions import IsAuthenticated
from backend.graphql.tenancy.actions import CHANGE_SETTINGS
from backend.graphql.tenancy.types import (
    Coach,
    Consultancy,
    ProgrammeTemplate,
    SingleSignOn,
    Viewer,
)
from backend.graphql.tenancy.viewer_can import viewer_can
from backend.policy import may
from domain.tenancy.account import REALM_ROLES


def consultancy(info: Info[Context, None]) -> Consultancy:
    queries, scope = info.context.services.queries, info.context.scope
    row, template = queries.tenancy.consultancy(scope), queries.tenancy.template(scope)
    if row is None or template is None:
        raise LookupError("The signed-in principal's consultancy has no read row")
    return Consultancy(
        name=row.name,
        allows_clusters_above_standard_size=row.allows_clusters_above_standard_size,
        single_organisation_baseline_days=row.single_organisation_baseline_days,
        programme_template=ProgrammeTemplate(**template),
        requires_second_factor=row.requires_second_factor,
        single_sign_on=_single_sign_on(info),
    )


def _single_sign_on(info: Info[Context, None]) -> SingleSignOn | None:
    principal = info.context.signed_in
    if not may(principal, CHANGE_SETTINGS):
        return None
    found = info.context.services.queries.tenancy.single_sign_on(info.context.scope)
    if found is None:
        return None
    return SingleSignOn(
        issuer=found.issuer,
        client_identifier=found.client_identifier,
        allowed_domains=list(found.allowed_domains),
        enabled=found.enabled,
        secret_fingerprint=found.secret_fingerprint,
    )


@strawberry.type
class TenancyQuery:
    @strawberry.field(permission_classes=[IsAuthenticated])
    def viewer(self, info: Info[Context, None]) -> Viewer:
        return viewer(info)

    @strawberry.field(permission_classes=[IsAuthenticated], description="Coaches who can lead a cluster.")
    def coaches(self, info: Info[Context, None]) -> list[Coach]:
        rows = info.context.services.queries.tenancy.coaches(info.context.scope)
        return [Coach(id=strawberry.ID(str(row.account_id)), display_name=row.display_name) for row in rows]


def viewer(info: Info[Context, None]) -> Viewer:
    p = info.context.signed_in
    outside = bool(p.roles & REALM_ROLES)  # a labelling body's staff or a professional: no consultancy
    return Viewer(
        id=strawberry.ID(str(p.account_id)),
        display_name=p.display_name,
        email=p.email,
        roles=sorted(role.value for role in p.roles),
        consultancy=None if outside else consultancy(info),
        can=viewer_can(info),
        today=info.context.services.app.today(),
        calendar_link_active=not outside
        and info.context.services.queries.tenancy.has_calendar_key(info.context.scope, p.account_id),
    )
