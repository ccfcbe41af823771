"""A small or very small enterprise registered with a consultancy."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import event

from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.text import NAME_MAX_LENGTH, count_between, natural_key, single_line

EMPLOYEE_COUNT_MAX = 1_000_000
ORGANISATION_NAME_MAX_LENGTH = NAME_MAX_LENGTH
SECTOR_MAX_LENGTH = 100


class Organisation(TenantAggregate):
    @classmethod
    def register(cls, tenant_id: UUID, actor_id: UUID, name: str, sector: str, employee_count: int) -> Organisation:
        count_between("employee_count", employee_count, 1, EMPLOYEE_COUNT_MAX)
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            name=single_line("name", name, ORGANISATION_NAME_MAX_LENGTH),
            sector=single_line("sector", sector, SECTOR_MAX_LENGTH),
            employee_count=employee_count,
        )

    @staticmethod
    def create_id(tenant_id: UUID, actor_id: UUID, name: str, sector: str, employee_count: int) -> UUID:
        return organisation_id(tenant_id, name)

    @event("Registered")
    def __init__(self, tenant_id: UUID, actor_id: UUID, name: str, sector: str, employee_count: int) -> None:
        self.tenant_id = tenant_id
        self.name = name
        self.sector = sector
        self.employee_count = employee_count


def organisation_id(tenant_id: UUID, name: str) -> UUID:
    return tenant_scoped_id(tenant_id, "organisation", natural_key(name))
