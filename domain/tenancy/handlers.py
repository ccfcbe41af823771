"""Tenancy's command handlers: load, call one aggregate method, save."""

from __future__ import annotations

from typing import Protocol

from domain.shared.ports import Handler, Organisations, Store
from domain.shared.service import Saved
from domain.tenancy.account import Account
from domain.tenancy.commands import (
    ChangePassword,
    ChangeProgrammeTemplate,
    CreateConsultancy,
    IssueCalendarKey,
    OpenAccount,
    RevokeCalendarKey,
    SetLargeClustersAllowed,
    SetSingleOrganisationBaseline,
)
from domain.tenancy.consultancy import Consultancy


class TenancyPorts(Store, Organisations, Protocol):
    """A member account names a registered organisation: the one thing tenancy asks of the programme."""


def create_consultancy(app: Store, cmd: CreateConsultancy) -> Saved:
    consultancy = Consultancy.create(cmd.actor_id, cmd.name, cmd.slug)
    return app.save_new(consultancy, "slug", "A consultancy with this short name already exists.")


def open_account(app: TenancyPorts, cmd: OpenAccount) -> Saved:
    app.get(Consultancy, cmd.tenant_id, cmd.tenant_id, "tenant_id")
    if cmd.organisation_id is not None:
        app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    account = Account.open(
        cmd.tenant_id,
        cmd.actor_id,
        cmd.email,
        cmd.display_name,
        cmd.password_hash,
        list(cmd.roles),
        cmd.organisation_id,
    )
    return app.save_new(account, "email", "An account with this e-mail address already exists.")


def change_password(app: Store, cmd: ChangePassword) -> Saved:
    account = app.get(Account, cmd.tenant_id, cmd.actor_id, "actor_id")
    account.change_password(cmd.actor_id, cmd.password_hash)
    return app.save_changes(account)


def issue_calendar_key(app: Store, cmd: IssueCalendarKey) -> Saved:
    account = app.get(Account, cmd.tenant_id, cmd.actor_id, "actor_id")
    account.issue_calendar_key(cmd.actor_id, cmd.key_hash)
    return app.save_changes(account)


def revoke_calendar_key(app: Store, cmd: RevokeCalendarKey) -> Saved:
    account = app.get(Account, cmd.tenant_id, cmd.actor_id, "actor_id")
    account.revoke_calendar_key(cmd.actor_id)
    return app.save_changes(account)


def set_large_clusters_allowed(app: Store, cmd: SetLargeClustersAllowed) -> Saved:
    consultancy = app.get(Consultancy, cmd.tenant_id, cmd.tenant_id, "tenant_id")
    consultancy.set_large_clusters_allowed(cmd.actor_id, cmd.allowed)
    return app.save_changes(consultancy)


def change_programme_template(app: Store, cmd: ChangeProgrammeTemplate) -> Saved:
    consultancy = app.get(Consultancy, cmd.tenant_id, cmd.tenant_id, "tenant_id")
    consultancy.change_template(cmd.actor_id, cmd.template)
    return app.save_changes(consultancy)


def set_single_organisation_baseline(app: Store, cmd: SetSingleOrganisationBaseline) -> Saved:
    consultancy = app.get(Consultancy, cmd.tenant_id, cmd.tenant_id, "tenant_id")
    consultancy.set_single_organisation_baseline(cmd.actor_id, cmd.days)
    return app.save_changes(consultancy)


HANDLERS: dict[type, Handler] = {
    CreateConsultancy: create_consultancy,
    OpenAccount: open_account,
    ChangePassword: change_password,
    IssueCalendarKey: issue_calendar_key,
    RevokeCalendarKey: revoke_calendar_key,
    SetLargeClustersAllowed: set_large_clusters_allowed,
    ChangeProgrammeTemplate: change_programme_template,
    SetSingleOrganisationBaseline: set_single_organisation_baseline,
}
