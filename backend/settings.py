"""Configuration from `CORDEE_*` environment variables. With nothing set, the embedded default runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_SECRET = "cordee-development-secret-not-for-production"  # noqa: S105 - refused in production


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CORDEE_", extra="ignore")

    env: Literal["development", "test", "production"] = "development"
    data_dir: Path = Path("var")
    database_url: str | None = None
    """A PostgreSQL URL (postgresql+psycopg://user:password@host:port/db). Unset: SQLite files in `data_dir`."""
    secret_key: str = DEVELOPMENT_SECRET
    secrets_key: SecretStr | None = None
    """The key consultancies' secrets (an OpenID provider's client secret) are encrypted with, at least 32
    characters. Unset: a key derived from `secret_key`."""
    host: str = "127.0.0.1"
    port: int = 8000
    workers: Annotated[int, Field(ge=1, le=64)] = 1
    """Worker processes of `cordee serve`; each builds its own services and runs its own projection runner."""
    session_hours: int = 12
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
    as_of_cache_entries: Annotated[int, Field(ge=1, le=256)] = 8
    """How many read models as of a past moment (per tenant and moment) a process keeps built."""
    as_of_cache_seconds: Annotated[float, Field(gt=0)] = 600
    """How long a read model as of a past moment is kept after it was built."""

    @model_validator(mode="after")
    def _refuse_default_secret_in_production(self) -> Settings:
        if self.is_production and self.secret_key == DEVELOPMENT_SECRET:
            raise ValueError("CORDEE_SECRET_KEY must be set to a secret of your own in production.")
        if self.is_production and len(self.secret_key) < 32:
            raise ValueError("CORDEE_SECRET_KEY must be at least 32 characters in production.")
        if self.is_production and not (self.audit_signing_key or self.audit_signing_key_file):
            raise ValueError("CORDEE_AUDIT_SIGNING_KEY or CORDEE_AUDIT_SIGNING_KEY_FILE must be set in production.")
        if self.secrets_key is not None and len(self.secrets_key.get_secret_value()) < 32:
            raise ValueError("CORDEE_SECRETS_KEY must be at least 32 characters.")
        if self.is_production and self.operator_token is not None and len(self.operator_token) < 32:
            raise ValueError("CORDEE_OPERATOR_TOKEN must be at least 32 characters in production.")
        return self

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def uses_postgres(self) -> bool:
        return bool(self.database_url)

    @property
    def read_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'read-models.sqlite3').resolve()}"

    @property
    def event_store_path(self) -> Path:
        return self.data_dir / "events.sqlite3"
