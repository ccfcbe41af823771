"""Roles granted as events: granting and revoking them, everyone's own grants, an account's grants, what auditors
read. An admin grants any role; an organisation's ISMS manager its own people's ISMS manager, contributor and
viewer roles (`backend.policy.authorize_grant`)."""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from typing import Annotated
from uuid import UUID, uuid4

import strawberry
from strawberry.types import Info

from backend.auth.auditor_reads import ReadFilter
from backend.auth.security_log import SecurityEvent, security_event
from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.errors import (
    ErrorCode,
    ForbiddenError,
    NotFoundError,
    Refusal,
    ValidationError,
    parse_id,
    user_error,
)
from backend.graphql.core.pagination import PageInfo, check_page_size, cursor_number
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.tenancy.actions import GRANT_ROLES, SEE_AUDITOR_READS
from backend.policy import NO_ACCOUNT, authorize, authorize_grant, may, may_see_grants_of
from domain.shared.errors import DomainError, NotFound, ValidationFailed
from domain.tenancy.account import ORGANISATION_ROLES, Role
from domain.tenancy.commands import GrantRole, RevokeGrant
from projections.tenancy.rows import AccountRow, GrantRow


@strawberry.enum(description="A role granted on the consultancy (admin, coach) or on an organisation (the others).")
class GrantedRole(Enum):
    CONSULTANCY_ADMIN = "consultancy_admin"
    COACH = "coach"
    ISMS_MANAGER = "isms_manager"
    CONTRIBUTOR = "contributor"
    VIEWER = "viewer"
    AUDITOR = "auditor"


@strawberry.type(description="A role held by an account, from a day until a day; revoked grants stay in the history.")
class Grant:
    id: strawberry.ID
    account_id: strawberry.ID
    role: str = strawberry.field(description="A stored member account's role reads isms_manager.")
    organisation_id: strawberry.ID | None = strawberry.field(description="None: held on the consultancy.")
    organisation_name: str | None
    valid_from: date | None = strawberry.field(description="The first day it is valid; none: since it was granted.")
    valid_until: date | None = strawberry.field(description="The last day it is valid; none: open-ended.")
    granted_at: datetime
    granted_by_id: strawberry.ID
    revoked_at: datetime | None
    revoke_reason: str | None
    current: bool = strawberry.field(description="Valid today: not revoked, and today inside its window.")


@strawberry.type(description="An account's grants, newest first.")
class AccountGrants:
    account_id: strawberry.ID
    grants: list[Grant]


AccountGrantsResult = Annotated[AccountGrants | ForbiddenError | NotFoundError, strawberry.union("AccountGrantsResult")]
GrantChangeResult = Annotated[AccountGrants | Refusal, strawberry.union("GrantChangeResult")]


@strawberry.type(description="A page or GraphQL request an auditor made.")
class AuditorRead:
    account_id: strawberry.ID
    display_name: str
    method: str
    path: str
    read_at: datetime


@strawberry.type
class AuditorReadEdge:
    cursor: str
    node: AuditorRead


@strawberry.type(description="An auditor with any read recorded.")
class Reader:
    id: strawberry.ID
    display_name: str


@strawberry.type(description="What auditors read, newest first, by page.")
class AuditorReadConnection:
    edges: list[AuditorReadEdge]
    page_info: PageInfo
    auditors: list[Reader] = strawberry.field(description="Every auditor with a read recorded, by name: the filter.")


AuditorReadsResult = Annotated[
    AuditorReadConnection | ForbiddenError | ValidationError, strawberry.union("AuditorReadsResult")
]


@strawberry.input(description="A role for an account, with its window (an auditor's always ends).")
class GrantRoleInput:
    account_id: strawberry.ID
    role: GrantedRole
    organisation_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="For an organisation's role: the account's organisation (implied when none). None for admin and "
        "coach.",
    )
    valid_from: date | None = strawberry.field(default=None, description="The first day; today when none.")
    valid_until: date | None = strawberry.field(default=None, description="The last day; open-ended when none.")


@strawberry.input(description="Revoking a grant: it ends now and stays in the history with the reason.")
class RevokeGrantInput:
    account_id: strawberry.ID
    grant_id: strawberry.ID
    reason: str


@strawberry.type
class GrantsQuery:
    @strawberry.field(permission_classes=AUTHENTICATED, description="The signed-in person's grants, revoked included.")
    def my_grants(self, info: Info[Context, None]) -> list[Grant]:
        principal = info.context.signed_in
        return _grants(info, principal.account_id)

    @strawberry.field(
        permission_classes=AUTHENTICATED,
        description="An account's grants: any account's for an admin, its organisation's for an ISMS manager.",
    )
    def account_grants(self, info: Info[Context, None], account_id: strawberry.ID) -> AccountGrantsResult:
        if not may(info.context.signed_in, GRANT_ROLES):  # before any lookup: no answer tells what exists
            return ForbiddenError(code=ErrorCode.FORBIDDEN, message="You may not see others' grants.", field=None)
        try:
            account = _account(info, parse_id(account_id, "account_id"))
        except DomainError as error:
            return NotFoundError(code=ErrorCode.NOT_FOUND, message=error.message, field="accountId")
        if not may_see_grants_of(info.context.signed_in, account.organisation_id):
            if info.context.signed_in.has_role(Role.ISMS_MANAGER):  # someone out of their organisation
                return NotFoundError(code=ErrorCode.NOT_FOUND, message=NO_ACCOUNT, field="accountId")
            return ForbiddenError(code=ErrorCode.FORBIDDEN, message="You may not see others' grants.", field=None)
        return AccountGrants(account_id=account_id, grants=_grants(info, account.account_id))

    @strawberry.field(
        permission_classes=AUTHENTICATED,
        description="What auditors read, newest first, by page (admins): all or one auditor's (`accountId`), read "
        "from `fromDay` until `untilDay` (both included, UTC).",
    )
    def auditor_reads(
        self,
        info: Info[Context, None],
        first: int = 50,
        after: str | None = None,
        account_id: strawberry.ID | None = None,
        from_day: date | None = None,
        until_day: date | None = None,
    ) -> AuditorReadsResult:
        principal = info.context.signed_in
        reads = info.context.services.auditor_reads
        if not may(principal, SEE_AUDITOR_READS) or reads is None:
            return ForbiddenError(code=ErrorCode.FORBIDDEN, message="You may not see what auditors read.", field=None)
        try:
            size, keyset = check_page_size(first), _decode_read(after)
            wanted = _read_filter(account_id, from_day, until_day)
        except DomainError as error:
            return ValidationError(code=ErrorCode.VALIDATION, message=error.message, field=user_error(error).field)
        found = reads.page(principal.tenant_id, size, keyset, wanted)
        names = {
            a.account_id: a.display_name for a in info.context.services.queries.tenancy.accounts(info.context.scope)
        }
        edges = [
            AuditorReadEdge(
                cursor=_encode_read(read.read_id),
                node=AuditorRead(
                    account_id=strawberry.ID(str(read.account_id)),
                    display_name=names.get(read.account_id, ""),
                    method=read.method,
                    path=read.path,
                    read_at=read.read_at,
                ),
            )
            for read in found.reads
        ]
        end = edges[-1].cursor if edges else None
        auditors = sorted(
            (
                Reader(id=strawberry.ID(str(who)), display_name=names.get(who, ""))
                for who in reads.readers(principal.tenant_id)
            ),
            key=lambda reader: (reader.display_name, reader.id),
        )
        return AuditorReadConnection(
            edges=edges, page_info=PageInfo(has_next_page=found.has_next_page, end_cursor=end), auditors=auditors
        )


def _encode_read(read_id: int) -> str:
    return base64.urlsafe_b64encode(json.dumps(["read", read_id]).encode()).decode()


def _decode_read(cursor: str | None) -> int | None:
    if cursor is None:
        return None
    try:
        kind, read_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if kind != "read":
            raise ValueError(kind)
        return cursor_number(read_id)
    except (ValueError, TypeError, RecursionError):
        raise ValidationFailed("after", "This is not a cursor given by this API.") from None


def _read_filter(account_id: str | None, from_day: date | None, until_day: date | None) -> ReadFilter:
    if from_day is not None and until_day is not None and until_day < from_day:
        raise ValidationFailed("until_day", "The last day is before the first.")
    try:
        since = datetime.combine(from_day, time(), UTC) if from_day else None
        before = datetime.combine(until_day + timedelta(days=1), time(), UTC) if until_day else None
    except OverflowError:
        raise ValidationFailed("until_day", "This day is out of range.") from None
    return ReadFilter(parse_id(account_id, "account_id") if account_id else None, since, before)


@strawberry.type
class GrantsMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Grants a role to an account, from a day.")
    async def grant_role(self, info: Info[Context, None], input: GrantRoleInput) -> GrantChangeResult:
        role = Role(input.role.value)
        try:
            authorize(info.context.signed_in, GRANT_ROLES)  # before any lookup: no answer tells what exists
            account = _account(info, parse_id(input.account_id, "account_id"))
            authorize_grant(info.context.signed_in, GRANT_ROLES, role, account.organisation_id)
        except DomainError as error:
            return refused(info, error)
        done = await change(
            info,
            GRANT_ROLES,
            GrantRole,
            account_id=account.account_id,
            grant_id=uuid4(),
            role=role,
            organisation_id=input.organisation_id or _implied_organisation(role, account),
            valid_from=input.valid_from,
            valid_until=input.valid_until,
        )
        return _changed(info, done, account.account_id)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Revokes a grant now; it stays in the history.")
    async def revoke_grant(self, info: Info[Context, None], input: RevokeGrantInput) -> GrantChangeResult:
        try:
            authorize(info.context.signed_in, GRANT_ROLES)  # before any lookup: no answer tells what exists
            account = _account(info, parse_id(input.account_id, "account_id"))
            grant_id = parse_id(input.grant_id, "grant_id")
            held = next((g for g in _rows(info, account.account_id) if g.grant_id == grant_id), None)
            role = Role(held.role) if held is not None else Role.VIEWER  # none: the domain says there is no such grant
            authorize_grant(info.context.signed_in, GRANT_ROLES, role, account.organisation_id)
        except DomainError as error:
            return refused(info, error)
        done = await change(
            info, GRANT_ROLES, RevokeGrant, account_id=account.account_id, grant_id=grant_id, reason=input.reason
        )
        return _changed(info, done, account.account_id)


def refused(info: Info[Context, None], error: DomainError) -> Refusal:
    """A refusal decided before the command's own path (`change`), logged alike when it is a lack of right."""
    if error.code == "FORBIDDEN":
        principal = info.context.signed_in
        security_event(
            SecurityEvent.AUTHZ_FAIL,
            principal.account_id,
            info.field_name,
            description=error.message,
            request_id=info.context.request_id,
            tenant=principal.tenant_id,
        )
    return user_error(error)


def access_changed(info: Info[Context, None], account_id: UUID, what: str) -> None:
    """The one place a saved change of an account's grants is handled. Every request builds its principal from the
    grants valid then, so the change holds from the next request on; the account's sessions stay open but each gets
    a new id on its next request, so a session id seen before the change no longer opens anything."""
    principal = info.context.signed_in
    info.context.services.sessions.renew_sessions_of(account_id)
    security_event(
        SecurityEvent.PRIVILEGE_PERMISSIONS_CHANGED,
        principal.account_id,
        account_id,
        description=f"Account {principal.account_id} {what} a grant of account {account_id}",
        request_id=info.context.request_id,
        tenant=str(principal.tenant_id),
    )


def _changed(info: Info[Context, None], done: object, account_id: UUID) -> AccountGrants | Refusal:
    if not isinstance(done, tuple):
        return done  # type: ignore[return-value]
    access_changed(info, account_id, "revoked" if isinstance(done[0], RevokeGrant) else "granted")
    return AccountGrants(account_id=strawberry.ID(str(account_id)), grants=_grants(info, account_id))


def _implied_organisation(role: Role, account: AccountRow) -> UUID | None:
    """An organisation's role is held on the account's own organisation: naming it is optional."""
    return account.organisation_id if role in ORGANISATION_ROLES else None


def _account(info: Info[Context, None], account_id: UUID) -> AccountRow:
    account = info.context.services.queries.tenancy.account(info.context.scope, account_id)
    if account is None:
        raise NotFound(NO_ACCOUNT, "account_id")
    return account


def _rows(info: Info[Context, None], account_id: UUID) -> list[GrantRow]:
    return info.context.services.queries.tenancy.grants(info.context.scope, account_id)


def _grants(info: Info[Context, None], account_id: UUID) -> list[Grant]:
    today = info.context.services.app.today()
    names = _organisation_names(info)
    return [grant(row, today, names) for row in _rows(info, account_id)]


def _organisation_names(info: Info[Context, None]) -> dict[UUID, str]:
    rows = info.context.services.queries.organisations.organisations(info.context.scope)
    return {row.organisation_id: row.name for row in rows}


def grant(row: GrantRow, today: date, names: dict[UUID, str]) -> Grant:
    return Grant(
        id=strawberry.ID(str(row.grant_id)),
        account_id=strawberry.ID(str(row.account_id)),
        role=row.role,
        organisation_id=strawberry.ID(str(row.organisation_id)) if row.organisation_id else None,
        organisation_name=names.get(row.organisation_id) if row.organisation_id else None,
        valid_from=row.valid_from,
        valid_until=row.valid_until,
        granted_at=row.granted_at,
        granted_by_id=strawberry.ID(str(row.granted_by)),
        revoked_at=row.revoked_at,
        revoke_reason=row.revoke_reason,
        current=row.valid_on(today),
    )
