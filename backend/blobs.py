"""Where attached files are kept: a directory under the data directory, one file per content hash.

`<data dir>/blobs/<tenant id>/<sha256>`. Files are written once, under a temporary name then renamed, so a reader
never sees half a file; the same content written twice is kept once. An S3-compatible store is not implemented:
a store of another kind implements `domain.documents.ports.BlobStore`.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from uuid import UUID

_SHA256 = re.compile("[0-9a-f]{64}")


class DirectoryBlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def put(self, tenant_id: UUID, content_hash: str, content: bytes) -> None:
        if hashlib.sha256(content).hexdigest() != content_hash:
            raise ValueError("The content does not have the hash it is stored under.")
        path = self._path(tenant_id, content_hash)
        if path.exists():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as temporary:
            temporary.write(content)
            temporary.flush()
            os.fsync(temporary.fileno())
        os.replace(temporary.name, path)

    def get(self, tenant_id: UUID, content_hash: str) -> bytes:
        path = self._path(tenant_id, content_hash)
        if not path.is_file():
            raise KeyError(content_hash)
        return path.read_bytes()

    def _path(self, tenant_id: UUID, content_hash: str) -> Path:
        if not _SHA256.fullmatch(content_hash):
            raise KeyError(content_hash)
        return self.root / str(tenant_id) / content_hash
