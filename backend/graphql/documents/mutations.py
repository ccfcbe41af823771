"""The documents feature's commands: each step of a version, by the organisation's own member accounts."""

from __future__ import annotations

import base64
import binascii

import strawberry
from strawberry.types import Info

from backend.graphql.core.commands import change, role_refusal
from backend.graphql.core.context import Context
from backend.graphql.core.errors import Refusal, user_error
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.documents import actions as a
from backend.graphql.documents import inputs as i
from backend.graphql.documents.types import Document, DocumentChange, DocumentChangeResult
from domain.documents import commands as c
from domain.shared.errors import NotFound, ValidationFailed
from domain.shared.service import Saved


@strawberry.type
class DocumentsMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED, description="A new document with its first draft.")
    async def create_document(self, info: Info[Context, None], input: i.CreateDocumentInput) -> DocumentChangeResult:
        done = await change(
            info, a.CREATE_DOCUMENT, c.CreateDocument, organisation_id=input.organisation_id, kind=input.kind,
            title=input.title, owner=input.owner, text=input.text, skeleton=input.skeleton,
        )  # fmt: skip
        return _changed(info, done)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="A new draft document from a library skeleton, recording the skeleton and its version.",
    )
    async def copy_document_skeleton(
        self, info: Info[Context, None], input: i.CopyDocumentSkeletonInput
    ) -> DocumentChangeResult:
        done = await change(
            info, a.COPY_DOCUMENT_SKELETON, c.CopyDocumentSkeleton, organisation_id=input.organisation_id,
            library_item_id=input.library_item_id, owner=input.owner,
        )  # fmt: skip
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="A new version, when none is on its way.")
    async def draft_version(self, info: Info[Context, None], input: i.DraftVersionInput) -> DocumentChangeResult:
        done = await change(info, a.DRAFT_VERSION, c.DraftVersion, document_id=input.document_id, text=input.text)
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Changes a draft's text.")
    async def revise_draft(self, info: Info[Context, None], input: i.ReviseDraftInput) -> DocumentChangeResult:
        done = await change(
            info, a.REVISE_DRAFT, c.ReviseDraft, document_id=input.document_id, version=input.version, text=input.text
        )
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Attaches a file to a draft.")
    async def attach_file(self, info: Info[Context, None], input: i.AttachFileInput) -> DocumentChangeResult:
        if (refusal := role_refusal(info, a.ATTACH_FILE)) is not None:
            return refusal
        try:
            content = base64.b64decode(input.content, validate=True)
        except (binascii.Error, ValueError):
            return user_error(ValidationFailed("content", "This is not base64."))
        done = await change(
            info, a.ATTACH_FILE, c.AttachFile, document_id=input.document_id, version=input.version,
            filename=input.filename, content=content,
        )  # fmt: skip
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Submits a draft for approval.")
    async def submit_version(self, info: Info[Context, None], input: i.VersionInput) -> DocumentChangeResult:
        done = await change(info, a.SUBMIT_VERSION, c.SubmitVersion, **_version(input))
        return _changed(info, done)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="Approves a submitted version; never by its author."
    )
    async def approve_version(self, info: Info[Context, None], input: i.ApproveVersionInput) -> DocumentChangeResult:
        done = await change(info, a.APPROVE_VERSION, c.ApproveVersion, **_version(input), review_on=input.review_on)
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Sends a submitted version back to draft.")
    async def reject_version(self, info: Info[Context, None], input: i.VersionReasonInput) -> DocumentChangeResult:
        done = await change(info, a.REJECT_VERSION, c.RejectVersion, **_version(input), reason=input.reason)
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Puts an approved version in force.")
    async def publish_version(self, info: Info[Context, None], input: i.PublishVersionInput) -> DocumentChangeResult:
        asks = input.requires_acknowledgement
        done = await change(info, a.PUBLISH_VERSION, c.PublishVersion, **_version(input), requires_acknowledgement=asks)
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Withdraws the version in force, saying why.")
    async def withdraw_version(self, info: Info[Context, None], input: i.VersionReasonInput) -> DocumentChangeResult:
        done = await change(info, a.WITHDRAW_VERSION, c.WithdrawVersion, **_version(input), reason=input.reason)
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="The viewer acknowledges a published policy.")
    async def acknowledge_version(self, info: Info[Context, None], input: i.VersionInput) -> DocumentChangeResult:
        done = await change(info, a.ACKNOWLEDGE_VERSION, c.AcknowledgeVersion, **_version(input))
        return _changed(info, done)


def _version(input: i.VersionInput) -> dict[str, object]:
    return {"document_id": input.document_id, "version": input.version}


def _changed(info: Info[Context, None], done: tuple[object, Saved] | Refusal) -> DocumentChangeResult:
    """The document as it is now, or the refusal."""
    if not isinstance(done, tuple):
        return done
    scope, queries = info.context.scope, info.context.services.queries.documents
    detail = queries.detail(scope, done[1].aggregate_id)
    if detail is None:
        return user_error(NotFound("The document is saved but is not in your view.", "id"))
    return DocumentChange(document=Document.from_row(detail.document, info.context.services.app.today(), detail))
