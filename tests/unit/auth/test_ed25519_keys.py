"""Keys as operators give them: PEM or a base64 seed, each refusal naming the key; a generated key kept private."""

from __future__ import annotations

import base64
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key

from backend.ed25519_keys import generated_pem, private_key


def test_a_seed_and_its_pem_give_the_same_key() -> None:
    seed = bytes(range(32))
    from_seed = private_key(base64.b64encode(seed) + b"\n", "The key")
    pem = from_seed.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    assert private_key(pem, "The key").private_bytes_raw() == seed


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (b"not a key!", "The test key is neither PEM nor base64."),
        (base64.b64encode(b"short"), "The test key's seed must be 32 bytes."),
        (
            generate_private_key(SECP256R1()).private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            ),
            "The test key must be an Ed25519 key.",
        ),
    ],
)
def test_a_key_of_another_kind_or_form_is_refused_by_its_name(raw: bytes, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        private_key(raw, "The test key")


def test_a_generated_key_is_written_once_for_its_owner_alone(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "signing.pem"
    first = generated_pem(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert generated_pem(path) == first and private_key(first, "The key")
