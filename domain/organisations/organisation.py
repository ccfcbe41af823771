"""A small or very small enterprise registered with a consultancy."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import event

from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.errors import ValidationFailed, every_check
from domain.shared.public_holidays import Place, check_place
from domain.shared.text import NAME_MAX_LENGTH, count_between, natural_key, single_line

EMPLOYEE_COUNT_MAX = 1_000_000

ORGANISATION_NAME_MAX_LENGTH = NAME_MAX_LENGTH
SECTOR_MAX_LENGTH = 100


class Organisation(TenantAggregate):
    @classmethod
    def register(
        cls, tenant_id: UUID, actor_id: UUID, name: str, sector: str, employee_count: int, place: Place = (None, None)
    ) -> Organisation:
        name, sector, _, (country, region) = every_check(
            lambda: single_line("name", name, ORGANISATION_NAME_MAX_LENGTH),
            lambda: single_line("sector", sector, SECTOR_MAX_LENGTH),
            lambda: count_between("employee_count", employee_count, 1, EMPLOYEE_COUNT_MAX),
            lambda: check_place(*place),
        )
        organisation = cls(
            tenant_id=tenant_id, actor_id=actor_id, name=name, sector=sector, employee_count=employee_count
        )
        if country is not None:
            organisation._located(actor_id, country, region)
        return organisation

    @staticmethod
    def create_id(tenant_id: UUID, actor_id: UUID, name: str, sector: str, employee_count: int) -> UUID:
        return organisation_id(tenant_id, name)

    @event("Registered")
    def __init__(self, tenant_id: UUID, actor_id: UUID, name: str, sector: str, employee_count: int) -> None:
        self.tenant_id = tenant_id
        self.name = name
        self.sector = sector
        self.employee_count = employee_count
        self.country: str | None = None
        self.region: str | None = None

    def change_details(self, actor_id: UUID, sector: str, employee_count: int, place: Place) -> None:
        """New sector, size or place, each recorded only when it changed; nothing changed is refused."""
        sector, _, (country, region) = every_check(
            lambda: single_line("sector", sector, SECTOR_MAX_LENGTH),
            lambda: count_between("employee_count", employee_count, 1, EMPLOYEE_COUNT_MAX),
            lambda: check_place(*place),
        )
        described = (sector, employee_count) != (self.sector, self.employee_count)
        located = (country, region) != (self.country, self.region)
        if not (described or located):
            raise ValidationFailed("sector", "Nothing to change: these are the details already recorded.")
        if described:
            self._described(actor_id, sector, employee_count)
        if located:
            self._located(actor_id, country, region)

    @event("Described")
    def _described(self, actor_id: UUID, sector: str, employee_count: int) -> None:
        self.sector = sector
        self.employee_count = employee_count

    @event("Located")
    def _located(self, actor_id: UUID, country: str | None, region: str | None) -> None:
        """Where the organisation works, for its public holidays; None when no longer known."""
        self.country = country
        self.region = region


def organisation_id(tenant_id: UUID, name: str) -> UUID:
    return tenant_scoped_id(tenant_id, "organisation", natural_key(name))
