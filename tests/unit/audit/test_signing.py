"""The checkpoint signing key: where it comes from, the signed note it writes, and a rotation that keeps every
earlier checkpoint verifiable."""

from __future__ import annotations

import base64
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient

from backend.app import create_app
from backend.audit.signing import GENERATED_KEY_FILE, load_signer
from backend.audit.verifier import checkpoint_body, parse_checkpoint, parse_vkey, signature_valid
from backend.services import build_services
from backend.settings import Settings
from tests.conftest import sqlite_settings
from tests.integration.application_case import Tenant


def seed() -> str:
    return base64.b64encode(bytes(range(32))).decode()


def test_a_signed_note_is_a_c2sp_checkpoint_that_verifies_with_its_verifier_key(tmp_path: Path) -> None:
    signer = load_signer(
        Settings(env="test", data_dir=tmp_path, audit_signing_key=seed(), audit_origin="cordee.example")
    )
    note = signer.sign(checkpoint_body("cordee.example/tenants/x", 3, bytes(32), ["time 2026-12-07T00:00:00Z"]))
    text, signature_line = note.split("\n\n")
    assert text.splitlines() == [
        "cordee.example/tenants/x",
        "3",
        base64.b64encode(bytes(32)).decode(),
        "time 2026-12-07T00:00:00Z",
    ]
    assert signature_line.startswith("\u2014 cordee.example ") and signature_line.endswith("\n")
    name, key_id, public = parse_vkey(signer.vkey)
    assert (name, key_id.hex(), public) == ("cordee.example", signer.key_id, signer.public_key)
    parsed = parse_checkpoint(note)
    assert (parsed.origin, parsed.size, parsed.root) == ("cordee.example/tenants/x", 3, bytes(32))
    assert signature_valid(parsed, name, public)
    other = (
        Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    assert not signature_valid(parsed, name, other)
    assert not signature_valid(parse_checkpoint(note.replace("\n3\n", "\n4\n")), name, public)


def test_the_key_is_read_from_pem_or_a_seed_in_the_environment_or_a_file(tmp_path: Path) -> None:
    key = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    (tmp_path / "key.pem").write_bytes(pem)
    from_seed = load_signer(Settings(env="test", data_dir=tmp_path, audit_signing_key=seed()))
    from_pem = load_signer(Settings(env="test", data_dir=tmp_path, audit_signing_key=pem.decode()))
    from_file = load_signer(Settings(env="test", data_dir=tmp_path, audit_signing_key_file=tmp_path / "key.pem"))
    assert from_seed.public_key == from_pem.public_key == from_file.public_key
    with pytest.raises(ValueError, match="32 bytes"):
        load_signer(Settings(env="test", data_dir=tmp_path, audit_signing_key=base64.b64encode(b"short").decode()))


def test_development_generates_a_key_once_readable_by_its_owner_only(tmp_path: Path) -> None:
    first = load_signer(Settings(env="development", data_dir=tmp_path))
    again = load_signer(Settings(env="development", data_dir=tmp_path))
    assert first.public_key == again.public_key
    assert stat.S_IMODE((tmp_path / GENERATED_KEY_FILE).stat().st_mode) == 0o600


def test_a_rotated_key_keeps_the_older_checkpoints_verifiable_and_both_keys_published(tmp_path: Path) -> None:
    old = build_services(sqlite_settings(tmp_path))
    tenant = Tenant(old, "alpine")
    first = old.audit.checkpoint(tenant.id)
    old.close()
    rotated = Settings(**{**sqlite_settings(tmp_path).model_dump(), "audit_signing_key": seed()})
    new = build_services(rotated)
    try:
        tenant.run_a_session(new)
        second = new.audit.checkpoint(tenant.id)
        assert first and second and first.key_id != second.key_id
        reports = new.audit.verify(tenant.id)
        assert [p for r in reports for p in r.problems] == []
        assert reports[0].checkpoints == 2
        published = TestClient(create_app(rotated, new)).get("/audit/keys").json()
        assert [(k["keyId"], k["current"]) for k in published["keys"]] == [(first.key_id, False), (second.key_id, True)]
        assert all(parse_vkey(k["verifierKey"])[1].hex() == k["keyId"] for k in published["keys"])
    finally:
        new.close()
