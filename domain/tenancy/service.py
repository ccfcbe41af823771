"""Tenancy's commands as methods, kept only while the API still calls them by name; `handle(cmd)` is the entry."""

from __future__ import annotations

from domain.shared.service import CommandService, Saved
from domain.tenancy import handlers
from domain.tenancy.commands import ChangeProgrammeTemplate, SetLargeClustersAllowed, SetSingleOrganisationBaseline


class TenancyCommands(CommandService):
    def set_large_clusters_allowed(self, cmd: SetLargeClustersAllowed) -> Saved:
        return handlers.set_large_clusters_allowed(self, cmd)

    def change_programme_template(self, cmd: ChangeProgrammeTemplate) -> Saved:
        return handlers.change_programme_template(self, cmd)

    def set_single_organisation_baseline(self, cmd: SetSingleOrganisationBaseline) -> Saved:
        return handlers.set_single_organisation_baseline(self, cmd)
