"""What the document queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID


@dataclass(frozen=True)
class DocumentRow:
    document_id: UUID
    organisation_id: UUID
    kind: str
    title: str
    owner: str
    status: str
    """Its latest version's."""
    latest_version: int
    published_version: int | None
    review_on: date | None
    """The review date of the version in force (published), if any."""
    changed_at: datetime


@dataclass(frozen=True)
class AttachmentRow:
    number: int
    content_hash: str
    filename: str
    media_type: str
    size: int
    attached_by: str
    attached_at: datetime


@dataclass(frozen=True)
class AcknowledgementRow:
    account_id: UUID
    name: str
    acknowledged_at: datetime


@dataclass(frozen=True)
class VersionRow:
    number: int
    status: str
    text: str
    author_id: UUID
    author: str
    drafted_at: datetime
    content_hash: str | None
    review_on: date | None
    approved_by: str | None
    approved_at: datetime | None
    published_at: datetime | None
    requires_acknowledgement: bool
    reason: str | None
    attachments: tuple[AttachmentRow, ...]
    acknowledgements: tuple[AcknowledgementRow, ...]
    not_acknowledged: tuple[str, ...]
    """The names of the organisation's active member accounts who have not acknowledged it, when it asks."""


@dataclass(frozen=True)
class HistoryRow:
    number: int
    action: str
    detail: str | None
    acted_by: str
    acted_at: datetime


@dataclass(frozen=True)
class DocumentDetail:
    document: DocumentRow
    versions: tuple[VersionRow, ...]
    history: tuple[HistoryRow, ...]


@dataclass(frozen=True)
class DocumentSummary:
    """An organisation's documents in a few figures, for its ISMS home."""

    documents: int
    published: int
    awaiting_approval: int
    review_overdue: int
    policy_published: bool


@dataclass(frozen=True)
class DocumentSourceRow:
    """The consultancy's library skeleton and version a document was copied from."""

    library_item_id: str
    library_version: int
