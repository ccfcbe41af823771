"""The key that signs checkpoints: Ed25519, from settings, generated for the embedded default only.

The key is read from `CORDEE_AUDIT_SIGNING_KEY` (a PEM private key, or the base64 of a raw 32-byte seed) or from the
file `CORDEE_AUDIT_SIGNING_KEY_FILE` (the same forms). Production refuses to start without one (see settings). In
development and tests, a key is generated once into `<data_dir>/audit-signing-key.pem` (readable by its owner only).
Rotating it is setting another key: every public key that ever signed stays published (`audit_keys`), so older
checkpoints still verify.
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from backend.audit.verifier import SIGNATURE_PREFIX, key_id, vkey
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
    text = raw.strip()
    if text.startswith(b"-----BEGIN"):
        key = serialization.load_pem_private_key(text, password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError("The audit signing key must be an Ed25519 key.")
        return key
    try:
        seed = base64.b64decode(text, validate=True)
    except binascii.Error as error:
        raise ValueError("The audit signing key is neither PEM nor base64.") from error
    if len(seed) != 32:
        raise ValueError("The audit signing key's seed must be 32 bytes.")
    return Ed25519PrivateKey.from_private_bytes(seed)


def _generated(path: Path) -> Ed25519PrivateKey:
    if path.exists():
        return _parsed(path.read_bytes())
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process of the same instance generated it first
        return _parsed(path.read_bytes())
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
    return key
