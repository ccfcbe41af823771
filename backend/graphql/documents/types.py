"""GraphQL shapes of an organisation's documents, their versions, files, acknowledgements and history."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import NotFoundError, Refusal, ValidationError
from backend.graphql.core.pagination import PageInfo
from backend.graphql.core.sources import LibrarySource
from backend.graphql.documents.viewer_can import DocumentViewerCan, VersionViewerCan, on_document, on_version
from projections.documents.rows import AttachmentRow, DocumentDetail, DocumentRow, HistoryRow, VersionRow


@strawberry.type(name="DocumentFile", description="A file attached to a version, kept by its SHA-256.")
class Attachment:
    filename: str
    media_type: str = strawberry.field(description="As its content shows it, not only its name.")
    size: int = strawberry.field(description="In bytes.")
    content_hash: str = strawberry.field(description="SHA-256 of the bytes, as recorded when it was attached.")
    attached_by: str
    attached_at: datetime

    @classmethod
    def from_row(cls, row: AttachmentRow) -> Attachment:
        return cls(
            filename=row.filename, media_type=row.media_type, size=row.size, content_hash=row.content_hash,
            attached_by=row.attached_by, attached_at=row.attached_at,
        )  # fmt: skip


@strawberry.type(name="DocumentFileContent", description="A file's bytes, exactly as stored.")
class AttachmentContent:
    filename: str
    media_type: str
    content_hash: str
    content_base64: str


@strawberry.type(name="DocumentAcknowledgement", description="Who acknowledged a published version, and when.")
class Acknowledgement:
    name: str
    acknowledged_at: datetime


@strawberry.type(description="Who did what to the document, when; a correction's reason or an approval's hash.")
class DocumentHistoryEntry:
    version: int
    action: str = strawberry.field(
        description="drafted, revised, attached, submitted, approved, rejected, published or withdrawn."
    )
    detail: str | None
    acted_by: str
    acted_at: datetime

    @classmethod
    def from_row(cls, row: HistoryRow) -> DocumentHistoryEntry:
        return cls(
            version=row.number, action=row.action, detail=row.detail, acted_by=row.acted_by, acted_at=row.acted_at
        )


@strawberry.type(description="A version of a document: its text is frozen once approved, with its hash.")
class DocumentVersion:
    number: int
    status: str = strawberry.field(description="draft, submitted, approved, published, superseded or withdrawn.")
    text: str
    author: str
    drafted_at: datetime
    content_hash: str | None = strawberry.field(description="SHA-256 of the text (UTF-8) as approved.")
    review_on: date | None
    approved_by: str | None
    approved_at: datetime | None
    published_at: datetime | None
    requires_acknowledgement: bool
    reason: str | None = strawberry.field(description="Why it was last rejected or withdrawn.")
    attachments: list[Attachment]
    acknowledgements: list[Acknowledgement]
    not_acknowledged: list[str] = strawberry.field(
        description="The organisation's member accounts who have not acknowledged it yet (when it asks)."
    )
    viewer_can: VersionViewerCan

    @classmethod
    def from_row(cls, row: VersionRow, viewer_can: VersionViewerCan) -> DocumentVersion:
        return cls(
            number=row.number, status=row.status, text=row.text, author=row.author, drafted_at=row.drafted_at,
            content_hash=row.content_hash, review_on=row.review_on, approved_by=row.approved_by,
            approved_at=row.approved_at, published_at=row.published_at,
            requires_acknowledgement=row.requires_acknowledgement, reason=row.reason,
            attachments=[Attachment.from_row(a) for a in row.attachments],
            acknowledgements=[Acknowledgement(name=k.name, acknowledged_at=k.acknowledged_at)
                              for k in row.acknowledgements],
            not_acknowledged=list(row.not_acknowledged), viewer_can=viewer_can,
        )  # fmt: skip


@strawberry.type(description="A policy, procedure or record of an organisation's ISMS.")
class Document:
    id: strawberry.ID
    organisation_id: strawberry.ID
    kind: str
    title: str
    owner: str
    status: str = strawberry.field(description="Its latest version's status.")
    latest_version: int
    published_version: int | None = strawberry.field(description="The version in force, if any.")
    review_on: date | None = strawberry.field(description="The review date of the version in force.")
    review_overdue: bool = strawberry.field(description="The version in force is past its review date.")
    changed_at: datetime
    row: strawberry.Private[DocumentRow]
    detail: strawberry.Private[DocumentDetail | None]

    @strawberry.field(description="The library skeleton and version it was copied from; null otherwise.")
    def copied_from(self, info: Info[Context, None]) -> LibrarySource | None:
        found = info.context.services.queries.documents.source(info.context.scope, self.row.document_id)
        return None if found is None else LibrarySource.of(found.library_item_id, found.library_version)

    @strawberry.field(description="Newest first.")
    def versions(self, info: Info[Context, None]) -> list[DocumentVersion]:
        if self.detail is None:
            return []
        p, own = info.context.signed_in, self.row.organisation_id
        return [DocumentVersion.from_row(v, on_version(p, own, v)) for v in self.detail.versions]

    @strawberry.field(description="Who did what, oldest first.")
    def history(self) -> list[DocumentHistoryEntry]:
        return [] if self.detail is None else [DocumentHistoryEntry.from_row(h) for h in self.detail.history]

    @strawberry.field(description="What the viewer may do to the document now.")
    def viewer_can(self, info: Info[Context, None]) -> DocumentViewerCan:
        statuses = [self.status] if self.detail is None else [v.status for v in self.detail.versions]
        return on_document(info.context.signed_in, self.row, statuses)

    @classmethod
    def from_row(cls, row: DocumentRow, today: date, detail: DocumentDetail | None = None) -> Document:
        return cls(
            id=strawberry.ID(str(row.document_id)), organisation_id=strawberry.ID(str(row.organisation_id)),
            kind=row.kind, title=row.title, owner=row.owner, status=row.status, latest_version=row.latest_version,
            published_version=row.published_version, review_on=row.review_on,
            review_overdue=row.review_on is not None and row.review_on < today, changed_at=row.changed_at,
            row=row, detail=detail,
        )  # fmt: skip


@strawberry.type
class DocumentEdge:
    cursor: str
    node: Document


@strawberry.type
class DocumentConnection:
    edges: list[DocumentEdge]
    page_info: PageInfo
    viewer_can_create: bool = strawberry.field(description="Whether the viewer may create documents here.")


@strawberry.type
class DocumentChange:
    document: Document


DocumentResult = Annotated[Document | NotFoundError | ValidationError, strawberry.union("DocumentResult")]
AttachmentResult = Annotated[
    AttachmentContent | NotFoundError | ValidationError, strawberry.union("DocumentFileResult")
]
DocumentChangeResult = Annotated[DocumentChange | Refusal, strawberry.union("DocumentChangeResult")]
