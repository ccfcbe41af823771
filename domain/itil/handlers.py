"""The ITIL declarations' command handlers: load (or open) the organisation's declarations, call one method, save.
A linked document is checked, through a port, to be one of the organisation's own."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from domain.itil.commands import ConfirmGapProposals, DeclareItilPractice, WithdrawItilPractice
from domain.itil.declarations import ItilDeclarations, itil_declarations_id
from domain.shared.errors import ValidationFailed
from domain.shared.ports import GapAnalyses, Handler, OrganisationDocuments, Organisations, Store
from domain.shared.service import Saved


class ItilPorts(Store, Organisations, OrganisationDocuments, Protocol):
    """Declarations need the organisation to exist and a linked document to be its own."""


class GapPorts(ItilPorts, GapAnalyses, Protocol):
    """Confirming proposals records the member's gap analysis, through the application."""


def declare_itil_practice(app: ItilPorts, cmd: DeclareItilPractice) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    if cmd.document_id is not None:
        app.check_document_of(cmd.tenant_id, cmd.organisation_id, cmd.document_id, "document_id")
    identifier = itil_declarations_id(cmd.tenant_id, cmd.organisation_id)
    if app.exists(ItilDeclarations, cmd.tenant_id, identifier):
        declarations = app.get(ItilDeclarations, cmd.tenant_id, identifier)
    else:
        declarations = ItilDeclarations.open(cmd.tenant_id, cmd.actor_id, cmd.organisation_id)
    declarations.declare(cmd.actor_id, cmd.item, cmd.evidence, cmd.document_id)
    return app.save_changes(declarations)


def withdraw_itil_practice(app: ItilPorts, cmd: WithdrawItilPractice) -> Saved:
    declarations = _existing(app, cmd.tenant_id, cmd.organisation_id)
    declarations.withdraw(cmd.actor_id, cmd.item, cmd.reason)
    return app.save_changes(declarations)


def confirm_gap_proposals(app: GapPorts, cmd: ConfirmGapProposals) -> Saved:
    """The gap analysis and the record of the proposals it took, saved together or not at all."""
    baseline = app.gap_baseline(cmd.tenant_id, cmd.cluster_id, cmd.organisation_id)
    dates = (cmd.visited_on, cmd.analysed_on)
    analysis = app.assessed_gap(
        cmd.tenant_id, cmd.actor_id, cmd.cluster_id, cmd.organisation_id, dates, cmd.clause_levels, cmd.theme_levels
    )
    declarations = _existing(app, cmd.tenant_id, cmd.organisation_id, "organisation_id")
    confirmed = {f"clause {c}": v for c, v in cmd.clause_levels.items()}
    confirmed |= {f"theme {t}": v for t, v in cmd.theme_levels.items()}
    declarations.confirm_gap_proposals(cmd.actor_id, cmd.cluster_id, baseline, confirmed)
    return app.save_changes(declarations, analysis)


def _existing(app: ItilPorts, tenant_id: UUID, organisation_id: UUID, field: str = "item") -> ItilDeclarations:
    identifier = itil_declarations_id(tenant_id, organisation_id)
    if not app.exists(ItilDeclarations, tenant_id, identifier):
        app.check_organisation(tenant_id, organisation_id)
        raise ValidationFailed(field, "Nothing is declared." if field != "item" else "This item is not declared.")
    return app.get(ItilDeclarations, tenant_id, identifier)


HANDLERS: dict[type, Handler] = {
    DeclareItilPractice: declare_itil_practice,
    WithdrawItilPractice: withdraw_itil_practice,
    ConfirmGapProposals: confirm_gap_proposals,
}
