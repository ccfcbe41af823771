"""The consultancy's accounts, administered by its admins: the list, invitations, deactivation and its correction."""

from __future__ import annotations

import secrets
from datetime import date
from enum import Enum
from typing import Annotated
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.auth.invitations import invitation_key_hash
from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.errors import ErrorCode, ForbiddenError, Refusal, parse_id
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.tenancy.actions import INVITE_OWN_PEOPLE, MANAGE_ACCOUNTS
from backend.graphql.tenancy.grants import refused
from backend.policy import authorize_invitation, may
from domain.shared.errors import DomainError
from domain.shared.service import Saved
from domain.tenancy.account import Role
from domain.tenancy.commands import DeactivateAccount, InviteAccount, IssueInvitation, ReactivateAccount
from projections.tenancy.rows import AccountRow


@strawberry.enum(
    description="What an account may do: run the consultancy, coach clusters, or work for or audit a member "
    "(MEMBER: the organisation's ISMS manager, as stored accounts have it)."
)
class AccountRole(Enum):
    CONSULTANCY_ADMIN = "consultancy_admin"
    COACH = "coach"
    MEMBER = "member"
    ISMS_MANAGER = "isms_manager"
    CONTRIBUTOR = "contributor"
    VIEWER = "viewer"
    AUDITOR = "auditor"


@strawberry.type(description="Someone who signs in to the consultancy's Cordee.")
class Account:
    id: strawberry.ID
    display_name: str
    email: str
    roles: list[str] = strawberry.field(description="The roles of its grants valid today.")
    organisation_id: strawberry.ID | None
    organisation_name: str | None = strawberry.field(description="For a member: the organisation they work for.")
    active: bool = strawberry.field(description="False once deactivated: the account cannot sign in.")
    invitation_expires_on: date | None = strawberry.field(
        description="The last day its open invitation link works, if it has one."
    )
    password_chosen: bool = strawberry.field(
        description="Whether its person chose a password; only an account without one gets invitation links."
    )


@strawberry.type
class AccountList:
    accounts: list[Account]


AccountsResult = Annotated[AccountList | ForbiddenError, strawberry.union("AccountsResult")]


@strawberry.input(description="A new account; its person chooses their password with the invitation link.")
class InviteAccountInput:
    email: str
    display_name: str
    role: AccountRole
    organisation_id: strawberry.ID | None = strawberry.field(
        default=None, description="For an organisation's role, and only for one: the organisation they work for."
    )
    valid_from: date | None = strawberry.field(default=None, description="An auditor's first day; today when none.")
    valid_until: date | None = strawberry.field(default=None, description="An auditor's last day (required).")


@strawberry.input
class AccountInput:
    account_id: strawberry.ID


@strawberry.input(description="Deactivating an account, or correcting that: which one, and why.")
class AccountStateInput:
    account_id: strawberry.ID
    reason: str


@strawberry.type(description="A new invitation link. It is shown this once: Cordee keeps only its hash.")
class Invitation:
    path: str = strawberry.field(description="The link's path on this server, e.g. /invitations/<key>.")
    expires_on: date
    account: Account


InvitationResult = Annotated[Invitation | Refusal, strawberry.union("InvitationResult")]
AccountChangeResult = Annotated[Account | Refusal, strawberry.union("AccountChangeResult")]


@strawberry.type
class AccountsQuery:
    @strawberry.field(permission_classes=AUTHENTICATED, description="Every account of the consultancy (admins).")
    def accounts(self, info: Info[Context, None]) -> AccountsResult:
        if not may(info.context.signed_in, MANAGE_ACCOUNTS):
            return ForbiddenError(code=ErrorCode.FORBIDDEN, message="You may not manage accounts.", field=None)
        rows = info.context.services.queries.tenancy.accounts(info.context.scope)
        names, roles = _organisation_names(info), _current_roles(info)
        return AccountList(accounts=[_account(row, names, roles) for row in rows])

    @strawberry.field(
        permission_classes=AUTHENTICATED,
        description="The people of the viewer's organisation, for its ISMS manager to invite and grant.",
    )
    def organisation_people(self, info: Info[Context, None]) -> AccountsResult:
        principal = info.context.signed_in
        if not may(principal, INVITE_OWN_PEOPLE) or principal.organisation_id is None:
            return ForbiddenError(code=ErrorCode.FORBIDDEN, message="You may not invite people.", field=None)
        rows = [
            row
            for row in info.context.services.queries.tenancy.accounts(info.context.scope)
            if row.organisation_id == principal.organisation_id
        ]
        names, roles = _organisation_names(info), _current_roles(info)
        return AccountList(accounts=[_account(row, names, roles) for row in rows])


@strawberry.type
class AccountsMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Opens an account and its invitation link.")
    async def invite_account(self, info: Info[Context, None], input: InviteAccountInput) -> InvitationResult:
        key = secrets.token_urlsafe(32)
        role = Role(input.role.value)
        given = {"email": input.email, "display_name": input.display_name, "role": role}
        principal, action = info.context.signed_in, MANAGE_ACCOUNTS
        if not may(principal, MANAGE_ACCOUNTS) and may(principal, INVITE_OWN_PEOPLE):
            action = INVITE_OWN_PEOPLE  # an ISMS manager invites their own organisation's people
            try:
                organisation = parse_id(input.organisation_id, "organisation_id") if input.organisation_id else None
                authorize_invitation(principal, action, role, organisation)
            except DomainError as error:
                return refused(info, error)
        window = {"valid_from": input.valid_from, "valid_until": input.valid_until}
        done = await change(
            info,
            action,
            InviteAccount,
            **given,
            key_hash=invitation_key_hash(key),
            organisation_id=input.organisation_id,
            **window,
        )
        return _invitation(info, done, key)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="A new invitation link; the earlier one stops.")
    async def issue_invitation(self, info: Info[Context, None], input: AccountInput) -> InvitationResult:
        key = secrets.token_urlsafe(32)
        done = await change(
            info, MANAGE_ACCOUNTS, IssueInvitation, account_id=input.account_id, key_hash=invitation_key_hash(key)
        )
        return _invitation(info, done, key)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="The account can no longer sign in; its sessions, invitation and calendar link stop.",
    )
    async def deactivate_account(self, info: Info[Context, None], input: AccountStateInput) -> AccountChangeResult:
        done = await change(info, MANAGE_ACCOUNTS, DeactivateAccount, account_id=input.account_id, reason=input.reason)
        if isinstance(done, tuple):
            info.context.services.sessions.close_all(done[1].aggregate_id)
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Corrects a deactivation made by mistake.")
    async def reactivate_account(self, info: Info[Context, None], input: AccountStateInput) -> AccountChangeResult:
        done = await change(info, MANAGE_ACCOUNTS, ReactivateAccount, account_id=input.account_id, reason=input.reason)
        return _changed(info, done)


def _invitation(info: Info[Context, None], done: tuple[object, Saved] | Refusal, key: str) -> Invitation | Refusal:
    if not isinstance(done, tuple):
        return done
    account = _reread(info, done[1])
    expires_on = account.invitation_expires_on
    if expires_on is None:
        raise LookupError("An invitation just issued has no read row")
    return Invitation(path=f"/invitations/{key}", expires_on=expires_on, account=account)


def _changed(info: Info[Context, None], done: tuple[object, Saved] | Refusal) -> Account | Refusal:
    return done if not isinstance(done, tuple) else _reread(info, done[1])


def _reread(info: Info[Context, None], saved: Saved) -> Account:
    rows = info.context.services.queries.tenancy.accounts(info.context.scope)
    found = next((row for row in rows if row.account_id == saved.aggregate_id), None)
    if found is None:
        raise LookupError("An account just changed has no read row")
    return _account(found, _organisation_names(info), _current_roles(info))


def _current_roles(info: Info[Context, None]) -> dict[UUID, list[str]]:
    """The roles of every account's grants valid today, read once for a whole list of accounts."""
    today = info.context.services.app.today()
    roles: dict[UUID, set[str]] = {}
    for row in info.context.services.queries.tenancy.grants(info.context.scope):
        if row.valid_on(today):
            roles.setdefault(row.account_id, set()).add(row.role)
    return {account: sorted(held) for account, held in roles.items()}


def _organisation_names(info: Info[Context, None]) -> dict[UUID, str]:
    """The names of the organisations in view, read once for a whole list of accounts."""
    rows = info.context.services.queries.organisations.organisations(info.context.scope)
    return {row.organisation_id: row.name for row in rows}


def _account(row: AccountRow, organisation_names: dict[UUID, str], roles: dict[UUID, list[str]]) -> Account:
    return Account(
        id=strawberry.ID(str(row.account_id)),
        display_name=row.display_name,
        email=row.email,
        roles=roles.get(row.account_id, []),
        organisation_id=strawberry.ID(str(row.organisation_id)) if row.organisation_id else None,
        organisation_name=organisation_names.get(row.organisation_id) if row.organisation_id else None,
        active=row.active,
        invitation_expires_on=row.invitation_expires_on,
        password_chosen=row.password_chosen,
    )
