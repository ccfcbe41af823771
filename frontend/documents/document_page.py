"""A document's page: its versions, newest first, each with its text, its hash once approved, its files and who
acknowledged it; the form of each step the viewer may take; its history. Irreversible steps ask for confirmation."""

from __future__ import annotations

import base64
import secrets
from functools import partial
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates
from starlette.datastructures import UploadFile

from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.page import CsrfRefused, NotInView, PageBase

DOCUMENT = graphql_document(__file__, "document")
ATTACHMENT = graphql_document(__file__, "document_attachment")
DRAFT_VERSION = graphql_document(__file__, "draft_version")
REVISE_DRAFT = graphql_document(__file__, "revise_draft")
SUBMIT_VERSION = graphql_document(__file__, "submit_version")
APPROVE_VERSION = graphql_document(__file__, "approve_version")
REJECT_VERSION = graphql_document(__file__, "reject_version")
PUBLISH_VERSION = graphql_document(__file__, "publish_version")
WITHDRAW_VERSION = graphql_document(__file__, "withdraw_version")
ACKNOWLEDGE_VERSION = graphql_document(__file__, "acknowledge_version")
ATTACH_FILE = graphql_document(__file__, "attach_file")

UPLOAD_LIMIT = 10 * 1024 * 1024
"""Read no more of an upload than the API accepts, and one byte: the API then says the file is too large."""


class DocumentPage(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes, version = self.router, "/documents/{document_id}/versions/{number:int}"
        routes.add_api_route("/documents/{document_id}", self.document, methods=["GET"])
        routes.add_api_route("/documents/{document_id}/versions", self.draft_version, methods=["POST"])
        for step in ("revise", "submit", "approve", "reject", "publish", "withdraw", "acknowledge"):
            routes.add_api_route(f"{version}/{step}", getattr(self, step), methods=["POST"])
        routes.add_api_route(f"{version}/files", self.attach, methods=["POST"])
        routes.add_api_route(f"{version}/files/{{content_hash}}", self.download, methods=["GET"])

    async def document(self, request: Request, document_id: str) -> Response:
        return await self._document(request, document_id)

    async def _document(self, request: Request, document_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, DOCUMENT, {"id": document_id})
        document = data.get("document") or {}
        if document.get("__typename") != "Document":
            raise NotInView(document.get("message", "This document does not exist or is not yours to see."))
        return self._render(request, "documents/document.html", viewer, {"document": document}, shown)

    async def draft_version(self, request: Request, document_id: str) -> Response:
        form = await self._submission(request, "draft")
        variables = {"documentId": document_id, "text": form.required("text")}
        return await self._step(request, document_id, form, DRAFT_VERSION, variables, "A new version is drafted.")

    async def revise(self, request: Request, document_id: str, number: int) -> Response:
        form = await self._submission(request, f"revise-{number}")
        variables = {"documentId": document_id, "version": number, "text": form.required("text")}
        return await self._step(request, document_id, form, REVISE_DRAFT, variables, f"Version {number} is revised.")

    async def submit(self, request: Request, document_id: str, number: int) -> Response:
        form = await self._submission(request, f"submit-{number}")
        says = f"Version {number} is submitted: someone other than its author approves it."
        return await self._step(request, document_id, form, SUBMIT_VERSION, _version(document_id, number), says)

    async def approve(self, request: Request, document_id: str, number: int) -> Response:
        form = await self._submission(request, f"approve-{number}")
        form.confirmed("confirm", "Tick the box to confirm: an approved text can no longer change.")
        variables = {**_version(document_id, number), "reviewOn": form.day("reviewOn")}
        says = f"Version {number} is approved; its text and hash are kept as approved."
        return await self._step(request, document_id, form, APPROVE_VERSION, variables, says)

    async def reject(self, request: Request, document_id: str, number: int) -> Response:
        form = await self._submission(request, f"reject-{number}")
        variables = {**_version(document_id, number), "reason": form.required("reason")}
        says = f"Version {number} is sent back to draft; the reason is kept in its history."
        return await self._step(request, document_id, form, REJECT_VERSION, variables, says)

    async def publish(self, request: Request, document_id: str, number: int) -> Response:
        form = await self._submission(request, f"publish-{number}")
        form.confirmed("confirm", "Tick the box to confirm: the version is put in force for the organisation.")
        variables = {**_version(document_id, number), "requiresAcknowledgement": form.checked("acknowledgement")}
        return await self._step(
            request, document_id, form, PUBLISH_VERSION, variables, f"Version {number} is published."
        )

    async def withdraw(self, request: Request, document_id: str, number: int) -> Response:
        form = await self._submission(request, f"withdraw-{number}")
        form.confirmed("confirm", "Tick the box to confirm: a withdrawn version cannot be published again.")
        variables = {**_version(document_id, number), "reason": form.required("reason")}
        says = f"Version {number} is withdrawn; the reason is kept in its history."
        return await self._step(request, document_id, form, WITHDRAW_VERSION, variables, says)

    async def acknowledge(self, request: Request, document_id: str, number: int) -> Response:
        form = await self._submission(request, f"acknowledge-{number}")
        form.confirmed("confirm", "Tick the box to confirm that you have read it.")
        says = f"Your acknowledgement of version {number} is recorded."
        return await self._step(request, document_id, form, ACKNOWLEDGE_VERSION, _version(document_id, number), says)

    async def attach(self, request: Request, document_id: str, number: int) -> Response:
        form, upload = await self._upload(request, f"attach-{number}")
        variables: dict[str, Any] = {**_version(document_id, number), "filename": "", "content": ""}
        if upload is not None:
            content = await upload.read(UPLOAD_LIMIT + 1)
            variables |= {"filename": upload.filename or "", "content": base64.b64encode(content).decode("ascii")}
        says = f"The file is attached to version {number}, with its SHA-256."
        return await self._step(request, document_id, form, ATTACH_FILE, variables, says, ("content",))

    async def download(self, request: Request, document_id: str, number: int, content_hash: str) -> Response:
        """The file's bytes exactly as stored, as a download (never shown in the page's own origin)."""
        variables = {"documentId": document_id, "version": number, "contentHash": content_hash}
        found = (await self._query(request, ATTACHMENT, variables)).get("result") or {}
        if found.get("__typename") != "DocumentFileContent":
            raise NotInView(found.get("message", "This file does not exist or is not yours to see."))
        disposition = f"attachment; filename*=UTF-8''{quote(found['filename'])}"
        headers = {"Content-Disposition": disposition, "X-Content-SHA256": found["contentHash"]}
        return Response(base64.b64decode(found["contentBase64"]), media_type=found["mediaType"], headers=headers)

    async def _upload(self, request: Request, scope: str) -> tuple[Submission, UploadFile | None]:
        """A form with a file: checked like any form; no file chosen is an error beside the file field."""
        viewer = self._viewer(request)
        raw = await request.form()
        if not secrets.compare_digest(viewer.csrf_token, str(raw.get("csrf_token", ""))):
            raise CsrfRefused
        form = Submission({}, scope)
        upload = raw.get(f"{scope}-content")
        if not isinstance(upload, UploadFile) or not upload.filename:
            form.errors["content"] = "Choose a file to attach."
            return form, None
        return form, upload

    async def _step(
        self, request: Request, document_id: str, form: Submission, document: str, variables: dict[str, Any],
        says: str, beside: tuple[str, ...] | None = None,
    ) -> Response:  # fmt: skip
        redisplay = partial(self._document, request, document_id)
        return await self._submit(
            request, form, document, variables, redisplay, f"/documents/{document_id}", says, beside
        )


def _version(document_id: str, number: int) -> dict[str, Any]:
    return {"documentId": document_id, "version": number}
