"""Commands on an organisation's documents. `organisation_id` is the organisation the member acts for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID


@dataclass(frozen=True)
class CreateDocument:
    """A new document with its first draft; from a skeleton, the kind, title and text are the skeleton's."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    kind: str
    title: str
    owner: str
    text: str
    skeleton: str | None = None


@dataclass(frozen=True)
class CopyDocumentSkeleton:
    """A new draft document from a skeleton of the consultancy's library: its kind, title and text; the document
    records the item and version it came from."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    library_item_id: UUID
    owner: str


@dataclass(frozen=True)
class DraftVersion:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    document_id: UUID
    text: str


@dataclass(frozen=True)
class ReviseDraft:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    document_id: UUID
    version: int
    text: str


@dataclass(frozen=True)
class SubmitVersion:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    document_id: UUID
    version: int


@dataclass(frozen=True)
class ApproveVersion:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    document_id: UUID
    version: int
    review_on: date


@dataclass(frozen=True)
class RejectVersion:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    document_id: UUID
    version: int
    reason: str


@dataclass(frozen=True)
class PublishVersion:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    document_id: UUID
    version: int
    requires_acknowledgement: bool


@dataclass(frozen=True)
class WithdrawVersion:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    document_id: UUID
    version: int
    reason: str


@dataclass(frozen=True)
class AcknowledgeVersion:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    document_id: UUID
    version: int


@dataclass(frozen=True)
class AttachFile:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    document_id: UUID
    version: int
    filename: str
    content: bytes
