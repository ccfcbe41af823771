"""The key that signs checkpoints: Ed25519, from settings, generated for the embedded default only.

The key is read from `CORDEE_AUDIT_SIGNING_KEY` (a PEM private key, or the base64 of a raw 32-byte seed) or from the
file `CORDEE_AUDIT_SIGNING_KEY_FILE` (the same forms). Production refuses to start without one (see settings). In
development and tests, a key is generated once into `<data_dir>/audit-signing-key.pem` (readable by its owner only).
Rotating it is setting another key: every public key that ever signed stays published (`audit_keys`), so older
checkpoints still verify.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from backend.audit.verifier import SIGNATURE_PREFIX, key_id, vkey
from backend.ed25519_keys import generated_pem, private_key
from backend.settings import Settings

GENERATED_KEY_FILE = "audit-signing-key.pem"


class SigningKeyMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class Signer:
    name: str
    """The key's name in signature lines: the log's origin host."""
    private_key: Ed25519PrivateKey

    @property
    def public_key(self) -> bytes:
        return self.private_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    @property
    def key_id(self) -> str:
        return key_id(self.name, self.public_key).hex()

    @property
    def vkey(self) -> str:
        return vkey(self.name, self.public_key)

    def sign(self, body: str) -> str:
        """The signed note: the text, a blank line and this key's signature line."""
        signature = self.private_key.sign(body.encode())
        encoded = base64.b64encode(key_id(self.name, self.public_key) + signature).decode()
        return f"{body}\n{SIGNATURE_PREFIX}{self.name} {encoded}\n"


def load_signer(settings: Settings) -> Signer:
    """The configured key, or in development and tests the generated one; production without a key is refused."""
    if settings.audit_signing_key:
        return Signer(settings.audit_origin, _parsed(settings.audit_signing_key.get_secret_value().encode()))
    if settings.audit_signing_key_file:
        return Signer(settings.audit_origin, _parsed(Path(settings.audit_signing_key_file).read_bytes()))
    if settings.is_production:
        raise SigningKeyMissing("CORDEE_AUDIT_SIGNING_KEY or CORDEE_AUDIT_SIGNING_KEY_FILE must be set in production.")
    return Signer(settings.audit_origin, _generated(settings.data_dir / GENERATED_KEY_FILE))


def _parsed(raw: bytes) -> Ed25519PrivateKey:
    return private_key(raw, "The audit signing key")


def _generated(path: Path) -> Ed25519PrivateKey:
    return _parsed(generated_pem(path))
