"""The API signing keys: read from settings in their forms, the first signing, generated only outside production."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import SecretStr

from backend.auth.api_keys import GENERATED_KEY_FILE, SigningKeyMissing, load_api_keys
from backend.settings import Settings


def seed(n: int) -> str:
    return base64.b64encode(bytes([n]) * 32).decode()


def pem() -> str:
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return raw.decode()


def test_keys_come_from_seeds_or_pem_blocks_the_first_signing(tmp_path: Path) -> None:
    seeds = load_api_keys(Settings(env="test", data_dir=tmp_path, api_signing_keys=SecretStr(f"{seed(1)}\n{seed(2)}")))
    again = load_api_keys(Settings(env="test", data_dir=tmp_path, api_signing_keys=SecretStr(seed(2))))
    assert len(seeds.keys) == 2 and seeds.keys[1].kid == again.current.kid != seeds.current.kid
    (tmp_path / "keys.pem").write_text(pem() + pem())
    from_file = load_api_keys(Settings(env="test", data_dir=tmp_path, api_signing_keys_file=tmp_path / "keys.pem"))
    assert len(from_file.jwks()["keys"]) == 2
    assert all(set(key) == {"kty", "crv", "x", "kid", "alg", "use"} for key in from_file.jwks()["keys"])


def test_a_key_is_generated_once_outside_production_and_refused_missing_in_it(tmp_path: Path) -> None:
    first = load_api_keys(Settings(env="test", data_dir=tmp_path))
    assert load_api_keys(Settings(env="test", data_dir=tmp_path)).current.kid == first.current.kid
    assert (tmp_path / GENERATED_KEY_FILE).stat().st_mode & 0o077 == 0
    with pytest.raises(ValueError, match="CORDEE_API_SIGNING_KEYS"):
        Settings(env="production", secret_key="s" * 40, audit_signing_key=seed(3))
    production = Settings(env="production", secret_key="s" * 40, audit_signing_key=seed(3), api_signing_keys=seed(4))
    with pytest.raises(SigningKeyMissing):
        load_api_keys(production.model_copy(update={"api_signing_keys": None}))


@pytest.mark.parametrize("bad", ["not base64!", base64.b64encode(b"short").decode()])
def test_a_malformed_key_is_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="API signing key"):
        load_api_keys(Settings(env="test", data_dir=tmp_path, api_signing_keys=SecretStr(bad)))
