"""The documents' command handlers: load the document of the acting organisation, call one method, save."""

from __future__ import annotations

import uuid
from typing import Protocol

from domain.documents import commands as c
from domain.documents.attachments import check_file
from domain.documents.document import Document, review_date
from domain.documents.ports import Blobs
from domain.documents.skeletons import skeleton
from domain.shared.errors import NotFound, ValidationFailed
from domain.shared.ports import Handler, LibraryItems, Organisations, Store
from domain.shared.service import Saved

NO_DOCUMENT = "No document with this id."


class DocumentPorts(Store, Organisations, Blobs, Protocol):
    """A document belongs to an organisation of the tenant; its files go to the blob store."""


def create_document(app: DocumentPorts, cmd: c.CreateDocument) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    kind, title, text = cmd.kind, cmd.title, cmd.text
    if cmd.skeleton is not None:
        kind, title, text = skeleton("skeleton", cmd.skeleton)
    document = Document.create(
        cmd.tenant_id, cmd.actor_id, uuid.uuid4(), cmd.organisation_id, kind, title, cmd.owner, text
    )
    return app.save_changes(document)


class CopyPorts(Store, Organisations, LibraryItems, Protocol):
    """A copy reads the consultancy's library item through the application."""


def copy_document_skeleton(app: CopyPorts, cmd: c.CopyDocumentSkeleton) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    item = app.library_item(cmd.tenant_id, cmd.library_item_id, "library_item_id")
    if item.kind != "document_skeleton" or item.retired:
        raise ValidationFailed("library_item_id", "Copy a document skeleton of the library that is not retired.")
    kind, text = item.fields["document_kind"], item.fields["text"]
    source = (item.item_id, item.version)
    document = Document.create(
        cmd.tenant_id, cmd.actor_id, uuid.uuid4(), cmd.organisation_id, kind, item.title, cmd.owner, text, source
    )
    return app.save_changes(document)


def draft_version(app: Store, cmd: c.DraftVersion) -> Saved:
    document = _document(app, cmd)
    document.draft_version(cmd.actor_id, cmd.text)
    return app.save_changes(document)


def revise_draft(app: Store, cmd: c.ReviseDraft) -> Saved:
    document = _document(app, cmd)
    document.revise(cmd.actor_id, cmd.version, cmd.text)
    return app.save_changes(document)


def attach_file(app: DocumentPorts, cmd: c.AttachFile) -> Saved:
    """The file is kept before its event is written: a refused save leaves an unreferenced copy, never an event
    naming a file that is not there."""
    document = _document(app, cmd)
    checked = check_file(cmd.filename, cmd.content)
    document.attach(cmd.actor_id, cmd.version, checked)
    app.blobs.put(cmd.tenant_id, checked.content_hash, cmd.content)
    return app.save_changes(document)


def submit_version(app: Store, cmd: c.SubmitVersion) -> Saved:
    document = _document(app, cmd)
    document.submit(cmd.actor_id, cmd.version)
    return app.save_changes(document)


def approve_version(app: Store, cmd: c.ApproveVersion) -> Saved:
    review_date("review_on", cmd.review_on)  # before the document is looked for: a bad date is the input's fault
    document = _document(app, cmd)
    document.approve(cmd.actor_id, cmd.version, cmd.review_on)
    return app.save_changes(document)


def reject_version(app: Store, cmd: c.RejectVersion) -> Saved:
    document = _document(app, cmd)
    document.reject(cmd.actor_id, cmd.version, cmd.reason)
    return app.save_changes(document)


def publish_version(app: Store, cmd: c.PublishVersion) -> Saved:
    document = _document(app, cmd)
    document.publish(cmd.actor_id, cmd.version, cmd.requires_acknowledgement)
    return app.save_changes(document)


def withdraw_version(app: Store, cmd: c.WithdrawVersion) -> Saved:
    document = _document(app, cmd)
    document.withdraw(cmd.actor_id, cmd.version, cmd.reason)
    return app.save_changes(document)


def acknowledge_version(app: Store, cmd: c.AcknowledgeVersion) -> Saved:
    document = _document(app, cmd)
    document.acknowledge(cmd.actor_id, cmd.version)
    return app.save_changes(document)


class OnDocument(Protocol):
    @property
    def tenant_id(self) -> uuid.UUID: ...
    @property
    def organisation_id(self) -> uuid.UUID: ...
    @property
    def document_id(self) -> uuid.UUID: ...


def _document(app: Store, cmd: OnDocument) -> Document:
    """The acting organisation's document; another organisation's is answered as a missing one."""
    document = app.get(Document, cmd.tenant_id, cmd.document_id, "document_id")
    if document.organisation_id != cmd.organisation_id:
        raise NotFound(NO_DOCUMENT, "document_id")
    return document


HANDLERS: dict[type, Handler] = {
    c.CreateDocument: create_document,
    c.CopyDocumentSkeleton: copy_document_skeleton,
    c.DraftVersion: draft_version,
    c.ReviseDraft: revise_draft,
    c.AttachFile: attach_file,
    c.SubmitVersion: submit_version,
    c.ApproveVersion: approve_version,
    c.RejectVersion: reject_version,
    c.PublishVersion: publish_version,
    c.WithdrawVersion: withdraw_version,
    c.AcknowledgeVersion: acknowledge_version,
}
