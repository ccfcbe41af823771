"""Credentials signed by the labelling body as VC-JWTs (Open Badges 3.0, "JSON Web Token Proof Format"): a compact JWS
over the credential itself, signed with EdDSA over Ed25519, and verified with nothing but the public key.

Header: `alg` (`EdDSA`), `kid` (a URL naming the key in the published key set), `typ` (`JWT`), and no other (Open
Badges 3.0 allows no other header). Payload: the credential's own members, plus the registered claims Open Badges 3.0
requires, each mirroring a member: `iss` the issuer's id, `jti` the credential's id, `sub` the subject's id, `nbf`
`validFrom`, `exp` `validUntil`. Verifying checks the signature, the header and that every claim matches its member;
whether the credential is in force today is `verification.check`'s question, not this one's.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from joserfc import jwt
from joserfc.errors import JoseError, SecurityWarning
from joserfc.jwk import OKPKey
from joserfc.jws import extract_compact

from backend.ed25519_keys import generated_pem, private_key

ALGORITHM = "EdDSA"
"""RFC 8037's name, which every JOSE library verifies today; RFC 9864's `Ed25519` names the same signature, but few
verifiers know it yet, so the library's warning that `EdDSA` is deprecated is silenced for it alone."""
warnings.filterwarnings("ignore", message="EdDSA is deprecated", category=SecurityWarning)

TYPE = "JWT"
"""Open Badges 3.0: `typ`, if present, MUST be `JWT` (VC-JOSE-COSE's `vc+jwt` would fail its verifiers)."""
HEADER_NAMES = frozenset({"alg", "kid", "typ"})
REGISTERED_CLAIMS = ("iss", "jti", "sub", "nbf", "exp")
GENERATED_KEY_FILE = "labels-signing-key-{slug}.pem"
"""One key per labelling body, by its slug: a body's key never signs another body's labels."""
KEY_NAME = "The labelling body's signing key"


class CredentialRefused(Exception):
    """The token is not a credential signed by this key, or says something its signature does not hold; the message
    says what, for the verifier."""


@dataclass(frozen=True)
class SigningKey:
    """The labelling body's private key and the URL that names it (`kid`)."""

    key: OKPKey
    kid: str


def signing_key(private: Ed25519PrivateKey, jwks_url: str) -> SigningKey:
    """The key, named `<jwks_url>#<RFC 7638 thumbprint>`: a URL a verifier dereferences to the published key set,
    where the key of that kid is the one to use."""
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    key = OKPKey.import_key(pem)
    kid = f"{jwks_url}#{key.thumbprint()}"
    return SigningKey(OKPKey.import_key(key.as_dict(private=True), {"kid": kid}), kid)


def configured_key(body_slug: str, raw: bytes | None, data_dir: Path, jwks_url: str) -> SigningKey:
    """The key of the labelling body of `body_slug`: the one configured for that body (PEM or base64 seed, from the
    setting keyed by its slug), or the one generated once into the data folder under a file name of its own."""
    if not body_slug or not all(c.isascii() and (c.isalnum() or c == "-") for c in body_slug):
        raise ValueError("A labelling body's slug is letters, digits and hyphens.")
    text = raw if raw else generated_pem(data_dir / GENERATED_KEY_FILE.format(slug=body_slug))
    return signing_key(private_key(text, f"{KEY_NAME} ({body_slug})"), jwks_url)


def public_jwk(key: SigningKey) -> dict[str, Any]:
    """The public half, as a JWK with its kid, algorithm and use; it never holds `d`."""
    return {**key.key.as_dict(private=False), "kid": key.kid, "alg": ALGORITHM, "use": "sig"}


def jwks(*keys: SigningKey) -> dict[str, Any]:
    """The key set to publish at the `jwks_url`: the current key first, then the retired ones whose credentials
    still stand."""
    return {"keys": [public_jwk(key) for key in keys]}


def key_named(token: str, key_set: Mapping[str, Any]) -> dict[str, Any]:
    """The published key the token names by its `kid` (read before verifying, only to choose among our own keys);
    `CredentialRefused` if the set holds none of that name."""
    try:
        kid = extract_compact(token.encode()).headers().get("kid")
    except (JoseError, ValueError, TypeError):
        raise CredentialRefused("The token is not a compact JWS.") from None
    keys = key_set.get("keys")
    found = [key for key in keys if isinstance(key, dict) and key.get("kid") == kid] if isinstance(keys, list) else []
    if not kid or not found:
        raise CredentialRefused("The token names no key of the published set.")
    return found[0]


def sign(credential: Mapping[str, Any], key: SigningKey) -> str:
    """The credential as a compact JWS."""
    claims = _registered_claims(credential)
    missing = [name for name in REGISTERED_CLAIMS[:4] if not claims[name]]
    if missing:
        raise ValueError(f"A credential needs an issuer id, an id, a subject id and validFrom (no {missing[0]}).")
    present = {name: value for name, value in claims.items() if value is not None}
    header = {"alg": ALGORITHM, "kid": key.kid, "typ": TYPE}
    return jwt.encode(header, {**credential, **present}, key.key, algorithms=[ALGORITHM])


def verify(token: str, public: Mapping[str, Any]) -> dict[str, Any]:
    """The credential the token carries, once signed by this public key (a JWK) and consistent with its claims;
    else `CredentialRefused`."""
    key = _public_key(public)
    try:
        decoded = jwt.decode(token, key, algorithms=[ALGORITHM])
    except (JoseError, ValueError, TypeError) as error:
        raise CredentialRefused(f"The signature does not hold ({type(error).__name__}).") from None
    _check_header(decoded.header, public)
    claims = decoded.claims
    credential = {name: value for name, value in claims.items() if name not in REGISTERED_CLAIMS}
    if any(claims.get(name) is None for name in REGISTERED_CLAIMS[:4]):
        raise CredentialRefused("The token lacks one of iss, jti, sub and nbf.")
    if {name: claims.get(name) for name in REGISTERED_CLAIMS} != _registered_claims(credential):
        raise CredentialRefused("The token's claims do not match the credential.")
    return credential


def _registered_claims(credential: Mapping[str, Any]) -> dict[str, Any]:
    issuer = credential.get("issuer")
    subject = credential.get("credentialSubject")
    return {
        "iss": issuer.get("id") if isinstance(issuer, dict) else issuer,
        "jti": credential.get("id"),
        "sub": subject.get("id") if isinstance(subject, dict) else None,
        "nbf": _numeric_date(credential.get("validFrom")),
        "exp": _numeric_date(credential.get("validUntil")),
    }


def _numeric_date(value: object) -> int | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CredentialRefused(f"{value!r} is not a date and time.") from None
    if moment.tzinfo is None:
        raise CredentialRefused(f"{value!r} carries no time zone.")
    return int(moment.timestamp())


def _public_key(public: Mapping[str, Any]) -> OKPKey:
    if public.get("kty") != "OKP" or public.get("crv") != "Ed25519" or "d" in public:
        raise CredentialRefused("The key must be a public Ed25519 JWK.")
    try:
        return OKPKey.import_key(dict(public))
    except (JoseError, ValueError, TypeError):
        raise CredentialRefused("The key is not a valid JWK.") from None


def _check_header(header: Mapping[str, Any], public: Mapping[str, Any]) -> None:
    if not set(header) <= HEADER_NAMES or header.get("typ", TYPE) != TYPE:
        raise CredentialRefused(f"The header may hold only {', '.join(sorted(HEADER_NAMES))}, with typ {TYPE}.")
    if "kid" in public and header.get("kid") != public["kid"]:
        raise CredentialRefused("The token names another key.")
