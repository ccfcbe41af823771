"""Consultancies, their accounts and programme templates; the sign-in directory."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select

from domain.tenancy.account import NO_PASSWORD_YET
from domain.tenancy.single_sign_on import SingleSignOnSettings
from projections.core.reading import FeatureQueries
from projections.core.scope import Scope
from projections.tenancy.rows import (
    AccountFilter,
    AccountRow,
    ApiTokenRow,
    ClientSecret,
    ConsultancyRow,
    GrantRow,
    IntegrationClientRow,
    SignIn,
)


class TenancyQueries(FeatureQueries):
    def sign_in(self, email: str) -> SignIn | None:
        """The account signing in with this address: the directory is global by design, read by sign-in only."""
        accounts, sign_ins = self.t.accounts, self.t.sign_ins
        query = select(accounts).join(
            sign_ins,
            and_(sign_ins.c.tenant_id == accounts.c.tenant_id, sign_ins.c.account_id == accounts.c.account_id),
        )
        row = self._one(query.where(sign_ins.c.email == email.strip().lower(), self._active()))
        return None if row is None else SignIn(_account(row), row["password_hash"])

    def calendar_key(self, key_hash: str) -> AccountRow | None:
        """The account whose secret calendar link hashes to this: global by design, read by the calendar feed only."""
        accounts, keys = self.t.accounts, self.t.calendar_keys
        query = select(accounts).join(
            keys, and_(keys.c.tenant_id == accounts.c.tenant_id, keys.c.account_id == accounts.c.account_id)
        )
        row = self._one(query.where(keys.c.key_hash == key_hash, self._active()))
        return None if row is None else _account(row)

    def invitation(self, key_hash: str) -> AccountRow | None:
        """The account an invitation link opens (with the link's last day): global by design, read by the invitation
        page only. A deactivated account's link is gone with it."""
        accounts, invitations = self.t.accounts, self.t.invitations
        query = select(*self._account_columns(), invitations.c.expires_on.label("invitation_expires_on")).join(
            invitations,
            and_(invitations.c.tenant_id == accounts.c.tenant_id, invitations.c.account_id == accounts.c.account_id),
        )
        row = self._one(query.where(invitations.c.key_hash == key_hash))
        return None if row is None else _account(row)

    def api_token_by_hash(self, key_hash: str) -> ApiTokenRow | None:
        """The token whose secret hashes to this, revoked or not: global by design, read by the token endpoint only."""
        tokens = self.t.api_tokens
        row = self._one(select(tokens).where(tokens.c.key_hash == key_hash))
        return None if row is None else _api_token(row)

    def api_token(self, scope: Scope, account_id: UUID, token_id: UUID) -> ApiTokenRow | None:
        tokens = self.t.api_tokens
        query = select(tokens).where(
            self.visible.rows(scope, tokens), tokens.c.account_id == account_id, tokens.c.token_id == token_id
        )
        row = self._one(query)
        return None if row is None else _api_token(row)

    def api_tokens(self, scope: Scope, account_id: UUID) -> list[ApiTokenRow]:
        """The account's own tokens, newest first, the revoked ones too (what the account page lists)."""
        tokens = self.t.api_tokens
        query = select(tokens).where(self.visible.rows(scope, tokens), tokens.c.account_id == account_id)
        return [_api_token(row) for row in self._all(query.order_by(tokens.c.created_at.desc(), tokens.c.token_id))]

    def client_secret(self, client_id: UUID) -> ClientSecret | None:
        """The client and its secret's hash: global by design (the client id names it), read by the token endpoint."""
        clients = self.t.integration_clients
        row = self._one(select(clients).where(clients.c.client_id == client_id))
        return None if row is None else ClientSecret(_client(row), row["secret_hash"])

    def integration_client(self, scope: Scope, client_id: UUID) -> IntegrationClientRow | None:
        clients = self.t.integration_clients
        row = self._one(select(clients).where(self.visible.rows(scope, clients), clients.c.client_id == client_id))
        return None if row is None else _client(row)

    def integration_clients(self, scope: Scope) -> list[IntegrationClientRow]:
        clients = self.t.integration_clients
        query = select(clients).where(self.visible.rows(scope, clients))
        return [_client(row) for row in self._all(query.order_by(clients.c.registered_at.desc(), clients.c.client_id))]

    def accounts(self, scope: Scope) -> list[AccountRow]:
        """Every account in view, with whether it is active and its open invitation; for the admins' list."""
        accounts, invitations = self.t.accounts, self.t.invitations
        expires = (
            select(invitations.c.expires_on)
            .where(invitations.c.tenant_id == accounts.c.tenant_id, invitations.c.account_id == accounts.c.account_id)
            .limit(1)
            .scalar_subquery()
        )
        query = select(*self._account_columns(), expires.label("invitation_expires_on"))
        query = query.where(self.visible.rows(scope, accounts)).order_by(accounts.c.display_name, accounts.c.email)
        return [_account(row) for row in self._all(query)]

    def accounts_page(
        self, scope: Scope, size: int, after: tuple[str, UUID] | None, wanted: AccountFilter
    ) -> tuple[list[AccountRow], bool]:
        """A page of the accounts in view by name (then id), after the account `after` names; with a role of a grant
        valid on `wanted.today`, of an organisation, and whose name or address holds the search text. Whether more
        follow."""
        accounts, invitations = self.t.accounts, self.t.invitations
        expires = (
            select(invitations.c.expires_on)
            .where(invitations.c.tenant_id == accounts.c.tenant_id, invitations.c.account_id == accounts.c.account_id)
            .limit(1)
            .scalar_subquery()
        )
        query = select(*self._account_columns(), expires.label("invitation_expires_on"))
        query = query.where(self.visible.rows(scope, accounts), *self._account_filters(wanted))
        if after is not None:
            name, account_id = after
            c = accounts.c
            query = query.where(or_(c.display_name > name, and_(c.display_name == name, c.account_id > account_id)))
        query = query.order_by(accounts.c.display_name, accounts.c.account_id).limit(size + 1)
        found = [_account(row) for row in self._all(query)]
        return found[:size], len(found) > size

    def _account_filters(self, wanted: AccountFilter) -> list[ColumnElement[bool]]:
        accounts, grants = self.t.accounts, self.t.account_grants
        found: list[ColumnElement[bool]] = []
        if wanted.organisation_id is not None:
            found.append(accounts.c.organisation_id == wanted.organisation_id)
        if wanted.roles:
            g, day = grants.c, wanted.today
            found.append(
                exists().where(
                    g.tenant_id == accounts.c.tenant_id,
                    g.account_id == accounts.c.account_id,
                    g.role.in_(wanted.roles),
                    g.revoked_at.is_(None),
                    or_(g.valid_from.is_(None), g.valid_from <= day),
                    or_(g.valid_until.is_(None), g.valid_until >= day),
                )
            )
        if wanted.search:
            escaped = wanted.search.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            pattern = f"%{escaped}%"
            found.append(
                or_(
                    func.lower(accounts.c.display_name).like(pattern, escape="\\"),
                    func.lower(accounts.c.email).like(pattern, escape="\\"),
                )
            )
        return found

    def active_admins(self, scope: Scope) -> frozenset[UUID]:
        """The active accounts holding an admin grant that is not revoked (an admin's grant is open-ended)."""
        accounts = self.t.accounts
        query = select(accounts.c.account_id).where(
            self.visible.rows(scope, accounts), self._holds("consultancy_admin"), self._active()
        )
        return frozenset(row["account_id"] for row in self._all(query))

    def _holds(self, role: str, day: date | None = None) -> ColumnElement[bool]:
        """The account holds the role by a grant not revoked (and, when a day is given, valid on it)."""
        accounts, grants = self.t.accounts, self.t.account_grants
        conditions = [
            grants.c.tenant_id == accounts.c.tenant_id,
            grants.c.account_id == accounts.c.account_id,
            grants.c.role == role,
            grants.c.revoked_at.is_(None),
        ]
        if day is not None:
            conditions += [
                or_(grants.c.valid_from.is_(None), grants.c.valid_from <= day),
                or_(grants.c.valid_until.is_(None), grants.c.valid_until >= day),
            ]
        return exists().where(*conditions)

    def grants(self, scope: Scope, account_id: UUID | None = None) -> list[GrantRow]:
        """The grants in view, revoked ones included, newest first; of one account when it is named."""
        grants = self.t.account_grants
        query = select(grants).where(self.visible.rows(scope, grants))
        if account_id is not None:
            query = query.where(grants.c.account_id == account_id)
        query = query.order_by(grants.c.granted_at.desc(), grants.c.grant_id)
        return [GrantRow(**row) for row in self._all(query)]

    def current_grants(self, tenant_id: UUID, account_id: UUID, day: date) -> list[GrantRow]:
        """The account's grants valid on the day: what its principal may do that day. Read to build the principal
        itself, so in the account's tenant only (the session names it), before any scope exists."""
        grants = self.t.account_grants
        query = select(grants).where(grants.c.tenant_id == tenant_id, grants.c.account_id == account_id)
        return [row for row in (GrantRow(**found) for found in self._all(query)) if row.valid_on(day)]

    def _active(self) -> ColumnElement[bool]:
        """The account is not deactivated."""
        accounts, off = self.t.accounts, self.t.deactivated_accounts
        return ~exists().where(off.c.tenant_id == accounts.c.tenant_id, off.c.account_id == accounts.c.account_id)

    def has_calendar_key(self, scope: Scope, account_id: UUID) -> bool:
        keys = self.t.calendar_keys
        query = select(keys.c.key_hash).where(self.visible.rows(scope, keys), keys.c.account_id == account_id)
        return self._one(query) is not None

    def account(self, scope: Scope, account_id: UUID) -> AccountRow | None:
        row = self._one(*self._prepared.get("account", scope, self._account_query, account_id=account_id))
        return None if row is None else _account(row)

    def _account_query(self, scope: Scope, account_id: UUID) -> Select[Any]:
        accounts = self.t.accounts
        return select(*self._account_columns()).where(
            self.visible.rows(scope, accounts), accounts.c.account_id == account_id
        )

    def coaches(self, scope: Scope) -> list[AccountRow]:
        """The consultancy's active coaches (those who hold a coach's grant); for a member, only those who lead its
        clusters."""
        rows = self._all(*self._prepared.get("coaches", scope, self._coaches_query))
        return [_account(row) for row in rows]

    def _coaches_query(self, scope: Scope) -> Select[Any]:
        accounts, clusters = self.t.accounts, self.t.clusters
        query = (
            select(*self._account_columns())
            .where(self.visible.rows(scope, accounts), self._holds("coach"), self._active())
            .order_by(accounts.c.display_name)
        )
        if scope.organisation_id is not None:
            leads = exists().where(self.visible.rows(scope, clusters), clusters.c.coach_id == accounts.c.account_id)
            query = query.where(leads)
        return query

    def _account_columns(self) -> tuple[ColumnElement[Any], ...]:
        """An account without its password hash, and whether it is active: what lists of people need."""
        c = self.t.accounts.c
        return (
            c.tenant_id,
            c.account_id,
            c.email,
            c.display_name,
            c.roles,
            c.organisation_id,
            self._active().label("active"),
            (c.password_hash != NO_PASSWORD_YET).label("password_chosen"),
        )

    def single_sign_on(self, scope: Scope) -> SingleSignOnSettings | None:
        """The consultancy's OpenID provider, as configured (enabled or not)."""
        providers = self.t.single_sign_on_providers
        row = self._one(select(providers).where(self.visible.rows(scope, providers)))
        return None if row is None else _provider(row)

    def single_sign_on_by_domain(self, domain: str) -> list[tuple[UUID, SingleSignOnSettings]]:
        """The consultancies whose enabled provider admits this e-mail domain: global by design, read by the sign-in
        page only, to choose where an address signs in without looking its account up."""
        providers = self.t.single_sign_on_providers
        rows = self._all(select(providers).where(providers.c.enabled.is_(True)))
        found = [(row["tenant_id"], _provider(row)) for row in rows]
        return [(tenant_id, provider) for tenant_id, provider in found if domain in provider.allowed_domains]

    def account_linked_to(self, issuer: str, subject: str) -> UUID | None:
        """The account, in whichever consultancy, linked to the provider's subject: global by design, read by the
        rule that one person at a provider is linked to one account only."""
        links = self.t.single_sign_on_links
        row = self._one(select(links.c.account_id).where(links.c.issuer == issuer, links.c.subject == subject))
        return None if row is None else UUID(str(row["account_id"]))

    def linked_account(self, scope: Scope, issuer: str, subject: str) -> AccountRow | None:
        """The active account linked to the provider's subject, in this consultancy."""
        links, accounts = self.t.single_sign_on_links, self.t.accounts
        query = select(*self._account_columns()).join(
            links, and_(links.c.tenant_id == accounts.c.tenant_id, links.c.account_id == accounts.c.account_id)
        )
        query = query.where(
            self.visible.rows(scope, accounts), links.c.issuer == issuer, links.c.subject == subject, self._active()
        )
        row = self._one(query)
        return None if row is None else _account(row)

    def consultancy(self, scope: Scope) -> ConsultancyRow | None:
        row = self._one(*self._prepared.get("consultancy", scope, self._consultancy_query))
        return None if row is None else ConsultancyRow(**row)

    def _consultancy_query(self, scope: Scope) -> Select[Any]:
        consultancies = self.t.consultancies
        return select(consultancies).where(self.visible.rows(scope, consultancies))

    def template(self, scope: Scope, version: int | None = None) -> dict[str, Any] | None:
        """The consultancy's programme template: the current version unless another is asked for."""
        templates, consultancies = self.t.programme_templates, self.t.consultancies
        current = select(consultancies.c.template_version).where(self.visible.rows(scope, consultancies))
        wanted = version if version is not None else current.scalar_subquery()
        query = select(templates.c.template).where(self.visible.rows(scope, templates), templates.c.version == wanted)
        row = self._one(query)
        return None if row is None else dict(row["template"])


def _account(row: dict[str, Any]) -> AccountRow:
    roles = tuple(sorted(filter(None, row["roles"].split(","))))
    return AccountRow(
        row["tenant_id"],
        row["account_id"],
        row["email"],
        row["display_name"],
        roles,
        row["organisation_id"],
        active=bool(row.get("active", True)),
        invitation_expires_on=row.get("invitation_expires_on"),
        password_chosen=bool(row.get("password_chosen", True)),
    )


def _api_token(row: dict[str, Any]) -> ApiTokenRow:
    fields = {name: row[name] for name in ("tenant_id", "token_id", "account_id", "name", "expires_on")}
    return ApiTokenRow(
        **fields, scopes=tuple(row["scopes"].split()), created_at=row["created_at"], revoked_at=row["revoked_at"]
    )


def _client(row: dict[str, Any]) -> IntegrationClientRow:
    fields = {name: row[name] for name in ("tenant_id", "client_id", "organisation_id", "name", "registered_at")}
    return IntegrationClientRow(**fields, scopes=tuple(row["scopes"].split()), revoked_at=row["revoked_at"])


def _provider(row: dict[str, Any]) -> SingleSignOnSettings:
    return SingleSignOnSettings(
        issuer=row["issuer"],
        client_identifier=row["client_identifier"],
        allowed_domains=tuple(filter(None, row["allowed_domains"].split(","))),
        enabled=bool(row["enabled"]),
        secret_fingerprint=row["secret_fingerprint"],
    )
