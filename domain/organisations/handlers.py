"""Organisations' command handlers: register one, its name unique in the consultancy; change its details."""

from __future__ import annotations

from domain.organisations.commands import ChangeOrganisationDetails, RegisterOrganisation
from domain.organisations.organisation import Organisation
from domain.shared.ports import Handler, Store
from domain.shared.service import Saved


def register_organisation(app: Store, cmd: RegisterOrganisation) -> Saved:
    place = (cmd.country, cmd.region)
    organisation = Organisation.register(cmd.tenant_id, cmd.actor_id, cmd.name, cmd.sector, cmd.employee_count, place)
    return app.save_new(organisation, "name", "An organisation with this name is already registered.")


def change_organisation_details(app: Store, cmd: ChangeOrganisationDetails) -> Saved:
    organisation = app.get(Organisation, cmd.tenant_id, cmd.organisation_id, "organisation_id")
    organisation.change_details(cmd.actor_id, cmd.sector, cmd.employee_count, (cmd.country, cmd.region))
    return app.save_changes(organisation)


HANDLERS: dict[type, Handler] = {
    RegisterOrganisation: register_organisation,
    ChangeOrganisationDetails: change_organisation_details,
}
