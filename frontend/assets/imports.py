"""Importing an inventory file: upload it, read the dry run's errors by line, then confirm the import.

The file travels back with the confirmation as a hidden field, so the file checked is the file imported; the API
checks it again and imports every row or none.
"""

from __future__ import annotations

import base64
import secrets
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates
from starlette.datastructures import UploadFile

from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState
from frontend.site.graphql_files import graphql_document
from frontend.site.page import CsrfRefused, NotInView, PageBase

IMPORT = graphql_document(__file__, "import_assets")
IMPORT_PAGE = graphql_document(__file__, "import_page")


class ImportPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        path = "/organisations/{org}/assets/import"
        self.router.add_api_route(path, self.import_form, methods=["GET"])
        self.router.add_api_route(path, self.import_file, methods=["POST"])

    async def import_form(self, request: Request, org: str) -> Response:
        return await self._page(request, org, None)

    async def import_file(self, request: Request, org: str) -> Response:
        """A file checked (the dry run), or the checked file imported once confirmed."""
        file_name, content, confirmed = await self._posted(request)
        if not content:
            return await self._page(request, org, None, FormState({"file": "Choose a CSV or XLSX file."}, status=422))
        given = {"organisationId": org, "fileName": file_name, "content": content, "dryRun": not confirmed}
        outcome: dict[str, Any] = ((await self.ports.execute(request, IMPORT, {"input": given})).data or {}).get(
            "result"
        ) or {}
        if outcome.get("__typename") != "AssetImport":
            message = outcome.get("message", "The file could not be read.")
            return await self._page(request, org, None, FormState({"file": message}, status=422))
        if outcome["imported"]:
            return self._done(request, f"/organisations/{org}/assets", f"{outcome['imported']:,} assets are imported.")
        shown = FormState(status=422) if outcome["errorCount"] else FormState()
        return await self._page(request, org, {**outcome, "fileName": file_name, "content": content}, shown)

    async def _posted(self, request: Request) -> tuple[str, str, bool]:
        """The file's name, its content (base64) and whether the import is confirmed."""
        viewer = self._viewer(request)
        form = await request.form(max_part_size=12 * 1024 * 1024)
        if not secrets.compare_digest(viewer.csrf_token, str(form.get("csrf_token", ""))):
            raise CsrfRefused
        upload = form.get("file")
        if isinstance(upload, UploadFile) and upload.filename:
            return upload.filename, base64.b64encode(await upload.read()).decode(), False
        return str(form.get("fileName", "")), str(form.get("content", "")), form.get("confirm") == "yes"

    async def _page(
        self, request: Request, org: str, report: dict[str, Any] | None, shown: FormState = UNTOUCHED
    ) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, IMPORT_PAGE, {"org": org})
        organisation = data.get("organisation") or {}
        if organisation.get("__typename") != "Organisation":
            raise NotInView(organisation.get("message", "This organisation does not exist or is not yours to see."))
        context = {"organisation": organisation, "scales": data.get("classificationScales"), "report": report}
        return self._render(request, "assets/import.html", viewer, context, shown)
