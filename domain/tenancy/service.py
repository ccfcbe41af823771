"""Commands that set up consultancies and their users."""

from __future__ import annotations

from uuid import UUID

from domain.shared.service import CommandService, Saved
from domain.tenancy.account import Account
from domain.tenancy.commands import (
    ChangeProgrammeTemplate,
    CreateConsultancy,
    OpenAccount,
    SetLargeClustersAllowed,
    SetSingleOrganisationBaseline,
)
from domain.tenancy.consultancy import Consultancy


class TenancyCommands(CommandService):
    def create_consultancy(self, cmd: CreateConsultancy) -> Saved:
        consultancy = Consultancy.create(cmd.actor_id, cmd.name, cmd.slug)
        return self.save_new(consultancy, "slug", "A consultancy with this short name already exists.")

    def open_account(self, cmd: OpenAccount) -> Saved:
        self.get(Consultancy, cmd.tenant_id, cmd.tenant_id, "tenant_id")
        if cmd.organisation_id is not None:
            self._check_organisation(cmd.tenant_id, cmd.organisation_id)
        account = Account.open(
            cmd.tenant_id,
            cmd.actor_id,
            cmd.email,
            cmd.display_name,
            cmd.password_hash,
            list(cmd.roles),
            cmd.organisation_id,
        )
        return self.save_new(account, "email", "An account with this e-mail address already exists.")

    def set_large_clusters_allowed(self, cmd: SetLargeClustersAllowed) -> Saved:
        consultancy = self.get(Consultancy, cmd.tenant_id, cmd.tenant_id, "tenant_id")
        consultancy.set_large_clusters_allowed(cmd.actor_id, cmd.allowed)
        return self.save_changes(consultancy)

    def change_programme_template(self, cmd: ChangeProgrammeTemplate) -> Saved:
        consultancy = self.get(Consultancy, cmd.tenant_id, cmd.tenant_id, "tenant_id")
        consultancy.change_template(cmd.actor_id, cmd.template)
        return self.save_changes(consultancy)

    def set_single_organisation_baseline(self, cmd: SetSingleOrganisationBaseline) -> Saved:
        consultancy = self.get(Consultancy, cmd.tenant_id, cmd.tenant_id, "tenant_id")
        consultancy.set_single_organisation_baseline(cmd.actor_id, cmd.days)
        return self.save_changes(consultancy)

    def _check_organisation(self, tenant_id: UUID, organisation_id: UUID) -> None:
        """Implemented where the programme is known: a member account names a registered organisation."""
        raise NotImplementedError
