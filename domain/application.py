"""The application: every command of the product, composed from the features' command services."""

from __future__ import annotations

from uuid import UUID

from domain.programme.organisation import Organisation
from domain.programme.service import ProgrammeCommands
from domain.shared.errors import ValidationFailed
from domain.shared.service import Saved
from domain.templates.programme import ProgrammeTemplate
from domain.tenancy.account import Account, Role
from domain.tenancy.consultancy import Consultancy
from domain.tenancy.service import TenancyCommands

__all__ = ["Cordee", "Saved"]


class Cordee(TenancyCommands, ProgrammeCommands):
    """The event store is chosen by the environment given at construction."""

    def _check_coach(self, tenant_id: UUID, coach_id: UUID, field: str) -> None:
        coach = self.get(Account, tenant_id, coach_id, field)
        if not coach.has_role(Role.COACH):
            raise ValidationFailed(field, "This account is not a coach.")

    def _cluster_size_limit(self, tenant_id: UUID) -> int | None:
        return self.get(Consultancy, tenant_id, tenant_id, "tenant_id").cluster_size_limit

    def _current_template(self, tenant_id: UUID) -> ProgrammeTemplate:
        return self.get(Consultancy, tenant_id, tenant_id, "tenant_id").template

    def _check_organisation(self, tenant_id: UUID, organisation_id: UUID) -> None:
        self.get(Organisation, tenant_id, organisation_id, "organisation_id")
