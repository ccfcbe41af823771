"""The consultancy's accounts, administered by its admins: the list, invitations, deactivation and its correction."""

from __future__ import annotations

import base64
import json
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
from backend.graphql.core.errors import ErrorCode, ForbiddenError, Refusal, ValidationError, parse_id, user_error
from backend.graphql.core.pagination import PageInfo, check_page_size
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.tenancy.actions import INVITE_OWN_PEOPLE, MANAGE_ACCOUNTS
from backend.graphql.tenancy.grants import refused
from backend.policy import NO_ACCOUNT, authorize, authorize_invitation, authorize_reissue, may
from domain.shared.errors import DomainError, NotFound, ValidationFailed
from domain.shared.service import Saved
from domain.shared.text import single_line
from domain.tenancy.account import Role
from domain.tenancy.commands import DeactivateAccount, InviteAccount, IssueInvitation, ReactivateAccount
from projections.tenancy.rows import AccountFilter, AccountRow


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
class AccountEdge:
    cursor: str
    node: Account


@strawberry.type(description="Accounts by name, a page at a time.")
class AccountConnection:
    edges: list[AccountEdge]
    page_info: PageInfo


AccountsResult = Annotated[AccountConnection | ForbiddenError | ValidationError, strawberry.union("AccountsResult")]
SEARCH_MAX_LENGTH = 100


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
    @strawberry.field(
        permission_classes=AUTHENTICATED,
        description="The consultancy's accounts by name, by page (admins): with a role today, of an organisation, "
        "whose name or e-mail address holds `search`.",
    )
    def accounts(
        self,
        info: Info[Context, None],
        first: int = 50,
        after: str | None = None,
        role: AccountRole | None = None,
        organisation_id: strawberry.ID | None = None,
        search: str | None = None,
    ) -> AccountsResult:
        if not may(info.context.signed_in, MANAGE_ACCOUNTS):
            return ForbiddenError(code=ErrorCode.FORBIDDEN, message="You may not manage accounts.", field=None)
        try:
            organisation = parse_id(organisation_id, "organisation_id") if organisation_id else None
        except DomainError as error:
            return _invalid(error)
        return _page(info, first, after, role, organisation, search)

    @strawberry.field(
        permission_classes=AUTHENTICATED,
        description="The people of the viewer's organisation by name, by page, for its ISMS manager to invite and "
        "grant: with a role today, whose name or e-mail address holds `search`.",
    )
    def organisation_people(
        self,
        info: Info[Context, None],
        first: int = 50,
        after: str | None = None,
        role: AccountRole | None = None,
        search: str | None = None,
    ) -> AccountsResult:
        principal = info.context.signed_in
        if not may(principal, INVITE_OWN_PEOPLE) or principal.organisation_id is None:
            return ForbiddenError(code=ErrorCode.FORBIDDEN, message="You may not invite people.", field=None)
        return _page(info, first, after, role, principal.organisation_id, search)


def _page(
    info: Info[Context, None],
    first: int,
    after: str | None,
    role: AccountRole | None,
    organisation: UUID | None,
    search: str | None,
) -> AccountConnection | ValidationError:
    try:
        size, keyset = check_page_size(first), _decode_account(after)
        text = single_line("search", search, SEARCH_MAX_LENGTH, required=False) or None
    except DomainError as error:
        return _invalid(error)
    roles = () if role is None else _HELD_AS.get(role, (role.value,))
    wanted = AccountFilter(info.context.services.app.today(), roles, organisation, text)
    rows, more = info.context.services.queries.tenancy.accounts_page(info.context.scope, size, keyset, wanted)
    names, held = _organisation_names(info), _current_roles(info)
    edges = [AccountEdge(cursor=_encode_account(row), node=_account(row, names, held)) for row in rows]
    end = edges[-1].cursor if edges else None
    return AccountConnection(edges=edges, page_info=PageInfo(has_next_page=more, end_cursor=end))


_HELD_AS = {AccountRole.MEMBER: ("isms_manager", "member"), AccountRole.ISMS_MANAGER: ("isms_manager", "member")}
"""A stored member account is its organisation's ISMS manager: either filter finds both."""


def _invalid(error: DomainError) -> ValidationError:
    return ValidationError(code=ErrorCode.VALIDATION, message=error.message, field=user_error(error).field)


def _encode_account(row: AccountRow) -> str:
    return base64.urlsafe_b64encode(json.dumps(["account", row.display_name, str(row.account_id)]).encode()).decode()


def _decode_account(cursor: str | None) -> tuple[str, UUID] | None:
    if cursor is None:
        return None
    try:
        kind, name, account_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if kind != "account" or not isinstance(name, str):
            raise ValueError(kind)
        return name, UUID(account_id)
    except (ValueError, TypeError, RecursionError, AttributeError):
        raise ValidationFailed("after", "This is not a cursor given by this API.") from None


@strawberry.type
class AccountsMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Opens an account and its invitation link.")
    async def invite_account(self, info: Info[Context, None], input: InviteAccountInput) -> InvitationResult:
        key = secrets.token_urlsafe(32)
        role = Role(input.role.value)
        given = {"email": input.email, "display_name": input.display_name, "role": role}
        principal = info.context.signed_in
        action = MANAGE_ACCOUNTS if may(principal, MANAGE_ACCOUNTS) else INVITE_OWN_PEOPLE
        if action is INVITE_OWN_PEOPLE:  # an ISMS manager invites their own organisation's people
            try:
                authorize(principal, action)  # before the input is read: a refused role learns nothing from it
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
        principal = info.context.signed_in
        action = MANAGE_ACCOUNTS if may(principal, MANAGE_ACCOUNTS) else INVITE_OWN_PEOPLE
        if action is INVITE_OWN_PEOPLE:  # an ISMS manager reissues for their own organisation's people
            try:
                authorize(principal, action)  # before any lookup: no answer tells what exists
                account = parse_id(input.account_id, "account_id")
                found = info.context.services.queries.tenancy.account(info.context.scope, account)
                if found is None:
                    raise NotFound(NO_ACCOUNT, "account_id")
                authorize_reissue(principal, action, found.organisation_id, _held_roles(info, account))
            except DomainError as error:
                return refused(info, error)
        done = await change(
            info, action, IssueInvitation, account_id=input.account_id, key_hash=invitation_key_hash(key)
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


def _held_roles(info: Info[Context, None], account_id: UUID) -> frozenset[str]:
    """The roles of an account's grants not revoked, today's and those still to come."""
    rows = info.context.services.queries.tenancy.grants(info.context.scope, account_id)
    return frozenset(row.role for row in rows if row.revoked_at is None)


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
