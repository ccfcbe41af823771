"""The context's command handlers: load, call one aggregate method, save. Accounts and clusters are asked through
ports."""

from __future__ import annotations

import uuid
from typing import Protocol, TypeVar
from uuid import UUID

from domain.context.commands import (
    AnswerPartyQuestion,
    ChangeContextIssue,
    ChangeIsmsRole,
    DefineIsmsRole,
    IdentifyInterestedParty,
    ListPartyRequirement,
    RaiseContextIssue,
    RecordManagementCommitment,
    RetireContextIssue,
    RetireInterestedParty,
    RetireIsmsRole,
    StateIsmsScope,
    WithdrawPartyRequirement,
)
from domain.context.commitment import ManagementCommitment, commitment_id
from domain.context.isms_scope import IsmsScope, ScopeStatement, scope_id
from domain.context.issue import ContextIssue, IssueFacts
from domain.context.party import InterestedParty
from domain.context.role import IsmsRole, RoleFacts
from domain.shared.errors import NotFound
from domain.shared.ports import Handler, Organisations, Store
from domain.shared.service import Saved

Item = TypeVar("Item", ContextIssue, InterestedParty, IsmsRole)
ALREADY = "An item with this id already exists."
_NAMES = {ContextIssue: "issue", InterestedParty: "interested party", IsmsRole: "role"}


class OrganisationPeople(Protocol):
    """Is this account an active member account of the organisation (NotFound on `field` otherwise)."""

    def check_member_account(self, tenant_id: UUID, organisation_id: UUID, account_id: UUID, field: str) -> None: ...


class AdmittedMembers(Protocol):
    """Was the organisation admitted to this cluster (NotFound or ValidationFailed on `cluster_id` otherwise)."""

    def check_admitted(self, tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> None: ...


class ContextPorts(Store, Organisations, OrganisationPeople, AdmittedMembers, Protocol):
    pass


def _item(app: Store, kind: type[Item], tenant_id: UUID, organisation_id: UUID, item_id: UUID) -> Item:
    """The organisation's item; another organisation's, or another kind's, is not found, like a missing one."""
    missing = NotFound(f"No {_NAMES[kind]} of the organisation with this id.", "item_id")
    try:
        item = app.get(kind, tenant_id, item_id, "item_id")
    except NotFound:
        raise missing from None
    if item.organisation_id != organisation_id:
        raise missing
    return item


def _new(item_id: UUID | None) -> UUID:
    return item_id or uuid.uuid4()


def raise_issue(app: ContextPorts, cmd: RaiseContextIssue) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    facts = IssueFacts(cmd.text, cmd.side, cmd.category, cmd.effect)
    issue = ContextIssue.raise_issue(cmd.tenant_id, cmd.actor_id, _new(cmd.item_id), cmd.organisation_id, facts)
    return app.save_new(issue, "item_id", ALREADY)


def change_issue(app: Store, cmd: ChangeContextIssue) -> Saved:
    issue = _item(app, ContextIssue, cmd.tenant_id, cmd.organisation_id, cmd.item_id)
    issue.change(cmd.actor_id, IssueFacts(cmd.text, cmd.side, cmd.category, cmd.effect), cmd.reason)
    return app.save_changes(issue)


def retire_issue(app: Store, cmd: RetireContextIssue) -> Saved:
    issue = _item(app, ContextIssue, cmd.tenant_id, cmd.organisation_id, cmd.item_id)
    issue.retire(cmd.actor_id, cmd.reason)
    return app.save_changes(issue)


def identify_party(app: ContextPorts, cmd: IdentifyInterestedParty) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    party = InterestedParty.identify(
        cmd.tenant_id, cmd.actor_id, _new(cmd.item_id), cmd.organisation_id, cmd.name, cmd.kind
    )
    return app.save_new(party, "item_id", ALREADY)


def answer_question(app: Store, cmd: AnswerPartyQuestion) -> Saved:
    party = _item(app, InterestedParty, cmd.tenant_id, cmd.organisation_id, cmd.item_id)
    party.answer(cmd.actor_id, cmd.question_key, cmd.answer, cmd.reason)
    return app.save_changes(party)


def list_requirement(app: Store, cmd: ListPartyRequirement) -> Saved:
    party = _item(app, InterestedParty, cmd.tenant_id, cmd.organisation_id, cmd.item_id)
    party.list_requirement(cmd.actor_id, cmd.text)
    return app.save_changes(party)


def withdraw_requirement(app: Store, cmd: WithdrawPartyRequirement) -> Saved:
    party = _item(app, InterestedParty, cmd.tenant_id, cmd.organisation_id, cmd.item_id)
    party.withdraw_requirement(cmd.actor_id, cmd.requirement_number, cmd.reason)
    return app.save_changes(party)


def retire_party(app: Store, cmd: RetireInterestedParty) -> Saved:
    party = _item(app, InterestedParty, cmd.tenant_id, cmd.organisation_id, cmd.item_id)
    party.retire(cmd.actor_id, cmd.reason)
    return app.save_changes(party)


def state_scope(app: ContextPorts, cmd: StateIsmsScope) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    statement = ScopeStatement(cmd.statement, cmd.boundaries, cmd.interfaces, tuple(cmd.exclusions))
    found = scope_id(cmd.tenant_id, cmd.organisation_id)
    if not app.exists(IsmsScope, cmd.tenant_id, found):
        return app.save_changes(IsmsScope.state(cmd.tenant_id, cmd.actor_id, cmd.organisation_id, statement))
    scope = app.get(IsmsScope, cmd.tenant_id, found)
    scope.restate(cmd.actor_id, statement, cmd.reason or "")
    return app.save_changes(scope)


def define_role(app: ContextPorts, cmd: DefineIsmsRole) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    facts = RoleFacts(cmd.kind, cmd.title, cmd.responsibilities, cmd.person_name, cmd.account_id)
    role = IsmsRole.define(cmd.tenant_id, cmd.actor_id, _new(cmd.item_id), cmd.organisation_id, facts)
    _check_holder(app, cmd.tenant_id, cmd.organisation_id, cmd.account_id)
    return app.save_new(role, "item_id", ALREADY)


def change_role(app: ContextPorts, cmd: ChangeIsmsRole) -> Saved:
    role = _item(app, IsmsRole, cmd.tenant_id, cmd.organisation_id, cmd.item_id)
    role.change(
        cmd.actor_id, RoleFacts(cmd.kind, cmd.title, cmd.responsibilities, cmd.person_name, cmd.account_id), cmd.reason
    )
    _check_holder(app, cmd.tenant_id, cmd.organisation_id, cmd.account_id)
    return app.save_changes(role)


def _check_holder(app: ContextPorts, tenant_id: UUID, organisation_id: UUID, account_id: UUID | None) -> None:
    if account_id is not None:
        app.check_member_account(tenant_id, organisation_id, account_id, "account_id")


def retire_role(app: Store, cmd: RetireIsmsRole) -> Saved:
    role = _item(app, IsmsRole, cmd.tenant_id, cmd.organisation_id, cmd.item_id)
    role.retire(cmd.actor_id, cmd.reason)
    return app.save_changes(role)


def record_commitment(app: ContextPorts, cmd: RecordManagementCommitment) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    if cmd.cluster_id is not None:
        app.check_admitted(cmd.tenant_id, cmd.cluster_id, cmd.organisation_id)
    found = commitment_id(cmd.tenant_id, cmd.organisation_id)
    if not app.exists(ManagementCommitment, cmd.tenant_id, found):
        first = ManagementCommitment.record(
            cmd.tenant_id, cmd.actor_id, cmd.organisation_id, cmd.evidence, cmd.committed_on, cmd.cluster_id
        )
        return app.save_changes(first)
    commitment = app.get(ManagementCommitment, cmd.tenant_id, found)
    commitment.renew(cmd.actor_id, cmd.evidence, cmd.committed_on, cmd.cluster_id, cmd.reason or "")
    return app.save_changes(commitment)


HANDLERS: dict[type, Handler] = {
    RaiseContextIssue: raise_issue,
    ChangeContextIssue: change_issue,
    RetireContextIssue: retire_issue,
    IdentifyInterestedParty: identify_party,
    AnswerPartyQuestion: answer_question,
    ListPartyRequirement: list_requirement,
    WithdrawPartyRequirement: withdraw_requirement,
    RetireInterestedParty: retire_party,
    StateIsmsScope: state_scope,
    DefineIsmsRole: define_role,
    ChangeIsmsRole: change_role,
    RetireIsmsRole: retire_role,
    RecordManagementCommitment: record_commitment,
}
