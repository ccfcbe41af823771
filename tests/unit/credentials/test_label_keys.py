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
    "public_url": "https://cordee.example.org",
}
OLD_SEED = bytes(range(32, 64))


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


def seed(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def test_production_signs_with_the_key_configured_for_the_body(tmp_path: Path) -> None:
    settings = Settings(**PRODUCTION, label_signing_keys=json.dumps({"label-board": seed(SEED)}))
    keys = LabelKeys(settings.label_keys(), tmp_path, settings.is_production)
    published = keys.key_set(BODY)["keys"]
    assert [key["x"] for key in published] == [public_x(SEED)]
    assert all("d" not in key for key in published)
    with pytest.raises(LabelKeyMissing):  # another body has no key of its own: it never borrows one
        keys.key(PublishedBody(uuid.uuid4(), "other-board", "Other", "https://labels.example"))


@pytest.mark.parametrize(
    "given",
    [
        '{"label-board": "not a key"}',
        "[]",
        "not json",
        '{"label-board": 42}',
        '{"label-board": "QUFB"}',
        '{"label-board": {"retired": []}}',
        '{"label-board": {"current": "' + seed(SEED) + '", "retired": ["QUFB"]}}',
        '{"label-board": {"current": "' + seed(SEED) + '", "retired": "' + seed(OLD_SEED) + '"}}',
        '{"label-board": {"current": "' + seed(SEED) + '", "spare": []}}',
    ],
    ids=[
        "garbage-key",
        "not-an-object",
        "not-json",
        "not-a-string",
        "short-seed",
        "no-current",
        "short-retired",
        "retired-not-a-list",
        "unknown-member",
    ],
)
def test_a_configured_key_that_cannot_be_read_stops_the_start(given: str) -> None:
    with pytest.raises(ValidationError, match="CORDEE_LABEL_SIGNING_KEYS"):
        Settings(**PRODUCTION, label_signing_keys=given)


def test_across_a_rotation_the_current_key_signs_and_every_key_is_published(tmp_path: Path) -> None:
    rotated = {"label-board": {"current": seed(SEED), "retired": [seed(OLD_SEED)]}}
    settings = Settings(**PRODUCTION, label_signing_keys=json.dumps(rotated))
    keys = LabelKeys(settings.label_keys(), tmp_path, settings.is_production)
    assert [key["x"] for key in keys.key_set(BODY)["keys"]] == [public_x(SEED), public_x(OLD_SEED)]
    assert keys.key(BODY).kid == keys.key_set(BODY)["keys"][0]["kid"]  # the current key signs
    assert all("d" not in key for key in keys.key_set(BODY)["keys"])


@pytest.mark.parametrize(
    "public_url",
    [None, "http://cordee.example.org", "https://", "https://cordee.example.org/?x=1", "cordee.example.org"],
    ids=["unset", "plain-http", "no-host", "query", "no-scheme"],
)
def test_production_with_label_keys_refuses_to_start_without_an_https_public_address(public_url: str | None) -> None:
    given = PRODUCTION | {"public_url": public_url, "label_signing_keys": json.dumps({"label-board": seed(SEED)})}
    with pytest.raises(ValidationError, match="CORDEE_PUBLIC_URL must be this instance's https address"):
        Settings(**given)
    Settings(**PRODUCTION | {"public_url": public_url})  # without label keys no credential names it
