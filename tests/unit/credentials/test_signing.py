import base64
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from joserfc import jwt
from joserfc.jwk import OctKey

from backend.credentials.openbadges import open_badge
from backend.credentials.signing import (
    CredentialRefused,
    configured_key,
    jwks,
    key_named,
    public_jwk,
    sign,
    signing_key,
    verify,
)
from tests.unit.credentials.support import JWKS_URL, label, new_key


def segments(token: str) -> list[dict]:
    header, payload, _ = token.split(".")
    return [json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))) for part in (header, payload)]


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def published_key(key) -> dict:
    """What a verifier has: the published set, parsed from JSON, with nothing private in it."""
    published = json.loads(json.dumps(jwks(key)))
    (only,) = published["keys"]
    return only


def test_a_credential_verifies_with_only_the_published_public_key():
    key = new_key()
    credential = open_badge(label())
    public = published_key(key)

    assert "d" not in public
    assert verify(sign(credential, key), public) == credential


def test_the_header_names_the_algorithm_the_key_and_the_type_and_nothing_else():
    key = new_key()
    header, _ = segments(sign(open_badge(label()), key))

    assert header == {"alg": "EdDSA", "kid": key.kid, "typ": "JWT"}
    assert key.kid.startswith(f"{JWKS_URL}#")


def test_the_registered_claims_mirror_the_credential():
    _, payload = segments(sign(open_badge(label()), new_key()))

    assert payload["iss"] == payload["issuer"]["id"]
    assert payload["jti"] == payload["id"]
    assert payload["sub"] == payload["credentialSubject"]["id"]
    assert payload["nbf"] == 1796653800  # 2026-12-07T14:30:00Z
    assert payload["exp"] == 1891296000  # 2029-12-07T00:00:00Z
    assert "vc" not in payload  # the credential is the payload (Data Model 2.0), not wrapped


def test_one_character_changed_in_the_payload_is_refused():
    key = new_key()
    header, payload, signature = sign(open_badge(label()), key).split(".")
    middle = len(payload) // 2
    flipped = "A" if payload[middle] != "A" else "B"
    tampered = f"{header}.{payload[:middle]}{flipped}{payload[middle + 1 :]}.{signature}"

    with pytest.raises(CredentialRefused):
        verify(tampered, published_key(key))


def test_another_name_put_in_the_payload_is_refused():
    key = new_key()
    header, _, signature = sign(open_badge(label()), key).split(".")
    _, payload = segments(sign(open_badge(label()), key))
    payload["credentialSubject"]["identifier"][0]["identityHash"] = "Someone Else"

    with pytest.raises(CredentialRefused):
        verify(f"{header}.{b64(payload)}.{signature}", published_key(key))


def test_a_credential_signed_by_another_key_is_refused():
    token = sign(open_badge(label()), new_key())
    other = {k: v for k, v in published_key(new_key()).items() if k != "kid"}

    with pytest.raises(CredentialRefused):
        verify(token, other)


def test_alg_none_is_refused():
    key = new_key()
    _, payload = segments(sign(open_badge(label()), key))
    unsigned = f"{b64({'alg': 'none', 'kid': key.kid, 'typ': 'JWT'})}.{b64(payload)}."

    with pytest.raises(CredentialRefused):
        verify(unsigned, published_key(key))


def test_a_token_signed_with_hmac_over_the_public_key_is_refused():
    key = new_key()
    public = published_key(key)
    secret = OctKey.import_key(public["x"].encode())
    forged = jwt.encode(
        {"alg": "HS256", "kid": key.kid, "typ": "JWT"},
        segments(sign(open_badge(label()), key))[1],
        secret,
        algorithms=["HS256"],
    )

    with pytest.raises(CredentialRefused):
        verify(forged, public)


def test_a_header_carrying_a_key_of_its_own_is_refused():
    key = new_key()
    _, payload = segments(sign(open_badge(label()), key))
    header = {"alg": "EdDSA", "kid": key.kid, "typ": "JWT", "jwk": published_key(key)}
    token = jwt.encode(header, payload, key.key, algorithms=["EdDSA"])

    with pytest.raises(CredentialRefused, match="header"):
        verify(token, published_key(key))


def test_claims_that_contradict_the_credential_are_refused():
    key = new_key()
    _, payload = segments(sign(open_badge(label()), key))
    payload["sub"] = "urn:uuid:00000000-0000-0000-0000-000000000000"
    token = jwt.encode({"alg": "EdDSA", "kid": key.kid, "typ": "JWT"}, payload, key.key, algorithms=["EdDSA"])

    with pytest.raises(CredentialRefused, match="claims"):
        verify(token, published_key(key))


def test_a_private_key_is_not_taken_for_verifying():
    key = new_key()

    with pytest.raises(CredentialRefused, match="public"):
        verify(sign(open_badge(label()), key), key.key.as_dict(private=True))


def test_the_generated_key_is_kept_and_named_the_same_next_time(tmp_path):
    first = configured_key("label-board", None, tmp_path, JWKS_URL)
    second = configured_key("label-board", None, tmp_path, JWKS_URL)

    assert first.kid == second.kid
    assert verify(sign(open_badge(label()), first), public_jwk(second))["id"] == open_badge(label())["id"]


def test_a_configured_seed_is_the_key_used_and_nothing_is_generated(tmp_path):
    private = Ed25519PrivateKey.generate()
    seed = base64.b64encode(private.private_bytes_raw())

    assert configured_key("label-board", seed, tmp_path, JWKS_URL).kid == signing_key(private, JWKS_URL).kid
    assert list(tmp_path.iterdir()) == []


def test_each_labelling_body_has_a_key_of_its_own(tmp_path):
    board = configured_key("label-board", None, tmp_path, JWKS_URL)
    other = configured_key("other-board", None, tmp_path, JWKS_URL)

    assert board.kid != other.kid
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "labels-signing-key-label-board.pem",
        "labels-signing-key-other-board.pem",
    ]


@pytest.mark.parametrize("slug", ["", "../escape", "a b"])
def test_a_key_file_is_named_only_by_a_plain_slug(tmp_path, slug):
    with pytest.raises(ValueError, match="slug"):
        configured_key(slug, None, tmp_path, JWKS_URL)


def test_after_a_rotation_each_credential_finds_the_key_that_signed_it_in_the_published_set():
    retired, current = new_key(), new_key()
    published = json.loads(json.dumps(jwks(current, retired)))
    old, new = sign(open_badge(label()), retired), sign(open_badge(label()), current)

    assert verify(old, key_named(old, published))["id"] == verify(new, key_named(new, published))["id"]
    assert key_named(old, published)["kid"] == retired.kid


def test_a_token_naming_no_published_key_is_refused():
    token = sign(open_badge(label()), new_key())

    with pytest.raises(CredentialRefused, match="names no key"):
        key_named(token, jwks(new_key()))
    with pytest.raises(CredentialRefused):
        key_named("not a token", jwks(new_key()))


def test_a_token_without_the_claims_open_badges_requires_is_refused():
    key = new_key()
    _, payload = segments(sign(open_badge(label()), key))
    for name in ("iss", "jti", "sub", "nbf"):
        payload.pop(name)
    token = jwt.encode({"alg": "EdDSA", "kid": key.kid, "typ": "JWT"}, payload, key.key, algorithms=["EdDSA"])

    with pytest.raises(CredentialRefused, match="lacks"):
        verify(token, published_key(key))
