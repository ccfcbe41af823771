"""Secrets a consultancy configures (its OpenID provider's client secret), kept encrypted, outside the events.

History is evidence and is exported in audit bundles, so a secret never enters it: the event records only the
secret's fingerprint, a keyed hash that names it without revealing it. The secret is encrypted with Fernet
(AES-128-CBC and HMAC-SHA256, from `cryptography`) under `CORDEE_SECRETS_KEY`, or, when that is unset, a key derived
from `CORDEE_SECRET_KEY`. Rows are keyed by tenant and fingerprint, so a secret stored for a configuration that was
then refused is never the one in use: sign-in reads the secret whose fingerprint the current configuration names.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import UTC, datetime
from uuid import UUID

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Column, DateTime, Engine, MetaData, String, Table, Text, Uuid, select
from sqlalchemy.exc import IntegrityError

from backend.settings import Settings

SECRET_MAX_LENGTH = 1000
OIDC_CLIENT_SECRET = "oidc_client_secret"  # noqa: S105 (the name a secret is kept under, not a secret)

_metadata = MetaData()
tenant_secrets = Table(
    "tenant_secrets",
    _metadata,
    Column("tenant_id", Uuid, primary_key=True),
    Column("name", String(64), primary_key=True),
    Column("fingerprint", String(16), primary_key=True),
    Column("ciphertext", Text, nullable=False),
    Column("stored_at", DateTime(timezone=True), nullable=False),
)


class TenantSecrets:
    def __init__(self, engine: Engine, key: bytes) -> None:
        self.engine = engine
        self._fernet = Fernet(base64.urlsafe_b64encode(_derive(key, b"cordee tenant secrets: encryption")))
        self._fingerprint_key = _derive(key, b"cordee tenant secrets: fingerprint")

    def create_table(self) -> None:
        _metadata.create_all(self.engine)

    def fingerprint(self, tenant_id: UUID, secret: str) -> str:
        """16 hexadecimal digits naming the secret in the tenant's history; keyed, so it cannot be guessed back."""
        message = f"{tenant_id}:{secret}".encode()
        return hmac.new(self._fingerprint_key, message, hashlib.sha256).hexdigest()[:16]

    def store(self, tenant_id: UUID, name: str, secret: str) -> str:
        """Keeps the secret, encrypted; answers its fingerprint."""
        fingerprint = self.fingerprint(tenant_id, secret)
        row = {
            "tenant_id": tenant_id,
            "name": name,
            "fingerprint": fingerprint,
            "ciphertext": self._fernet.encrypt(secret.encode()).decode(),
            "stored_at": datetime.now(UTC),
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(tenant_secrets.insert().values(row))
        except IntegrityError:
            pass  # the same secret, stored before
        return fingerprint

    def read(self, tenant_id: UUID, name: str, fingerprint: str) -> str | None:
        """The secret of the tenant with this fingerprint, or None (never stored here, or stored under another key)."""
        query = select(tenant_secrets.c.ciphertext).where(
            tenant_secrets.c.tenant_id == tenant_id,
            tenant_secrets.c.name == name,
            tenant_secrets.c.fingerprint == fingerprint,
        )
        with self.engine.connect() as conn:
            ciphertext = conn.execute(query).scalar_one_or_none()
        if ciphertext is None:
            return None
        try:
            return self._fernet.decrypt(ciphertext.encode()).decode()
        except InvalidToken:
            return None


def _derive(key: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(key)


def build_tenant_secrets(engine: Engine, settings: Settings) -> TenantSecrets:
    key = settings.secrets_key.get_secret_value() if settings.secrets_key else settings.secret_key
    secrets = TenantSecrets(engine, key.encode())
    secrets.create_table()
    return secrets
