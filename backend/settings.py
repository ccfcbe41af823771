"""Configuration from `CORDEE_*` environment variables. With nothing set, the embedded default runs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from backend.ed25519_keys import private_key

DEVELOPMENT_SECRET = "cordee-development-secret-not-for-production"  # noqa: S105 - refused in production


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CORDEE_", extra="ignore")

    env: Literal["development", "test", "production"] = "development"
    data_dir: Path = Path("var")
    database_url: str | None = None
    """A PostgreSQL URL (postgresql+psycopg://user:password@host:port/db). Unset: SQLite files in `data_dir`."""
    database_owner_url: str | None = None
    """PostgreSQL row-level security: the tables' owner, who creates and upgrades them and installs the policies at
    start-up; `database_url` then names a role of its own, not the owner (docs/identity.md)."""
    database_tenant_url: str | None = None
    """PostgreSQL row-level security: the role a request reads through, seeing its tenant's rows only."""
    secret_key: str = DEVELOPMENT_SECRET
    secrets_key: SecretStr | None = None
    """The key consultancies' secrets (an OpenID provider's client secret) are encrypted with, at least 32
    characters. Unset: a key derived from `secret_key`."""
    host: str = "127.0.0.1"
    port: int = 8000
    workers: Annotated[int, Field(ge=1, le=64)] = 1
    """Worker processes of `cordee serve`; each builds its own services and runs its own projection runner."""
    live_stream_seconds: Annotated[float, Field(gt=0, le=600)] = 55
    """A live page's stream of server-sent events ends after this long; the browser reconnects (docs/live.md)."""
    live_poll_seconds: Annotated[float, Field(gt=0, le=60)] = 1.0
    """How often, at most, the live streams read whether the projections moved (once for all streams)."""
    live_streams_per_session: Annotated[int, Field(ge=1, le=100)] = 4
    live_streams_per_tenant: Annotated[int, Field(ge=1)] = 200
    session_hours: int = 12
    """A session's absolute lifetime: it ends this long after sign-in, however busy."""
    session_idle_minutes: Annotated[float, Field(gt=0)] = 60
    """A session unused for this long ends."""
    second_factor_pending_minutes: Annotated[float, Field(gt=0, le=30)] = 5
    """How long, after a right password, the code of the second factor may come."""
    password_reset_minutes: Annotated[float, Field(gt=0, le=1440)] = 30
    """How long a password reset link works (once)."""
    public_url: str | None = None
    """This instance's address as people reach it (https://cordee.example.org): the links in e-mails start with it.
    Unset: http://<host>:<port>. Never taken from a request's Host header, which the sender chooses."""
    # Outgoing e-mail (password reset links). Unset host: no mail is sent, and the server logs that it could not.
    smtp_host: str | None = None
    smtp_port: Annotated[int, Field(ge=1, le=65535)] = 25
    smtp_from: str = "cordee@localhost"
    smtp_starttls: bool = False
    """Upgrade the connection with STARTTLS before sending (and before logging in)."""
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_timeout_seconds: Annotated[float, Field(gt=0)] = 10
    # Sign-in throttling: after a few wrong passwords for one e-mail or from one address, each attempt waits longer;
    # after more, the e-mail (or the address) is locked for a while, and even the right password is refused.
    sign_in_free_failures: Annotated[int, Field(ge=0)] = 3
    sign_in_first_delay_seconds: Annotated[float, Field(ge=0)] = 0.25
    sign_in_max_delay_seconds: Annotated[float, Field(ge=0)] = 4.0
    sign_in_account_lock_failures: Annotated[int, Field(ge=1)] = 10
    sign_in_address_lock_failures: Annotated[int, Field(ge=1)] = 30
    sign_in_window_seconds: Annotated[float, Field(gt=0)] = 900
    sign_in_lock_seconds: Annotated[float, Field(ge=0)] = 900
    projection_wait_seconds: float = 10.0
    projection_batch_size: int = 500
    run_projections_in_process: bool = True
    operator_token: str | None = None
    """A bearer token for `/health/status`, the detailed status for operators. Unset: that endpoint does not exist."""
    audit_origin: str = "cordee.local"
    """The log's origin in checkpoints (`<origin>/tenants/<id>`) and the signing key's name: this instance's host."""
    audit_signing_key: SecretStr | None = None
    """The Ed25519 key that signs checkpoints: PEM, or the base64 of a 32-byte seed. Required in production."""
    audit_signing_key_file: Path | None = None
    """A file holding that key instead (same forms)."""
    audit_checkpoint_every_events: Annotated[int, Field(ge=1)] = 1000
    """A tenant's checkpoint is signed once its log has grown by this many events..."""
    audit_checkpoint_every_minutes: Annotated[float, Field(gt=0)] = 60
    """...or when this long has passed since its last one and it has grown at all."""
    api_signing_keys: SecretStr | None = None
    """The Ed25519 keys that sign API access tokens (PEM, or base64 32-byte seeds), the signing one first; the others
    still verify the tokens they signed until those expire. Required in production."""
    api_signing_keys_file: Path | None = None
    """A file holding those keys instead (same forms)."""
    api_token_issuer: str = "https://cordee.local"  # noqa: S105 (an address)
    """The `iss` of access tokens: this instance's public address."""
    api_token_audience: str = "cordee-api"  # noqa: S105 (a name)
    """The `aud` of access tokens: what they are good for."""
    api_token_minutes: Annotated[int, Field(ge=1, le=60)] = 10
    """How long an access token from `/oauth/token` works."""
    as_of_cache_entries: Annotated[int, Field(ge=1, le=256)] = 8
    """How many read models as of a past moment (per tenant and moment) a process keeps built."""
    as_of_cache_seconds: Annotated[float, Field(gt=0)] = 600
    """How long a read model as of a past moment is kept after it was built."""
    label_signing_keys: SecretStr | None = None
    """Each labelling body's Ed25519 key, signing its labels' credentials and status lists, as a JSON object by the
    body's short name: `{"label-board": "<PEM, or the base64 of a 32-byte seed>"}`, or, across a rotation,
    `{"label-board": {"current": "<key>", "retired": ["<key>", ...]}}`: the current key signs, the retired ones are
    still published so that the credentials they signed still verify. Unset outside production: a key is generated
    once per body into the data folder. In production no key is ever generated: a body without its key here
    publishes no credential (its addresses answer 503), and with any key here `public_url` must be an https address,
    the one the credentials name as their issuer."""

    @model_validator(mode="after")
    def _refuse_default_secret_in_production(self) -> Settings:
        if self.is_production and self.secret_key == DEVELOPMENT_SECRET:
            raise ValueError("CORDEE_SECRET_KEY must be set to a secret of your own in production.")
        if self.is_production and len(self.secret_key) < 32:
            raise ValueError("CORDEE_SECRET_KEY must be at least 32 characters in production.")
        if self.is_production and not (self.audit_signing_key or self.audit_signing_key_file):
            raise ValueError("CORDEE_AUDIT_SIGNING_KEY or CORDEE_AUDIT_SIGNING_KEY_FILE must be set in production.")
        if self.is_production and not (self.api_signing_keys or self.api_signing_keys_file):
            raise ValueError("CORDEE_API_SIGNING_KEYS or CORDEE_API_SIGNING_KEYS_FILE must be set in production.")
        if (self.database_owner_url or self.database_tenant_url) and not (
            self.database_url and self.database_owner_url and self.database_tenant_url
        ):
            raise ValueError(
                "Row-level security needs CORDEE_DATABASE_URL, CORDEE_DATABASE_OWNER_URL and "
                "CORDEE_DATABASE_TENANT_URL."
            )
        if self.secrets_key is not None and len(self.secrets_key.get_secret_value()) < 32:
            raise ValueError("CORDEE_SECRETS_KEY must be at least 32 characters.")
        if self.label_keys() and self.is_production and not _https_address(self.public_url):
            raise ValueError(
                "CORDEE_PUBLIC_URL must be this instance's https address (https://cordee.example.org) in production "
                "when CORDEE_LABEL_SIGNING_KEYS is set: every credential names it as its issuer, for good."
            )  # label_keys(): a key that cannot be read stops the start, not the first verifier
        if self.is_production and self.operator_token is not None and len(self.operator_token) < 32:
            raise ValueError("CORDEE_OPERATOR_TOKEN must be at least 32 characters in production.")
        return self

    def label_keys(self) -> dict[str, tuple[bytes, ...]]:
        """`label_signing_keys`, read: each body's short name and its keys, the current one first then the retired
        ones, each checked to be an Ed25519 key."""
        if self.label_signing_keys is None:
            return {}
        try:
            given = json.loads(self.label_signing_keys.get_secret_value())
        except ValueError:
            given = None
        keys = {slug: _body_keys(value) for slug, value in given.items()} if isinstance(given, dict) else None
        if keys is None or not all(keys.values()):
            raise ValueError(
                'CORDEE_LABEL_SIGNING_KEYS must be a JSON object: {"<body>": "<key>", ...}, or '
                '{"<body>": {"current": "<key>", "retired": ["<key>", ...]}, ...}.'
            )
        for slug, body_keys in keys.items():
            for number, key in enumerate(body_keys):
                which = "" if number == 0 else f"['retired'][{number - 1}]"
                private_key(key, f"CORDEE_LABEL_SIGNING_KEYS[{slug!r}]{which}")
        return keys

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def uses_postgres(self) -> bool:
        return bool(self.database_url)

    @property
    def row_security(self) -> bool:
        """PostgreSQL with row-level security: an owner for the schema, a role for the services, one for tenants."""
        return bool(self.database_owner_url and self.database_tenant_url)

    @property
    def read_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'read-models.sqlite3').resolve()}"

    @property
    def event_store_path(self) -> Path:
        return self.data_dir / "events.sqlite3"


def _body_keys(value: object) -> tuple[bytes, ...]:
    """A body's keys as configured, the current first; empty when the value has neither shape."""
    if isinstance(value, str):
        return (value.encode(),)
    if not isinstance(value, dict) or set(value) - {"current", "retired"}:
        return ()
    current, retired = value.get("current"), value.get("retired", [])
    if not isinstance(current, str) or not isinstance(retired, list) or not all(isinstance(k, str) for k in retired):
        return ()
    return tuple(key.encode() for key in (current, *retired))


def _https_address(url: str | None) -> bool:
    parts = urlsplit(url or "")
    return parts.scheme == "https" and bool(parts.hostname) and not (parts.query or parts.fragment)
