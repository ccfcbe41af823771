"""The Statement of Applicability's command handlers: load the organisation's statement, call one method, save."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from domain.catalogues.catalogue import Catalogue
from domain.catalogues.library import shipped
from domain.shared.errors import NotFound, ValidationFailed
from domain.shared.ports import Handler, Organisations, Store
from domain.shared.service import Saved
from domain.soa import commands as c
from domain.soa.decision import checked_decision
from domain.soa.ports import CataloguesInView, OrganisationDocuments
from domain.soa.statement import StatementOfApplicability, statement_id


class StatementPorts(Store, Organisations, OrganisationDocuments, CataloguesInView, Protocol):
    """A statement belongs to an organisation of the tenant, on a catalogue the consultancy sees; its evidence is the
    organisation's documents."""


def start_statement(app: StatementPorts, cmd: c.StartStatement) -> Saved:
    catalogue, version = app.catalogue_in_view(cmd.tenant_id, cmd.catalogue, "catalogue")
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    statement = StatementOfApplicability.start(cmd.tenant_id, cmd.actor_id, cmd.organisation_id, catalogue, version)
    return app.save_new(statement, "organisation_id", "This organisation has already started its statement.")


def decide_control(app: StatementPorts, cmd: c.DecideControl) -> Saved:
    decision = checked_decision(cmd.applicable, cmd.reasons, cmd.justification, cmd.implementation, cmd.evidence)
    statement = _statement(app, cmd.tenant_id, cmd.organisation_id)
    app.check_documents(cmd.tenant_id, cmd.organisation_id, decision.evidence, "evidence")
    statement.decide(cmd.actor_id, cmd.control, decision)
    return app.save_changes(statement)


def submit_statement(app: Store, cmd: c.SubmitStatement) -> Saved:
    statement = _statement(app, cmd.tenant_id, cmd.organisation_id)
    statement.submit(cmd.actor_id, cmd.version)
    return app.save_changes(statement)


def approve_statement(app: Store, cmd: c.ApproveStatement) -> Saved:
    statement = _statement(app, cmd.tenant_id, cmd.organisation_id)
    statement.approve(cmd.actor_id, cmd.version)
    return app.save_changes(statement)


def reject_statement(app: Store, cmd: c.RejectStatement) -> Saved:
    statement = _statement(app, cmd.tenant_id, cmd.organisation_id)
    statement.reject(cmd.actor_id, cmd.version, cmd.reason)
    return app.save_changes(statement)


def move_statement(app: Store, cmd: c.MoveStatementToEdition) -> Saved:
    target = _catalogue("catalogue", cmd.catalogue)
    statement = _statement(app, cmd.tenant_id, cmd.organisation_id)
    statement.move_to(cmd.actor_id, target, shipped().correspondence(statement.catalogue_id, target.id))
    return app.save_changes(statement)


def _catalogue(field: str, catalogue_id: str) -> Catalogue:
    catalogue = shipped().catalogue(catalogue_id)
    if catalogue is None:
        raise ValidationFailed(field, "A statement moves to a shipped edition only: iso27001-2022 or iso27001-2005.")
    return catalogue


def _statement(app: Store, tenant_id: UUID, organisation_id: UUID) -> StatementOfApplicability:
    found = statement_id(tenant_id, organisation_id)
    if not app.exists(StatementOfApplicability, tenant_id, found):
        raise NotFound("This organisation has not started its Statement of Applicability.", "organisation_id")
    return app.get(StatementOfApplicability, tenant_id, found, "organisation_id")


HANDLERS: dict[type, Handler] = {
    c.StartStatement: start_statement,
    c.DecideControl: decide_control,
    c.SubmitStatement: submit_statement,
    c.ApproveStatement: approve_statement,
    c.RejectStatement: reject_statement,
    c.MoveStatementToEdition: move_statement,
}
