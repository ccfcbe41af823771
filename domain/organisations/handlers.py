"""Organisations' command handler: register one, its name unique in the consultancy."""

from __future__ import annotations

from domain.organisations.commands import RegisterOrganisation
from domain.organisations.organisation import Organisation
from domain.shared.ports import Handler, Store
from domain.shared.service import Saved


def register_organisation(app: Store, cmd: RegisterOrganisation) -> Saved:
    organisation = Organisation.register(cmd.tenant_id, cmd.actor_id, cmd.name, cmd.sector, cmd.employee_count)
    return app.save_new(organisation, "name", "An organisation with this name is already registered.")


HANDLERS: dict[type, Handler] = {RegisterOrganisation: register_organisation}
