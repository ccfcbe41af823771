"""Tenancy's command handlers: load, call one aggregate method, save."""

from __future__ import annotations

from datetime import date
from typing import Protocol
from uuid import UUID, uuid4

from domain.labels.body import PROFESSIONALS, LabellingBody
from domain.shared.calendar import stated_today
from domain.shared.errors import Conflict, ValidationFailed
from domain.shared.ports import Handler, Organisations, Store
from domain.shared.service import Saved
from domain.tenancy.account import NO_PASSWORD_YET, REALM_ROLES, Account, GrantRequest, Role
from domain.tenancy.commands import (
    AcceptInvitation,
    ChangePassword,
    ChangeProgrammeTemplate,
    ConfigureSingleSignOn,
    CreateConsultancy,
    DeactivateAccount,
    GrantRole,
    InviteAccount,
    IssueApiToken,
    IssueCalendarKey,
    IssueInvitation,
    LinkSingleSignOn,
    OpenAccount,
    OpenSingleSignOnAccount,
    ReactivateAccount,
    RecordSecondFactor,
    RegisterIntegrationClient,
    ResetPassword,
    RevokeApiToken,
    RevokeCalendarKey,
    RevokeGrant,
    RevokeIntegrationClient,
    SetComparisonThreshold,
    SetLargeClustersAllowed,
    SetSecondFactorRequired,
    SetSingleOrganisationBaseline,
)
from domain.tenancy.consultancy import Consultancy
from domain.tenancy.integration_client import IntegrationClient
from domain.tenancy.single_sign_on import SingleSignOnSettings


class TenancyPorts(Store, Organisations, Protocol):
    """A member account names a registered organisation: the one thing tenancy asks of the programme."""


class AdminRoster(Protocol):
    """The accounts of the consultancy's admins that are active now: one of them must stay."""

    def active_admins(self, tenant_id: UUID) -> frozenset[UUID]: ...


class SubjectLinks(Protocol):
    """The account already linked to a provider's subject, in any consultancy (None: nobody's)."""

    def account_linked_to(self, issuer: str, subject: str) -> UUID | None: ...


class LinkPorts(Store, SubjectLinks, Protocol):
    """What linking an account to a provider's subject asks of the application."""


class AccountPorts(TenancyPorts, AdminRoster, Protocol):
    """What administering accounts asks of the application."""


def create_consultancy(app: Store, cmd: CreateConsultancy) -> Saved:
    consultancy = Consultancy.create(cmd.actor_id, cmd.name, cmd.slug)
    return app.save_new(consultancy, "slug", "A consultancy with this short name already exists.")


def _check_tenant(app: Store, tenant_id: UUID, roles: tuple[Role, ...] | list[Role]) -> None:
    """A consultancy's accounts hold its roles; a labelling body's, the labelling body's role; the professionals'
    realm's, the professional's role. Any other tenant is answered as a missing one."""
    if tenant_id == PROFESSIONALS:
        allowed, kind = Role.PROFESSIONAL, "the professionals' realm"
    elif app.exists(LabellingBody, tenant_id, tenant_id):
        allowed, kind = Role.LABELLING_BODY, "a labelling body"
    else:
        app.get(Consultancy, tenant_id, tenant_id, "tenant_id")
        if any(role in REALM_ROLES for role in roles):
            raise ValidationFailed("roles", "A consultancy's account holds no labelling body's or professional's role.")
        return
    if set(roles) != {allowed}:
        raise ValidationFailed("roles", f"An account of {kind} holds the role {allowed.value} only.")


def open_account(app: TenancyPorts, cmd: OpenAccount) -> Saved:
    _check_tenant(app, cmd.tenant_id, cmd.roles)
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


def invite_account(app: TenancyPorts, cmd: InviteAccount) -> Saved:
    """Opens the account with no password, and its first invitation link, in one save."""
    _check_tenant(app, cmd.tenant_id, [cmd.role])
    if cmd.organisation_id is not None:
        app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    if cmd.role is Role.AUDITOR and cmd.organisation_id is not None:
        grant = GrantRequest(
            cmd.grant_id or uuid4(), cmd.role, _today(), cmd.organisation_id, cmd.valid_from, cmd.valid_until
        )
        account = Account.open_invited_auditor(
            cmd.tenant_id, cmd.actor_id, cmd.email, cmd.display_name, cmd.organisation_id, grant
        )
    else:
        account = Account.open(
            cmd.tenant_id, cmd.actor_id, cmd.email, cmd.display_name, NO_PASSWORD_YET, [cmd.role], cmd.organisation_id
        )
    account.invite(cmd.actor_id, cmd.key_hash, _today())
    return app.save_new(account, "email", "An account with this e-mail address already exists.")


def issue_invitation(app: Store, cmd: IssueInvitation) -> Saved:
    account = app.get(Account, cmd.tenant_id, cmd.account_id, "account_id")
    account.invite(cmd.actor_id, cmd.key_hash, _today())
    return app.save_changes(account)


def accept_invitation(app: Store, cmd: AcceptInvitation) -> Saved:
    account = app.get(Account, cmd.tenant_id, cmd.account_id, "key_hash")
    account.accept_invitation(cmd.key_hash, cmd.password_hash, _today())
    return app.save_changes(account)


def deactivate_account(app: AccountPorts, cmd: DeactivateAccount) -> Saved:
    """An admin's deactivation is also recorded by the consultancy, so two admins deactivating each other at the same
    moment conflict on its stream instead of both leaving it with no admin: the second is told to try again."""
    account = app.get(Account, cmd.tenant_id, cmd.account_id, "account_id")
    if not account.has_role(Role.CONSULTANCY_ADMIN):
        account.deactivate(cmd.actor_id, cmd.reason, frozenset())
        return app.save_changes(account)
    consultancy = app.get(Consultancy, cmd.tenant_id, cmd.tenant_id, "tenant_id")
    account.deactivate(cmd.actor_id, cmd.reason, app.active_admins(cmd.tenant_id) - consultancy.deactivated_admins)
    consultancy.record_admin_deactivated(cmd.actor_id, account.id)
    return app.save_changes(account, consultancy)


def grant_role(app: TenancyPorts, cmd: GrantRole) -> Saved:
    account = app.get(Account, cmd.tenant_id, cmd.account_id, "account_id")
    if cmd.role in REALM_ROLES:
        raise ValidationFailed("role", "A labelling body's or a professional's role is held by its own accounts only.")
    if cmd.organisation_id is not None:
        app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    request = GrantRequest(cmd.grant_id, cmd.role, _today(), cmd.organisation_id, cmd.valid_from, cmd.valid_until)
    account.grant(cmd.actor_id, request)
    if cmd.role is not Role.CONSULTANCY_ADMIN:
        return app.save_changes(account)
    consultancy = app.get(Consultancy, cmd.tenant_id, cmd.tenant_id, "tenant_id")
    consultancy.record_admin_reactivated(cmd.actor_id, account.id)
    return app.save_changes(account, consultancy)


def revoke_grant(app: AccountPorts, cmd: RevokeGrant) -> Saved:
    """Revoking an admin's last admin grant is recorded by the consultancy too, as a deactivation is: two admins
    revoking each other at the same moment conflict on its stream instead of leaving it with no admin."""
    account = app.get(Account, cmd.tenant_id, cmd.account_id, "account_id")
    if not account.loses_admin_with(cmd.grant_id):
        account.revoke_grant(cmd.actor_id, cmd.grant_id, cmd.reason, frozenset())
        return app.save_changes(account)
    consultancy = app.get(Consultancy, cmd.tenant_id, cmd.tenant_id, "tenant_id")
    admins = app.active_admins(cmd.tenant_id) - consultancy.deactivated_admins
    account.revoke_grant(cmd.actor_id, cmd.grant_id, cmd.reason, admins)
    consultancy.record_admin_deactivated(cmd.actor_id, account.id)
    return app.save_changes(account, consultancy)


def reactivate_account(app: Store, cmd: ReactivateAccount) -> Saved:
    account = app.get(Account, cmd.tenant_id, cmd.account_id, "account_id")
    account.reactivate(cmd.actor_id, cmd.reason)
    if not account.has_role(Role.CONSULTANCY_ADMIN):
        return app.save_changes(account)
    consultancy = app.get(Consultancy, cmd.tenant_id, cmd.tenant_id, "tenant_id")
    consultancy.record_admin_reactivated(cmd.actor_id, account.id)
    return app.save_changes(account, consultancy)


def _today() -> date:
    """The business day the command runs on (`Cordee.handle` states it)."""
    today = stated_today()
    if today is None:
        raise RuntimeError("Invitations are handled on a stated business day.")
    return today


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


def issue_api_token(app: Store, cmd: IssueApiToken) -> Saved:
    account = app.get(Account, cmd.tenant_id, cmd.actor_id, "actor_id")
    account.issue_api_token(
        cmd.actor_id, cmd.token_id, cmd.name, list(cmd.scopes), cmd.expires_on, cmd.key_hash, _today()
    )
    return app.save_changes(account)


def revoke_api_token(app: Store, cmd: RevokeApiToken) -> Saved:
    account = app.get(Account, cmd.tenant_id, cmd.actor_id, "actor_id")
    account.revoke_api_token(cmd.actor_id, cmd.token_id)
    return app.save_changes(account)


def register_integration_client(app: TenancyPorts, cmd: RegisterIntegrationClient) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    client = IntegrationClient.register(
        cmd.tenant_id, cmd.actor_id, cmd.client_id, cmd.name, cmd.organisation_id, list(cmd.scopes), cmd.secret_hash
    )
    return app.save_new(client, "client_id", "A client with this id already exists.")


def revoke_integration_client(app: Store, cmd: RevokeIntegrationClient) -> Saved:
    client = app.get(IntegrationClient, cmd.tenant_id, cmd.client_id, "client_id")
    client.revoke(cmd.actor_id, cmd.reason)
    return app.save_changes(client)


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


def set_comparison_threshold(app: Store, cmd: SetComparisonThreshold) -> Saved:
    consultancy = app.get(Consultancy, cmd.tenant_id, cmd.tenant_id, "tenant_id")
    consultancy.set_comparison_threshold(cmd.actor_id, cmd.k)
    return app.save_changes(consultancy)


def set_second_factor_required(app: Store, cmd: SetSecondFactorRequired) -> Saved:
    consultancy = app.get(Consultancy, cmd.tenant_id, cmd.tenant_id, "tenant_id")
    consultancy.set_second_factor_required(cmd.actor_id, cmd.required)
    return app.save_changes(consultancy)


def reset_password(app: Store, cmd: ResetPassword) -> Saved:
    account = app.get(Account, cmd.tenant_id, cmd.account_id, "token")
    account.reset_password(cmd.password_hash)
    return app.save_changes(account)


def record_second_factor(app: Store, cmd: RecordSecondFactor) -> Saved:
    account = app.get(Account, cmd.tenant_id, cmd.actor_id, "actor_id")
    changes = {
        "enabled": account.enable_second_factor,
        "disabled": account.disable_second_factor,
        "recovery_codes": account.regenerate_recovery_codes,
    }
    if cmd.change not in changes:
        raise ValidationFailed("change", "Say enabled, disabled or recovery_codes.")
    changes[cmd.change](cmd.actor_id)
    return app.save_changes(account)


def configure_single_sign_on(app: Store, cmd: ConfigureSingleSignOn) -> Saved:
    consultancy = app.get(Consultancy, cmd.tenant_id, cmd.tenant_id, "tenant_id")
    consultancy.configure_single_sign_on(
        cmd.actor_id, cmd.issuer, cmd.client_identifier, cmd.allowed_domains, cmd.enabled, cmd.secret_fingerprint
    )
    return app.save_changes(consultancy)


def _provider(app: Store, tenant_id: UUID, issuer: str) -> SingleSignOnSettings:
    """The consultancy's provider, if it is the one the person signed in through (never another consultancy's)."""
    provider = app.get(Consultancy, tenant_id, tenant_id, "tenant_id").single_sign_on
    if provider is None or provider.issuer != issuer:
        raise ValidationFailed("issuer", "This consultancy does not sign in through this provider.")
    return provider


def _subject_free(app: SubjectLinks, issuer: str, subject: str, account_id: UUID) -> None:
    """One person at a provider is one account: a subject linked to another account, in any consultancy, is refused
    before any event."""
    linked = app.account_linked_to(issuer, subject)
    if linked is not None and linked != account_id:
        raise Conflict("This person at the provider is already linked to another account.", "subject")


def link_single_sign_on(app: LinkPorts, cmd: LinkSingleSignOn) -> Saved:
    provider = _provider(app, cmd.tenant_id, cmd.issuer)
    account = app.get(Account, cmd.tenant_id, cmd.account_id, "email")
    account.link_single_sign_on(provider, cmd.subject, cmd.email, cmd.email_verified)
    _subject_free(app, provider.issuer, cmd.subject, account.id)  # the input's rules first; nothing is saved yet
    return app.save_changes(account)


def open_single_sign_on_account(app: LinkPorts, cmd: OpenSingleSignOnAccount) -> Saved:
    provider = _provider(app, cmd.tenant_id, cmd.issuer)
    account = Account.open_by_single_sign_on(cmd.tenant_id, cmd.email, cmd.display_name, provider, cmd.subject)
    _subject_free(app, provider.issuer, cmd.subject, account.id)
    return app.save_new(account, "email", "An account with this e-mail address already exists.")


HANDLERS: dict[type, Handler] = {
    CreateConsultancy: create_consultancy,
    OpenAccount: open_account,
    ChangePassword: change_password,
    IssueCalendarKey: issue_calendar_key,
    RevokeCalendarKey: revoke_calendar_key,
    SetLargeClustersAllowed: set_large_clusters_allowed,
    ChangeProgrammeTemplate: change_programme_template,
    SetSingleOrganisationBaseline: set_single_organisation_baseline,
    SetComparisonThreshold: set_comparison_threshold,
    InviteAccount: invite_account,
    IssueInvitation: issue_invitation,
    AcceptInvitation: accept_invitation,
    DeactivateAccount: deactivate_account,
    ReactivateAccount: reactivate_account,
    IssueApiToken: issue_api_token,
    RevokeApiToken: revoke_api_token,
    RegisterIntegrationClient: register_integration_client,
    RevokeIntegrationClient: revoke_integration_client,
    SetSecondFactorRequired: set_second_factor_required,
    ResetPassword: reset_password,
    RecordSecondFactor: record_second_factor,
    ConfigureSingleSignOn: configure_single_sign_on,
    LinkSingleSignOn: link_single_sign_on,
    OpenSingleSignOnAccount: open_single_sign_on_account,
    GrantRole: grant_role,
    RevokeGrant: revoke_grant,
}
