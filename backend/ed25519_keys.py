"""Ed25519 private keys as operators give them: a PEM private key or the base64 of a raw 32-byte seed, from a
setting or a file; and the key generated once into the data folder for development and tests (owner-only file).
The audit log's checkpoints and the API's access tokens are signed with keys read here."""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def pem_key(block: bytes, what: str) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(block.strip(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{what} must be an Ed25519 key.")
    return key


def seed_key(text: bytes, what: str) -> Ed25519PrivateKey:
    try:
        seed = base64.b64decode(text.strip(), validate=True)
    except binascii.Error as error:
        raise ValueError(f"{what} is neither PEM nor base64.") from error
    if len(seed) != 32:
        raise ValueError(f"{what}'s seed must be 32 bytes.")
    return Ed25519PrivateKey.from_private_bytes(seed)


def private_key(raw: bytes, what: str) -> Ed25519PrivateKey:
    """One key, in either form; `what` names it in a refusal ("The audit signing key")."""
    text = raw.strip()
    return pem_key(text, what) if text.startswith(b"-----BEGIN") else seed_key(text, what)


def generated_pem(path: Path) -> bytes:
    """The PEM of the key in `path`, generated there first if missing (mode 600; when two processes of one instance
    race, the first one's key is kept)."""
    if path.exists():
        return path.read_bytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process of the same instance generated it first
        return path.read_bytes()
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
    return pem
