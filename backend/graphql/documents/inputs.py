"""The inputs of the documents' mutations. A member acts for its own organisation: only a new document names it."""

from __future__ import annotations

from datetime import date

import strawberry


@strawberry.input(description="A new document and its first draft; from a skeleton, its kind, title and text.")
class CopyDocumentSkeletonInput:
    """A new draft document from a skeleton of the consultancy's library."""

    organisation_id: strawberry.ID
    library_item_id: strawberry.ID
    owner: str = strawberry.field(description="Who owns the document (a role or a person).")


@strawberry.input
class CreateDocumentInput:
    organisation_id: strawberry.ID
    kind: str = strawberry.field(default="", description='"policy", "procedure" or "record".')
    title: str = ""
    owner: str = strawberry.field(description="Who owns the document (a role or a person).")
    text: str = ""
    skeleton: str | None = strawberry.field(
        default=None, description='Start from a skeleton: "information-security-policy".'
    )


@strawberry.input
class DraftVersionInput:
    document_id: strawberry.ID
    text: str


@strawberry.input
class VersionInput:
    document_id: strawberry.ID
    version: int


@strawberry.input
class ReviseDraftInput(VersionInput):
    text: str


@strawberry.input(description="Approves a submitted version: by someone other than its author.")
class ApproveVersionInput(VersionInput):
    review_on: date = strawberry.field(description="When it is to be reviewed: after today, within three years.")


@strawberry.input(description="A correction, with its reason: a rejection or a withdrawal.")
class VersionReasonInput(VersionInput):
    reason: str


@strawberry.input
class PublishVersionInput(VersionInput):
    requires_acknowledgement: bool = strawberry.field(
        default=False, description="Ask the organisation's people to acknowledge it."
    )


@strawberry.input(description="A file for a draft: PDF, DOCX, XLSX, ODT, PNG, JPEG or plain text, at most 10 MB.")
class AttachFileInput(VersionInput):
    filename: str
    content: str = strawberry.field(description="The file's bytes, in base64.")
