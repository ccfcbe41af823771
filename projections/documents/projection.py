"""Documents, versions, files, acknowledgements and the history of who did what, from the document's events."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, insert, select, update

from domain.documents.document import Document
from projections.core.projection import Projection
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter


class DocumentProjection(Projection):
    name = "documents"
    handles = {
        (Document, "Created"): "created",
        (Document, "VersionDrafted"): "drafted",
        (Document, "DraftRevised"): "revised",
        (Document, "FileAttached"): "attached",
        (Document, "VersionSubmitted"): "submitted",
        (Document, "VersionApproved"): "approved",
        (Document, "VersionRejected"): "rejected",
        (Document, "VersionPublished"): "published",
        (Document, "VersionWithdrawn"): "withdrawn",
        (Document, "VersionAcknowledged"): "acknowledged",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        documents, versions = tables.documents, tables.document_versions
        the_document = (documents.c.tenant_id == bindparam("t"), documents.c.document_id == bindparam("d"))
        the_version = (
            versions.c.tenant_id == bindparam("t"),
            versions.c.document_id == bindparam("d"),
            versions.c.number == bindparam("n"),
        )
        self._documents, self._versions = documents, versions
        self._the_document, self._the_version = the_document, the_version
        self._organisation = select(documents.c.organisation_id).where(*the_document)
        self._latest_status = (
            update(documents)
            .where(*the_document, documents.c.latest_version == bindparam("n"))
            .values(status=bindparam("status"), changed_at=bindparam("at"))
        )

    def created(self, writer: GroupedWriter, event: Any) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "document_id": event.originator_id,
            "organisation_id": event.organisation_id,
        }
        row |= {"kind": event.kind, "title": event.title, "owner": event.owner, "status": "draft", "latest_version": 0}
        writer.write(insert(self._documents), row | {"changed_at": event.timestamp})
        source = getattr(event, "source_library_item", None)  # absent from events stored before the library
        if source is not None:
            copied = {"library_item_id": source, "library_version": event.source_library_version}
            writer.write(insert(self.tables.document_sources), row | copied)

    def drafted(self, writer: GroupedWriter, event: Any) -> None:
        organisation_id = self._organisation_of(writer, event)
        row = {"tenant_id": event.tenant_id, "document_id": event.originator_id, "number": event.number}
        row |= {"organisation_id": organisation_id, "status": "draft", "text": event.text}
        row |= {"author_id": event.actor_id, "drafted_at": event.timestamp, "requires_acknowledgement": False}
        writer.write(insert(self._versions), row)
        latest = update(self._documents).where(*self._the_document)
        writer.write(
            latest.values(latest_version=event.number, status="draft", changed_at=event.timestamp), _key(event)
        )
        self._record(writer, event, "drafted")

    def revised(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(update(self._versions).where(*self._the_version).values(text=event.text), _version_key(event))
        self._record(writer, event, "revised")

    def attached(self, writer: GroupedWriter, event: Any) -> None:
        row = {"tenant_id": event.tenant_id, "document_id": event.originator_id, "number": event.number}
        row |= {"content_hash": event.content_hash, "organisation_id": self._organisation_of(writer, event)}
        row |= {"filename": event.filename, "media_type": event.media_type, "size": event.size}
        row |= {"attached_by": event.actor_id, "attached_at": event.timestamp}
        writer.write(insert(self.tables.document_attachments), row)
        self._record(writer, event, "attached", f"{event.filename} (SHA-256 {event.content_hash})")

    def submitted(self, writer: GroupedWriter, event: Any) -> None:
        self._status(writer, event, "submitted")
        self._record(writer, event, "submitted")

    def approved(self, writer: GroupedWriter, event: Any) -> None:
        done = {"content_hash": event.content_hash, "review_on": event.review_on}
        self._status(writer, event, "approved", approved_by=event.actor_id, approved_at=event.timestamp, **done)
        self._record(writer, event, "approved", f"SHA-256 {event.content_hash}; review by {event.review_on}")

    def rejected(self, writer: GroupedWriter, event: Any) -> None:
        self._status(writer, event, "draft", reason=event.reason)
        self._record(writer, event, "rejected", event.reason)

    def published(self, writer: GroupedWriter, event: Any) -> None:
        if event.supersedes is not None:
            superseded = update(self._versions).where(*self._the_version).values(status="superseded")
            writer.write(superseded, _key(event) | {"n": event.supersedes})
        asks = event.requires_acknowledgement
        self._status(writer, event, "published", published_at=event.timestamp, requires_acknowledgement=asks)
        review_on = select(self._versions.c.review_on).where(*self._the_version)
        in_force = update(self._documents).where(*self._the_document)
        in_force = in_force.values(published_version=event.number, review_on=review_on.scalar_subquery())
        writer.write(in_force, _version_key(event))
        self._record(writer, event, "published", "acknowledgement asked" if asks else None)

    def withdrawn(self, writer: GroupedWriter, event: Any) -> None:
        self._status(writer, event, "withdrawn", reason=event.reason)
        none_in_force = (
            update(self._documents).where(*self._the_document).values(published_version=None, review_on=None)
        )
        writer.write(none_in_force, _key(event))
        self._record(writer, event, "withdrawn", event.reason)

    def acknowledged(self, writer: GroupedWriter, event: Any) -> None:
        row = {"tenant_id": event.tenant_id, "document_id": event.originator_id, "number": event.number}
        row |= {"account_id": event.actor_id, "organisation_id": self._organisation_of(writer, event)}
        writer.write(insert(self.tables.document_acknowledgements), row | {"acknowledged_at": event.timestamp})

    def _status(self, writer: GroupedWriter, event: Any, status: str, **values: Any) -> None:
        """The version's new status (and other values), and the document's if it is its latest version."""
        changed = update(self._versions).where(*self._the_version).values(status=status, **values)
        writer.write(changed, _version_key(event))
        writer.write(self._latest_status, _version_key(event) | {"status": status, "at": event.timestamp})

    def _record(self, writer: GroupedWriter, event: Any, action: str, detail: str | None = None) -> None:
        row = {"tenant_id": event.tenant_id, "document_id": event.originator_id, "position": event.originator_version}
        row |= {"organisation_id": self._organisation_of(writer, event), "number": event.number, "action": action}
        row |= {"detail": detail, "acted_by": event.actor_id, "acted_at": event.timestamp}
        writer.write(insert(self.tables.document_history), row)

    def _organisation_of(self, writer: GroupedWriter, event: Any) -> Any:
        return writer.read(self._organisation, _key(event)).scalar_one()


def _key(event: Any) -> dict[str, Any]:
    return {"t": event.tenant_id, "d": event.originator_id}


def _version_key(event: Any) -> dict[str, Any]:
    return _key(event) | {"n": event.number}
