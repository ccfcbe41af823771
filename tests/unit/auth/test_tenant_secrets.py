"""Consultancies' secrets: encrypted at rest, named by a keyed fingerprint, unreadable under another key."""

from __future__ import annotations

from pathlib import Path
from uuid import uuid4

import pytest
from sqlalchemy import create_engine, text

from backend.auth.tenant_secrets import OIDC_CLIENT_SECRET, TenantSecrets, build_tenant_secrets
from backend.settings import Settings

SECRET = "the-provider-gave-this-client-secret"


def test_a_secret_is_kept_encrypted_and_read_back_by_its_fingerprint(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'secrets.sqlite3'}")
    secrets = TenantSecrets(engine, b"k" * 32)
    secrets.create_table()
    tenant, other = uuid4(), uuid4()

    fingerprint = secrets.store(tenant, OIDC_CLIENT_SECRET, SECRET)

    assert secrets.store(tenant, OIDC_CLIENT_SECRET, SECRET) == fingerprint  # stored once
    assert secrets.read(tenant, OIDC_CLIENT_SECRET, fingerprint) == SECRET
    assert secrets.read(other, OIDC_CLIENT_SECRET, fingerprint) is None  # never another consultancy's
    with engine.connect() as conn:
        assert SECRET not in str(conn.execute(text("SELECT * FROM tenant_secrets")).all())
    other_key = TenantSecrets(engine, b"x" * 32)
    assert other_key.fingerprint(tenant, SECRET) != fingerprint  # keyed: not guessable from the history alone
    assert other_key.read(tenant, OIDC_CLIENT_SECRET, fingerprint) is None


def test_the_secrets_key_is_long_or_derived_from_the_secret_key(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="CORDEE_SECRETS_KEY"):
        Settings(secrets_key="short")  # type: ignore[arg-type]
    engine = create_engine(f"sqlite:///{tmp_path / 'secrets.sqlite3'}")
    derived = build_tenant_secrets(engine, Settings(secret_key="s" * 40))
    given = build_tenant_secrets(engine, Settings(secret_key="s" * 40, secrets_key="g" * 40))  # type: ignore[arg-type]
    tenant = uuid4()
    assert derived.fingerprint(tenant, SECRET) != given.fingerprint(tenant, SECRET)
