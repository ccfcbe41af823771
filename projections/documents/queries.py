"""An organisation's documents, as far as the scope shows them: its own member accounts, the coach of a cluster it
belongs to and the consultancy's admins (the one visibility filter, by the tables' `organisation_id`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, cast
from uuid import UUID

from sqlalchemy import ColumnElement, Select, Table, func, select, tuple_

from domain.documents.rules import DocumentKind, VersionStatus
from projections.core.reading import FeatureQueries
from projections.core.scope import Scope
from projections.documents.rows import (
    AcknowledgementRow,
    AttachmentRow,
    DocumentDetail,
    DocumentRow,
    DocumentSourceRow,
    DocumentSummary,
    HistoryRow,
    VersionRow,
)

NO_REVIEW = date(9999, 12, 31)
"""Where a document with no version in force sorts by review date: last."""
SOMEONE = "someone no longer in view"


@dataclass(frozen=True)
class DocumentFilter:
    kind: str | None = None
    status: str | None = None
    overdue_on: date | None = None
    """Only documents whose review date is before this day (today)."""


class DocumentQueries(FeatureQueries):
    def documents(
        self, scope: Scope, organisation_id: UUID, first: int, after: tuple[str, UUID] | None,
        only: DocumentFilter, by_review: bool = False,
    ) -> list[DocumentRow]:  # fmt: skip
        """By title (or by review date, soonest first), then id; `after` is the keyset of the last one seen."""
        d = self.t.documents
        key = func.coalesce(d.c.review_on, NO_REVIEW) if by_review else d.c.title
        query = select(d).where(self.visible.rows(scope, d), d.c.organisation_id == organisation_id)
        query = query.where(*_filters(d, only)).order_by(key, d.c.document_id).limit(first)
        if after is not None:
            value = date.fromisoformat(after[0]) if by_review else after[0]
            query = query.where(tuple_(key, d.c.document_id) > tuple_(value, after[1]))
        return [_document(row) for row in self._all(query)]

    def summary(self, scope: Scope, organisation_id: UUID, today: date) -> DocumentSummary:
        """How many documents, published, awaiting approval and overdue for review; is a policy published (one
        statement, built once per kind of scope: readiness reads it for every member of a cluster)."""
        query, parameters = self._prepared.get(
            "documents_summary", scope, self._summary_query, organisation_id=organisation_id, today=today
        )
        return _document_summary(self._one(query, parameters) or {})

    def summaries(self, scope: Scope, organisation_ids: list[UUID], today: date) -> dict[UUID, DocumentSummary]:
        """`summary` of several organisations, in one statement (a cluster's dashboard reads every member's)."""
        rows = self._per_organisation(
            "documents_summaries", scope, self._summary_query, organisation_ids, True, today=today
        )
        found = {row["of_organisation"]: _document_summary(row) for row in rows}
        return {organisation: found.get(organisation, _document_summary({})) for organisation in organisation_ids}

    def _summary_query(self, scope: Scope, organisation_id: Any, today: Any) -> Select[Any]:
        d = self.t.documents
        published = d.c.published_version.is_not(None)
        counts = select(
            func.count().label("documents"),
            func.count().filter(published).label("published"),
            func.count().filter(d.c.status == VersionStatus.SUBMITTED).label("awaiting"),
            func.count().filter(d.c.review_on < today).label("overdue"),
            func.count().filter(published, d.c.kind == DocumentKind.POLICY).label("policies"),
        ).where(self.visible.rows(scope, d), d.c.organisation_id == organisation_id)
        return cast("Select[Any]", counts)

    def document(self, scope: Scope, document_id: UUID) -> DocumentRow | None:
        d = self.t.documents
        row = self._one(select(d).where(self.visible.rows(scope, d), d.c.document_id == document_id))
        return None if row is None else _document(row)

    def source(self, scope: Scope, document_id: UUID) -> DocumentSourceRow | None:
        """The library skeleton and version the document was copied from, if it was."""
        sources = self.t.document_sources
        found = self._one(
            select(sources.c.library_item_id, sources.c.library_version).where(
                self.visible.rows(scope, sources), sources.c.document_id == document_id
            )
        )
        return None if found is None else DocumentSourceRow(found["library_item_id"], found["library_version"])

    def detail(self, scope: Scope, document_id: UUID) -> DocumentDetail | None:
        """The document with its versions (newest first) and its history (oldest first)."""
        document = self.document(scope, document_id)
        if document is None:
            return None
        names = self._names(scope, document.organisation_id)
        versions = self._versions(scope, document, names)
        h = self.t.document_history
        query = select(h).where(self.visible.rows(scope, h), h.c.document_id == document_id).order_by(h.c.position)
        history = [
            HistoryRow(r["number"], r["action"], r["detail"], names.get(r["acted_by"], SOMEONE), r["acted_at"])
            for r in self._all(query)
        ]
        return DocumentDetail(document, tuple(versions), tuple(history))

    def attachment(self, scope: Scope, document_id: UUID, number: int, content_hash: str) -> AttachmentRow | None:
        a = self.t.document_attachments
        query = select(a).where(
            self.visible.rows(scope, a),
            a.c.document_id == document_id,
            a.c.number == number,
            a.c.content_hash == content_hash,
        )
        row = self._one(query)
        return None if row is None else _attachment(row, {})

    def _versions(self, scope: Scope, document: DocumentRow, names: dict[UUID, str]) -> list[VersionRow]:
        v = self.t.document_versions
        query = select(v).where(self.visible.rows(scope, v), v.c.document_id == document.document_id)
        rows = self._all(query.order_by(v.c.number.desc()))
        attachments = self._children(scope, self.t.document_attachments, document.document_id, "attached_at")
        acks = self._children(scope, self.t.document_acknowledgements, document.document_id, "acknowledged_at")
        members = self._members(scope, document.organisation_id)
        return [_version(r, names, attachments.get(r["number"], []), acks.get(r["number"], []), members) for r in rows]

    def _children(self, scope: Scope, table: Table, document_id: UUID, order: str) -> dict[int, list[dict[str, Any]]]:
        query = select(table).where(self.visible.rows(scope, table), table.c.document_id == document_id)
        found: dict[int, list[dict[str, Any]]] = {}
        for row in self._all(query.order_by(table.c[order])):
            found.setdefault(row["number"], []).append(row)
        return found

    def _names(self, scope: Scope, organisation_id: UUID) -> dict[UUID, str]:
        """The display names of the organisation's accounts, the people who act on its documents."""
        a = self.t.accounts
        query = select(a.c.account_id, a.c.display_name).where(
            self.visible.rows(scope, a), a.c.organisation_id == organisation_id
        )
        return {row["account_id"]: row["display_name"] for row in self._all(query)}

    def _members(self, scope: Scope, organisation_id: UUID) -> dict[UUID, str]:
        """The organisation's active member accounts: who is asked to acknowledge its policies."""
        a, off = self.t.accounts, self.t.deactivated_accounts
        active = (
            ~select(off.c.account_id)
            .where(off.c.tenant_id == a.c.tenant_id, off.c.account_id == a.c.account_id)
            .exists()
        )
        query = select(a.c.account_id, a.c.display_name).where(
            self.visible.rows(scope, a), a.c.organisation_id == organisation_id, a.c.roles.contains("member"), active
        )
        return {row["account_id"]: row["display_name"] for row in self._all(query.order_by(a.c.display_name))}


def _document(row: dict[str, Any]) -> DocumentRow:
    return DocumentRow(**{name: value for name, value in row.items() if name != "tenant_id"})


def _filters(d: Table, only: DocumentFilter) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if only.kind is not None:
        found.append(d.c.kind == only.kind)
    if only.status is not None:
        found.append(d.c.status == only.status)
    if only.overdue_on is not None:
        found.append(d.c.review_on < only.overdue_on)
    return found


def _attachment(row: dict[str, Any], names: dict[UUID, str]) -> AttachmentRow:
    return AttachmentRow(
        row["number"], row["content_hash"], row["filename"], row["media_type"], row["size"],
        names.get(row["attached_by"], SOMEONE), row["attached_at"],
    )  # fmt: skip


def _version(
    r: dict[str, Any], names: dict[UUID, str], attachments: list[dict[str, Any]], acks: list[dict[str, Any]],
    members: dict[UUID, str],
) -> VersionRow:  # fmt: skip
    acknowledged = tuple(
        AcknowledgementRow(a["account_id"], names.get(a["account_id"], SOMEONE), a["acknowledged_at"]) for a in acks
    )
    done = {a.account_id for a in acknowledged}
    asks = r["requires_acknowledgement"] and r["status"] == "published"
    return VersionRow(
        number=r["number"], status=r["status"], text=r["text"], author_id=r["author_id"],
        author=names.get(r["author_id"], SOMEONE), drafted_at=r["drafted_at"], content_hash=r["content_hash"],
        review_on=r["review_on"], approved_by=names.get(r["approved_by"], SOMEONE) if r["approved_by"] else None,
        approved_at=r["approved_at"], published_at=r["published_at"],
        requires_acknowledgement=r["requires_acknowledgement"], reason=r["reason"],
        attachments=tuple(_attachment(a, names) for a in attachments), acknowledgements=acknowledged,
        not_acknowledged=tuple(name for account, name in members.items() if asks and account not in done),
    )  # fmt: skip


def _document_summary(row: dict[str, Any]) -> DocumentSummary:
    return DocumentSummary(
        row.get("documents", 0), row.get("published") or 0, row.get("awaiting") or 0,
        row.get("overdue") or 0, bool(row.get("policies")),
    )  # fmt: skip
