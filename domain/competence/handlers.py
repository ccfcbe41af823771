"""The competence register's command handlers: check what the command names through the ports, call one aggregate
method, save. A training's account and evidence document are checked to be the organisation's own."""

from __future__ import annotations

import uuid
from typing import Protocol
from uuid import UUID

from domain.competence.campaign import AwarenessCampaign
from domain.competence.commands import (
    RecordTraining,
    RunAwarenessCampaign,
    WithdrawAwarenessCampaign,
    WithdrawTraining,
)
from domain.competence.training import Training
from domain.shared.errors import NotFound
from domain.shared.ports import Handler, OrganisationAccounts, OrganisationDocuments, Organisations, Store
from domain.shared.service import Saved


class CompetencePorts(Store, Organisations, OrganisationAccounts, OrganisationDocuments, Protocol):
    """A training names one of the organisation's member accounts and may name one of its documents."""


def record_training(app: CompetencePorts, cmd: RecordTraining) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    if cmd.account_id is not None:
        app.check_member_account(cmd.tenant_id, cmd.organisation_id, cmd.account_id, "account_id")
    if cmd.document_id is not None:
        app.check_document_of(cmd.tenant_id, cmd.organisation_id, cmd.document_id, "document_id")
    training = Training.record(
        cmd.tenant_id, cmd.actor_id, uuid.uuid4(), cmd.organisation_id, course=cmd.course,
        completed_on=cmd.completed_on, provider=cmd.provider, account_id=cmd.account_id,
        person_name=cmd.person_name, evidence=cmd.evidence, document_id=cmd.document_id,
    )  # fmt: skip
    return app.save_changes(training)


def withdraw_training(app: Store, cmd: WithdrawTraining) -> Saved:
    training = app.get(Training, cmd.tenant_id, cmd.training_id, "training_id")
    _own(training.organisation_id, cmd.organisation_id, "training_id", "No training record with this id.")
    training.withdraw(cmd.actor_id, cmd.reason)
    return app.save_changes(training)


def run_awareness_campaign(app: CompetencePorts, cmd: RunAwarenessCampaign) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    campaign = AwarenessCampaign.run(
        cmd.tenant_id, cmd.actor_id, uuid.uuid4(), cmd.organisation_id, title=cmd.title, held_on=cmd.held_on,
        audience=cmd.audience, material=cmd.material, participants=tuple(cmd.participants),
    )  # fmt: skip
    return app.save_changes(campaign)


def withdraw_awareness_campaign(app: Store, cmd: WithdrawAwarenessCampaign) -> Saved:
    campaign = app.get(AwarenessCampaign, cmd.tenant_id, cmd.campaign_id, "campaign_id")
    _own(campaign.organisation_id, cmd.organisation_id, "campaign_id", "No awareness campaign with this id.")
    campaign.withdraw(cmd.actor_id, cmd.reason)
    return app.save_changes(campaign)


def _own(found: UUID, organisation_id: UUID, field: str, message: str) -> None:
    """Another organisation's record is answered as a missing one."""
    if found != organisation_id:
        raise NotFound(message, field)


HANDLERS: dict[type, Handler] = {
    RecordTraining: record_training,
    WithdrawTraining: withdraw_training,
    RunAwarenessCampaign: run_awareness_campaign,
    WithdrawAwarenessCampaign: withdraw_awareness_campaign,
}
