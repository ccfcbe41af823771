"""Consultancies, accounts and the sign-in directory, from the tenancy events."""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from domain.programme_template.template import DEFAULT_TEMPLATE
from domain.tenancy.account import Account, Role, opening_grant_id
from domain.tenancy.consultancy import Consultancy
from domain.tenancy.integration_client import IntegrationClient
from projections.core.projection import Projection
from projections.core.statements import keyed, keyed_update
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter

log = logging.getLogger(__name__)


class TenancyProjection(Projection):
    name = "tenancy"
    handles = {
        (Consultancy, "Created"): "consultancy_created",
        (Consultancy, "LargeClustersSettingChanged"): "large_clusters_setting_changed",
        (Consultancy, "ProgrammeTemplateChanged"): "template_changed",
        (Consultancy, "SingleOrganisationBaselineSet"): "baseline_set",
        (Account, "Opened"): "account_opened",
        (Account, "PasswordChanged"): "password_changed",
        (Account, "PasswordReset"): "password_changed",
        (Consultancy, "SecondFactorRequirementChanged"): "second_factor_requirement_changed",
        (Account, "CalendarKeyIssued"): "calendar_key_issued",
        (Account, "CalendarKeyRevoked"): "calendar_key_revoked",
        (Account, "InvitationIssued"): "invitation_issued",
        (Account, "InvitationAccepted"): "invitation_accepted",
        (Account, "Deactivated"): "account_deactivated",
        (Account, "Reactivated"): "account_reactivated",
        (Account, "ApiTokenIssued"): "api_token_issued",
        (Account, "ApiTokenRevoked"): "api_token_revoked",
        (IntegrationClient, "Registered"): "client_registered",
        (IntegrationClient, "Revoked"): "client_revoked",
        (Consultancy, "SingleSignOnConfigured"): "single_sign_on_configured",
        (Account, "SingleSignOnLinked"): "single_sign_on_linked",
        (Account, "RoleGranted"): "role_granted",
        (Account, "GrantRevoked"): "grant_revoked",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        consultancies = tables.consultancies
        self._insert_consultancy = insert(consultancies)
        self._insert_account = insert(tables.accounts)
        self._insert_sign_in = insert(tables.sign_ins)
        self._insert_template = insert(tables.programme_templates)
        self._set_template_version = keyed_update(consultancies, "t", template_version=bindparam("version"))
        self._set_baseline = keyed_update(consultancies, "t", single_organisation_baseline_days=bindparam("days"))
        self._set_password = keyed_update(tables.accounts, "ta", password_hash=bindparam("hash"))
        self._insert_calendar_key = insert(tables.calendar_keys)
        self._drop_calendar_keys = delete(tables.calendar_keys).where(*keyed(tables.calendar_keys, "ta"))
        self._insert_invitation = insert(tables.invitations)
        self._drop_invitations = delete(tables.invitations).where(*keyed(tables.invitations, "ta"))
        self._insert_deactivated = insert(tables.deactivated_accounts)
        grants = tables.account_grants
        self._insert_grant = insert(grants)
        self._revoke_grant = (
            update(grants)
            .where(grants.c.tenant_id == bindparam("t"), grants.c.grant_id == bindparam("g"))
            .values(revoked_by=bindparam("by"), revoked_at=bindparam("at"), revoke_reason=bindparam("reason"))
        )
        deactivated = tables.deactivated_accounts
        self._drop_deactivated = delete(deactivated).where(*keyed(deactivated, "ta"))
        self._insert_api_token = insert(tables.api_tokens)
        tokens, clients = tables.api_tokens, tables.integration_clients
        self._revoke_api_token = (
            update(tokens)
            .where(tokens.c.tenant_id == bindparam("t"), tokens.c.token_id == bindparam("token"))
            .values(revoked_at=bindparam("at"))
        )
        self._insert_client = insert(clients)
        self._revoke_client = (
            update(clients)
            .where(clients.c.tenant_id == bindparam("t"), clients.c.client_id == bindparam("client"))
            .values(revoked_at=bindparam("at"))
        )
        self._set_second_factor_required = keyed_update(
            consultancies, "t", requires_second_factor=bindparam("required")
        )
        providers = tables.single_sign_on_providers
        self._drop_provider = delete(providers).where(*keyed(providers, "t"))
        self._insert_provider = insert(providers)
        links = tables.single_sign_on_links
        # A person already linked keeps the first account, by notification order: the second link's row is not
        # written (the command side checks the read model, which may lag a second command behind).
        self._insert_link = {
            "postgresql": pg_insert(links).on_conflict_do_nothing().returning(links.c.account_id),
            "sqlite": sqlite_insert(links).on_conflict_do_nothing().returning(links.c.account_id),
        }
        self._link_owner = select(links.c.account_id).where(
            links.c.issuer == bindparam("issuer"), links.c.subject == bindparam("subject")
        )
        self._set_large_clusters = keyed_update(
            consultancies, "t", allows_clusters_above_standard_size=bindparam("allowed")
        )

    def consultancy_created(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(
            self._insert_consultancy,
            {
                "tenant_id": event.tenant_id,
                "name": event.name,
                "slug": event.slug,
                "allows_clusters_above_standard_size": False,
                "requires_second_factor": False,
                "template_version": DEFAULT_TEMPLATE.version,
            },
        )
        writer.write(
            self._insert_template,
            {
                "tenant_id": event.tenant_id,
                "version": DEFAULT_TEMPLATE.version,
                "template": DEFAULT_TEMPLATE.as_record(),
                "changed_at": event.timestamp,
            },
        )

    def template_changed(self, writer: GroupedWriter, event: Any) -> None:
        version = event.template["version"]
        writer.write(
            self._insert_template,
            {
                "tenant_id": event.tenant_id,
                "version": version,
                "template": event.template,
                "changed_at": event.timestamp,
            },
        )
        writer.write(self._set_template_version, {"t": event.tenant_id, "version": version})

    def baseline_set(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._set_baseline, {"t": event.tenant_id, "days": event.days})

    def large_clusters_setting_changed(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._set_large_clusters, {"t": event.tenant_id, "allowed": event.allowed})

    def second_factor_requirement_changed(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._set_second_factor_required, {"t": event.tenant_id, "required": event.required})

    def single_sign_on_configured(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._drop_provider, {"t": event.tenant_id})
        row = {
            "tenant_id": event.tenant_id,
            "issuer": event.issuer,
            "client_identifier": event.client_identifier,
            "allowed_domains": ",".join(event.allowed_domains),
            "enabled": event.enabled,
            "secret_fingerprint": event.secret_fingerprint,
        }
        writer.write(self._insert_provider, row)

    def single_sign_on_linked(self, writer: GroupedWriter, event: Any) -> None:
        """One person at a provider signs in to one account: if another account was linked to them first (two links
        saved before the read model caught up), that first link stays and this one is left out, with a warning."""
        row = {"tenant_id": event.tenant_id, "issuer": event.issuer, "subject": event.subject}
        statement = self._insert_link[writer.conn.dialect.name]
        if writer.read(statement, {**row, "account_id": event.originator_id}).first() is not None:
            return
        owner = writer.read(self._link_owner, {"issuer": event.issuer, "subject": event.subject}).scalar()
        if owner == event.originator_id:
            return
        person = hashlib.sha256(f"{event.issuer}\n{event.subject}".encode()).hexdigest()[:12]
        log.warning(
            "Single sign-on link of account %s to person %s left out: already linked to account %s.",
            event.originator_id,
            person,
            owner or "of another consultancy",
        )

    def password_changed(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._set_password, {"t": event.tenant_id, "a": event.originator_id, "hash": event.password_hash})

    def calendar_key_issued(self, writer: GroupedWriter, event: Any) -> None:
        """The new key replaces the account's earlier one, which stops working."""
        self.calendar_key_revoked(writer, event)
        row = {"key_hash": event.key_hash, "tenant_id": event.tenant_id, "account_id": event.originator_id}
        writer.write(self._insert_calendar_key, row)

    def calendar_key_revoked(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._drop_calendar_keys, {"t": event.tenant_id, "a": event.originator_id})

    def invitation_issued(self, writer: GroupedWriter, event: Any) -> None:
        """The new link replaces the account's earlier one, which stops working."""
        self._drop_invitation(writer, event)
        row = {"key_hash": event.key_hash, "tenant_id": event.tenant_id, "account_id": event.originator_id}
        writer.write(self._insert_invitation, {**row, "expires_on": event.expires_on})

    def invitation_accepted(self, writer: GroupedWriter, event: Any) -> None:
        self._drop_invitation(writer, event)
        self.password_changed(writer, event)

    def account_deactivated(self, writer: GroupedWriter, event: Any) -> None:
        """Its invitation and calendar link stop with it; signing in and its sessions are refused by the row."""
        self._drop_invitation(writer, event)
        self.calendar_key_revoked(writer, event)
        row = {"tenant_id": event.tenant_id, "account_id": event.originator_id, "reason": event.reason}
        writer.write(self._insert_deactivated, {**row, "deactivated_at": event.timestamp})

    def account_reactivated(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._drop_deactivated, {"t": event.tenant_id, "a": event.originator_id})

    def api_token_issued(self, writer: GroupedWriter, event: Any) -> None:
        row = {"tenant_id": event.tenant_id, "token_id": event.token_id, "account_id": event.originator_id}
        details = {"name": event.name, "scopes": " ".join(event.scopes), "expires_on": event.expires_on}
        writer.write(
            self._insert_api_token,
            {**row, **details, "key_hash": event.key_hash, "created_at": event.timestamp, "revoked_at": None},
        )

    def api_token_revoked(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._revoke_api_token, {"t": event.tenant_id, "token": event.token_id, "at": event.timestamp})

    def client_registered(self, writer: GroupedWriter, event: Any) -> None:
        row = {"tenant_id": event.tenant_id, "client_id": event.originator_id, "organisation_id": event.organisation_id}
        details = {"name": event.name, "scopes": " ".join(event.scopes), "secret_hash": event.secret_hash}
        writer.write(self._insert_client, {**row, **details, "registered_at": event.timestamp, "revoked_at": None})

    def client_revoked(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._revoke_client, {"t": event.tenant_id, "client": event.originator_id, "at": event.timestamp})

    def _drop_invitation(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._drop_invitations, {"t": event.tenant_id, "a": event.originator_id})

    def account_opened(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(
            self._insert_account,
            {
                "tenant_id": event.tenant_id,
                "account_id": event.originator_id,
                "email": event.email,
                "display_name": event.display_name,
                "roles": ",".join(_directory_roles(event.roles, event.organisation_id)),
                "organisation_id": event.organisation_id,
                "password_hash": event.password_hash,
            },
        )
        writer.write(
            self._insert_sign_in,
            {"email": event.email, "tenant_id": event.tenant_id, "account_id": event.originator_id},
        )
        for role in event.roles:
            self._grant(writer, event, opening_grant_id(event.originator_id, role), role, None, None)

    def role_granted(self, writer: GroupedWriter, event: Any) -> None:
        self._grant(writer, event, event.grant_id, event.role, event.valid_from, event.valid_until)

    def _grant(self, writer: GroupedWriter, event: Any, grant_id: Any, role: str, start: Any, end: Any) -> None:
        """A stored member's role is read as its organisation's ISMS manager: what a member could do."""
        writer.write(
            self._insert_grant,
            {
                "tenant_id": event.tenant_id,
                "grant_id": grant_id,
                "account_id": event.originator_id,
                "role": Role.ISMS_MANAGER.value if role == Role.MEMBER else role,
                "organisation_id": event.organisation_id,
                "valid_from": start,
                "valid_until": end,
                "granted_by": event.actor_id,
                "granted_at": event.timestamp,
            },
        )

    def grant_revoked(self, writer: GroupedWriter, event: Any) -> None:
        row = {"t": event.tenant_id, "g": event.grant_id, "by": event.actor_id, "at": event.timestamp}
        writer.write(self._revoke_grant, {**row, "reason": event.reason})


def _directory_roles(roles: list[str], organisation_id: Any) -> list[str]:
    """The roles the account opened with, and `member` for anyone of an organisation (an auditor opens with none):
    what the lists of an organisation's people read. What the account may do is read from its grants."""
    return sorted({*roles, Role.MEMBER.value} if organisation_id is not None and roles else set(roles))
