"""The keys that sign API access tokens: Ed25519, from settings, the first signing and every one verifying.

`CORDEE_API_SIGNING_KEYS` holds one or more keys (PEM private keys, or base64 raw 32-byte seeds separated by commas
or new lines), or the file `CORDEE_API_SIGNING_KEYS_FILE` does (same forms). The first key signs new tokens; the
others still verify the tokens they signed, so rotating is putting a new key first and removing the old one once its
last tokens have expired (`api_token_minutes`). Production refuses to start without one (see settings); development
and tests generate one into `<data_dir>/api-signing-key.pem` (readable by its owner only).

Each key is published at `/.well-known/jwks.json` under its kid, its RFC 7638 thumbprint.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from joserfc.errors import SecurityWarning
from joserfc.jwk import KeySet, OKPKey

from backend.ed25519_keys import generated_pem, pem_key, seed_key
from backend.settings import Settings

ALGORITHM = "EdDSA"
"""The one algorithm signed and accepted (RFC 8037). RFC 9864 names it `Ed25519` now; `EdDSA` is what JWT libraries
verify today, so the library's warning that the name is deprecated is silenced for it alone."""
warnings.filterwarnings("ignore", message="EdDSA is deprecated", category=SecurityWarning)

GENERATED_KEY_FILE = "api-signing-key.pem"
_PEM = re.compile(rb"-----BEGIN [A-Z ]+-----.+?-----END [A-Z ]+-----", re.DOTALL)


class SigningKeyMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class ApiKeys:
    """The current key (signs) and the previous ones (verify only), all with their kid."""

    keys: tuple[OKPKey, ...]

    @property
    def current(self) -> OKPKey:
        return self.keys[0]

    @property
    def verifying(self) -> KeySet:
        return KeySet(list(self.keys))

    def kids(self) -> frozenset[str]:
        return frozenset(str(key.kid) for key in self.keys)

    def jwks(self) -> dict[str, Any]:
        """Every public key, with its kid, algorithm and use: what `/.well-known/jwks.json` publishes."""
        return {
            "keys": [{**key.as_dict(private=False), "alg": ALGORITHM, "use": "sig"} for key in self.keys],
        }


def load_api_keys(settings: Settings) -> ApiKeys:
    """The configured keys, or in development and tests the generated one; production without a key is refused."""
    if settings.api_signing_keys:
        raw = settings.api_signing_keys.get_secret_value().encode()
    elif settings.api_signing_keys_file:
        raw = Path(settings.api_signing_keys_file).read_bytes()
    elif settings.is_production:
        raise SigningKeyMissing("CORDEE_API_SIGNING_KEYS or CORDEE_API_SIGNING_KEYS_FILE must be set in production.")
    else:
        raw = generated_pem(settings.data_dir / GENERATED_KEY_FILE)
    return ApiKeys(tuple(okp_key(key) for key in parsed_keys(raw)))


def okp_key(private_key: Ed25519PrivateKey) -> OKPKey:
    key = OKPKey.import_key(
        private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    key.ensure_kid()  # the RFC 7638 thumbprint
    return key


def parsed_keys(raw: bytes) -> list[Ed25519PrivateKey]:
    """Every key in the text, in order: PEM blocks, or base64 seeds separated by commas, spaces or new lines."""
    text = raw.strip()
    blocks = _PEM.findall(text)
    keys = (
        [_from_pem(block) for block in blocks]
        if blocks
        else [_from_seed(part) for part in re.split(rb"[,\s]+", text) if part]
    )
    if not keys:
        raise ValueError("The API signing keys hold no key.")
    return keys


def _from_pem(block: bytes) -> Ed25519PrivateKey:
    return pem_key(block, "An API signing key")


def _from_seed(text: bytes) -> Ed25519PrivateKey:
    return seed_key(text, "An API signing key")
