"""Each labelling body's signing key: the one configured for it, or outside production one generated once into the
data folder; production never generates one, and a configured key that cannot be read stops the start."""

from __future__ import annotations

import base64
import json
import uuid
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pydantic import ValidationError

from backend.credentials.published import LabelKeyMissing, LabelKeys, PublishedBody
from backend.settings import Settings

BODY = PublishedBody(uuid.uuid4(), "label-board", "ISMS Label Board", "https://labels.example")
SEED = bytes(range(32))
PRODUCTION = {
    "env": "production",
    "secret_key": "s" * 40,
    "audit_signing_key": base64.b64encode(SEED).decode(),
    "api_signing_keys": base64.b64encode(SEED[::-1]).decode(),
}


def public_x(seed: bytes) -> str:
    raw = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def test_production_never_generates_a_body_s_key(tmp_path: Path) -> None:
    keys = LabelKeys({}, tmp_path, production=True)
    with pytest.raises(LabelKeyMissing):
        keys.key(BODY)
    assert list(tmp_path.iterdir()) == []


def test_outside_production_a_key_is_generated_once_per_body(tmp_path: Path) -> None:
    first = LabelKeys({}, tmp_path, production=False).key_set(BODY)
    again = LabelKeys({}, tmp_path, production=False).key_set(BODY)  # another process of the same instance
    assert first == again
    assert [path.name for path in tmp_path.iterdir()] == ["labels-signing-key-label-board.pem"]
    assert first["keys"][0]["kid"].startswith("https://labels.example/labels/label-board/jwks.json#")


def test_production_signs_with_the_key_configured_for_the_body(tmp_path: Path) -> None:
    settings = Settings(**PRODUCTION, label_signing_keys=json.dumps({"label-board": base64.b64encode(SEED).decode()}))
    keys = LabelKeys(settings.label_keys(), tmp_path, settings.is_production)
    published = keys.key_set(BODY)["keys"]
    assert [key["x"] for key in published] == [public_x(SEED)]
    assert all("d" not in key for key in published)
    with pytest.raises(LabelKeyMissing):  # another body has no key of its own: it never borrows one
        keys.key(PublishedBody(uuid.uuid4(), "other-board", "Other", "https://labels.example"))


@pytest.mark.parametrize(
    "given",
    ['{"label-board": "not a key"}', "[]", "not json", '{"label-board": 42}', '{"label-board": "QUFB"}'],
    ids=["garbage-key", "not-an-object", "not-json", "not-a-string", "short-seed"],
)
def test_a_configured_key_that_cannot_be_read_stops_the_start(given: str) -> None:
    with pytest.raises(ValidationError, match="CORDEE_LABEL_SIGNING_KEYS"):
        Settings(**PRODUCTION, label_signing_keys=given)
