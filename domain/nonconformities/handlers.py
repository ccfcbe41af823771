"""The nonconformity register's command handlers: load, call one aggregate method, save."""

from __future__ import annotations

import uuid
from typing import Protocol
from uuid import UUID

from domain.nonconformities.commands import (
    AnalyseNonconformity,
    CloseNonconformity,
    CompleteCorrectiveAction,
    PlanCorrectiveAction,
    RaiseNonconformity,
    VerifyActionEffectiveness,
)
from domain.nonconformities.nonconformity import Found, Nonconformity
from domain.shared.calendar import business_date, past_date
from domain.shared.errors import NotFound
from domain.shared.ports import Handler, OrganisationPeople, Organisations, Store
from domain.shared.service import Saved


class NonconformityPorts(Store, Organisations, OrganisationPeople, Protocol):
    """Actions are owned by the organisation's people."""


def raise_nonconformity(app: NonconformityPorts, cmd: RaiseNonconformity) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    found = Found.checked(cmd.title, cmd.description, cmd.severity, cmd.source_kind, cmd.source_reference)
    raised = Nonconformity.raise_(cmd.tenant_id, cmd.actor_id, uuid.uuid4(), cmd.organisation_id, found)
    return app.save_changes(raised)


def analyse_nonconformity(app: Store, cmd: AnalyseNonconformity) -> Saved:
    nonconformity = load_nonconformity(app, cmd.tenant_id, cmd.organisation_id, cmd.nonconformity_id)
    nonconformity.analyse(cmd.actor_id, cmd.root_cause, cmd.correction or "")
    return app.save_changes(nonconformity)


def plan_corrective_action(app: NonconformityPorts, cmd: PlanCorrectiveAction) -> Saved:
    business_date("due_on", cmd.due_on)  # refused as any date is, before the nonconformity is looked for
    nonconformity = load_nonconformity(app, cmd.tenant_id, cmd.organisation_id, cmd.nonconformity_id)
    app.check_person_of(cmd.tenant_id, cmd.organisation_id, cmd.owner_id, "owner_id")
    nonconformity.plan_action(cmd.actor_id, uuid.uuid4(), cmd.description, cmd.owner_id, cmd.due_on)
    return app.save_changes(nonconformity)


def complete_corrective_action(app: Store, cmd: CompleteCorrectiveAction) -> Saved:
    past_date("completed_on", cmd.completed_on)  # refused as any date is, before the nonconformity is looked for
    nonconformity = load_nonconformity(app, cmd.tenant_id, cmd.organisation_id, cmd.nonconformity_id)
    nonconformity.complete_action(cmd.actor_id, cmd.action_id, cmd.completed_on, cmd.note)
    return app.save_changes(nonconformity)


def verify_action_effectiveness(app: Store, cmd: VerifyActionEffectiveness) -> Saved:
    nonconformity = load_nonconformity(app, cmd.tenant_id, cmd.organisation_id, cmd.nonconformity_id)
    nonconformity.verify_effectiveness(cmd.actor_id, cmd.action_id, cmd.effective, cmd.evidence)
    return app.save_changes(nonconformity)


def close_nonconformity(app: Store, cmd: CloseNonconformity) -> Saved:
    nonconformity = load_nonconformity(app, cmd.tenant_id, cmd.organisation_id, cmd.nonconformity_id)
    nonconformity.close(cmd.actor_id, cmd.note)
    return app.save_changes(nonconformity)


def load_nonconformity(app: Store, tenant_id: UUID, organisation_id: UUID, nonconformity_id: UUID) -> Nonconformity:
    found = app.get(Nonconformity, tenant_id, nonconformity_id, "nonconformity_id")
    if found.organisation_id != organisation_id:
        raise NotFound("No nonconformity with this id.", "nonconformity_id")
    return found


HANDLERS: dict[type, Handler] = {
    RaiseNonconformity: raise_nonconformity,
    AnalyseNonconformity: analyse_nonconformity,
    PlanCorrectiveAction: plan_corrective_action,
    CompleteCorrectiveAction: complete_corrective_action,
    VerifyActionEffectiveness: verify_action_effectiveness,
    CloseNonconformity: close_nonconformity,
}
