"""The public keys that sign the log's checkpoints, published for anyone to verify with: no sign-in.

`GET /audit/keys` answers every key that ever signed a checkpoint of this instance (a rotated key stays listed, so
older checkpoints still verify), each with its C2SP verifier key (`name+keyid+base64`), its raw public key, and
the day it was first used. An auditor keeps this list with the bundles they receive.
"""

from __future__ import annotations

import base64

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from backend.audit.verifier import vkey
from backend.services import Services


def audit_key_routes(services: Services) -> APIRouter:
    router = APIRouter()

    @router.get("/audit/keys", include_in_schema=False)
    def keys() -> JSONResponse:
        current = services.audit.signer.key_id
        listed = [
            {
                "name": key.name,
                "keyId": key.key_id,
                "algorithm": "Ed25519",
                "verifierKey": vkey(key.name, key.public_key),
                "publicKey": base64.b64encode(key.public_key).decode(),
                "firstUsedAt": key.first_used_at or None,
                "current": key.key_id == current,
            }
            for key in services.audit.published_keys()
        ]
        return JSONResponse({"origin": services.settings.audit_origin, "keys": listed})

    return router
