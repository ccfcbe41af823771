"""Consultancies, their accounts, the sign-in directory and the programme templates: the read tables."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Float, Index, Integer, String, Text, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    _consultancies(table)
    _accounts(table)
    _sign_ins(table)
    _calendar_keys(table)
    _invitations(table)
    _deactivated_accounts(table)
    _account_grants(table)
    _programme_templates(table)
    _api_tokens(table)
    _integration_clients(table)
    _single_sign_on(table)


def _consultancies(table: TableFactory) -> None:
    table(
        "consultancies",
        Column("tenant_id", Uuid, nullable=False),
        Column("name", String(200), nullable=False),
        Column("slug", String(64), nullable=False),
        Column("allows_clusters_above_standard_size", Boolean, nullable=False),
        Column("template_version", Integer, nullable=False),
        Column("single_organisation_baseline_days", Float),
        Column("requires_second_factor", Boolean, nullable=False, default=False),
        key=("tenant_id",),
    )


def _accounts(table: TableFactory) -> None:
    table(
        "accounts",
        Column("tenant_id", Uuid, nullable=False),
        Column("account_id", Uuid, nullable=False),
        Column("email", String(254), nullable=False),
        Column("display_name", String(200), nullable=False),
        Column("roles", String(200), nullable=False),
        Column("organisation_id", Uuid),
        Column("password_hash", Text, nullable=False),
        key=("tenant_id", "account_id"),
    )
    accounts = table.defined["accounts"]
    Index(f"{table.prefix}accounts_by_name", accounts.c.tenant_id, accounts.c.display_name, accounts.c.account_id)


def _sign_ins(table: TableFactory) -> None:
    table(
        "sign_ins",
        Column("email", String(254), nullable=False),
        Column("tenant_id", Uuid, nullable=False),
        Column("account_id", Uuid, nullable=False),
        key=("email",),
    )


def _calendar_keys(table: TableFactory) -> None:
    """The hash of each person's secret calendar link: global, read by the calendar feed only (like `sign_ins`)."""
    table(
        "calendar_keys",
        Column("key_hash", String(64), nullable=False),
        Column("tenant_id", Uuid, nullable=False),
        Column("account_id", Uuid, nullable=False),
        key=("key_hash",),
    )


def _invitations(table: TableFactory) -> None:
    """The hash of each account's open invitation link: global, read by the invitation page only (like `sign_ins`)."""
    table(
        "invitations",
        Column("key_hash", String(64), nullable=False),
        Column("tenant_id", Uuid, nullable=False),
        Column("account_id", Uuid, nullable=False),
        Column("expires_on", Date, nullable=False),
        key=("key_hash",),
    )


def _deactivated_accounts(table: TableFactory) -> None:
    """The accounts that may no longer sign in: a row while deactivated, gone once reactivated."""
    table(
        "deactivated_accounts",
        Column("tenant_id", Uuid, nullable=False),
        Column("account_id", Uuid, nullable=False),
        Column("reason", Text, nullable=False),
        Column("deactivated_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "account_id"),
    )


def _account_grants(table: TableFactory) -> None:
    """Every role ever granted, revoked ones included: who holds which role, on which organisation (none: the
    consultancy), from when until when, granted and revoked by whom. A stored member's role reads as ISMS manager."""
    table(
        "account_grants",
        Column("tenant_id", Uuid, nullable=False),
        Column("grant_id", Uuid, nullable=False),
        Column("account_id", Uuid, nullable=False),
        Column("role", String(32), nullable=False),
        Column("organisation_id", Uuid),
        Column("valid_from", Date),
        Column("valid_until", Date),
        Column("granted_by", Uuid, nullable=False),
        Column("granted_at", DateTime(timezone=True), nullable=False),
        Column("revoked_by", Uuid),
        Column("revoked_at", DateTime(timezone=True)),
        Column("revoke_reason", Text),
        key=("tenant_id", "grant_id"),
    )


def _programme_templates(table: TableFactory) -> None:
    table(
        "programme_templates",
        Column("tenant_id", Uuid, nullable=False),
        Column("version", Integer, nullable=False),
        Column("template", JSON, nullable=False),
        Column("changed_at", DateTime(timezone=True)),
        key=("tenant_id", "version"),
    )


def _api_tokens(table: TableFactory) -> None:
    """Each person's personal access tokens: the hash of the secret, never the secret; a revoked one keeps its row."""
    table(
        "api_tokens",
        Column("tenant_id", Uuid, nullable=False),
        Column("token_id", Uuid, nullable=False),
        Column("account_id", Uuid, nullable=False),
        Column("name", String(100), nullable=False),
        Column("scopes", String(100), nullable=False),
        Column("expires_on", Date, nullable=False),
        Column("key_hash", String(64), nullable=False, index=True),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("revoked_at", DateTime(timezone=True)),
        key=("tenant_id", "token_id"),
    )


def _integration_clients(table: TableFactory) -> None:
    """The programs that act for a member organisation with a client id and secret (its hash only)."""
    table(
        "integration_clients",
        Column("tenant_id", Uuid, nullable=False),
        Column("client_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("name", String(100), nullable=False),
        Column("scopes", String(100), nullable=False),
        Column("secret_hash", String(64), nullable=False),
        Column("registered_at", DateTime(timezone=True), nullable=False),
        Column("revoked_at", DateTime(timezone=True)),
        key=("tenant_id", "client_id"),
    )


def _single_sign_on(table: TableFactory) -> None:
    """Each consultancy's OpenID provider (its secret lives encrypted in the backend's secrets table), and the
    accounts linked to a provider's subjects."""
    table(
        "single_sign_on_providers",
        Column("tenant_id", Uuid, nullable=False),
        Column("issuer", String(500), nullable=False),
        Column("client_identifier", String(255), nullable=False),
        Column("allowed_domains", Text, nullable=False),
        Column("enabled", Boolean, nullable=False),
        Column("secret_fingerprint", String(16), nullable=False),
        key=("tenant_id",),
    )
    links = table(
        "single_sign_on_links",
        Column("tenant_id", Uuid, nullable=False),
        Column("issuer", String(500), nullable=False),
        Column("subject", String(255), nullable=False),
        Column("account_id", Uuid, nullable=False),
        key=("tenant_id", "issuer", "subject"),
    )
    # One account per person at a provider, across consultancies too (two may share an issuer, Google's say): the
    # database refuses a second row however it would come. Added to an existing table at the next start.
    Index(f"{links.name}_by_subject", links.c.issuer, links.c.subject, unique=True)
