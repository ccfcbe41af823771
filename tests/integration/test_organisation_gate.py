"""A command that names an organisation but no cluster (an organisation's own register) is checked against the
principal's view of organisations, by the same policy as the cluster's commands."""

from __future__ import annotations

import uuid
from uuid import UUID

import pytest
from sqlalchemy import select

from backend.auth.principal import Principal
from backend.graphql.nonconformities.actions import RAISE_NONCONFORMITY
from backend.graphql.tenancy.actions import CHANGE_SETTINGS
from backend.policy import Named, authorize_without_cluster
from backend.services import Services
from domain.shared.errors import Forbidden, NotFound
from domain.tenancy.account import Role

RECORD = RAISE_NONCONFORMITY
"""A register entry the admins, the coaches and the organisation's own people record."""


def organisations_by_tenant(services: Services) -> dict[UUID, list[UUID]]:
    table = services.store.tables.organisations
    with services.store.reading() as conn:
        rows = conn.execute(select(table.c.tenant_id, table.c.organisation_id)).all()
    found: dict[UUID, list[UUID]] = {}
    for tenant_id, organisation_id in rows:
        found.setdefault(tenant_id, []).append(organisation_id)
    return found


def someone(tenant_id: UUID, role: Role, organisation_id: UUID | None = None) -> Principal:
    return Principal(
        uuid.uuid4(), tenant_id, "Someone", "someone@example.org", frozenset({role}), "csrf", organisation_id
    )


def check(services: Services, principal: Principal, organisation_id: UUID) -> None:
    authorize_without_cluster(principal, RECORD, services.queries, Named(member=organisation_id))


def test_an_organisation_in_view_is_accepted_and_one_out_of_view_is_not_found(demo_services: Services) -> None:
    (tenant, organisations), (other_tenant, foreign) = sorted(organisations_by_tenant(demo_services).items())[:2]
    own, neighbour = organisations[0], organisations[1]
    check(demo_services, someone(tenant, Role.CONSULTANCY_ADMIN), own)
    check(demo_services, someone(tenant, Role.MEMBER, own), own)
    with pytest.raises(Forbidden, match="your own organisation"):
        check(demo_services, someone(tenant, Role.MEMBER, own), neighbour)
    with pytest.raises(NotFound) as another_tenant:
        check(demo_services, someone(other_tenant, Role.CONSULTANCY_ADMIN), own)
    with pytest.raises(NotFound) as unknown:
        check(demo_services, someone(tenant, Role.CONSULTANCY_ADMIN), uuid.uuid4())
    assert (another_tenant.value.field, str(another_tenant.value)) == (unknown.value.field, str(unknown.value))
    with pytest.raises(NotFound):
        check(demo_services, someone(tenant, Role.COACH), own)  # a coach leading no cluster of it
    assert foreign


def test_a_role_without_the_action_is_forbidden_before_any_id_is_read(demo_services: Services) -> None:
    tenant, organisations = sorted(organisations_by_tenant(demo_services).items())[0]
    admins_only = CHANGE_SETTINGS
    with pytest.raises(Forbidden, match="change the consultancy's settings"):
        authorize_without_cluster(
            someone(tenant, Role.MEMBER, organisations[0]), admins_only, demo_services.queries, Named(organisations[0])
        )
