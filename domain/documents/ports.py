"""What the documents need of the application: where attached files are kept."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID


class BlobStore(Protocol):
    """Files kept by their SHA-256, apart for each consultancy. Writing the same content twice keeps one copy."""

    def put(self, tenant_id: UUID, content_hash: str, content: bytes) -> None: ...

    def get(self, tenant_id: UUID, content_hash: str) -> bytes:
        """The bytes stored; `KeyError` when there are none."""
        ...


class Blobs(Protocol):
    """The application's blob store."""

    @property
    def blobs(self) -> BlobStore: ...
