"""Importing a catalogue: upload a file of ours or an OSCAL catalog, read what it holds (the dry run), then confirm.

The file travels back with the confirmation as a hidden field, so the file checked is the file imported; the API
checks it again before it keeps it.
"""

from __future__ import annotations

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

IMPORT = graphql_document(__file__, "import_catalogue")
IMPORT_PAGE = graphql_document(__file__, "import_page")
FORMATS = [("cordee", "Our catalogue format (JSON)"), ("oscal", "An OSCAL catalog (JSON)")]
MAX_UPLOAD_BYTES = 3 * 1024 * 1024
"""Above the API's own limit of 2 MB, so that a larger file is refused by the API, with its message."""
PATH = "/catalogue-import"


class CatalogueImportPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        self.router.add_api_route(PATH, self.import_form, methods=["GET"])
        self.router.add_api_route(PATH, self.import_file, methods=["POST"])

    async def import_form(self, request: Request) -> Response:
        return await self._page(request, None)

    async def import_file(self, request: Request) -> Response:
        """A file checked (the dry run), or the checked file imported once confirmed."""
        given, confirmed = await self._posted(request)
        if not given["content"].strip():
            shown = FormState({"file": "Choose a JSON file."}, _kept(given), status=422)
            return await self._page(request, None, shown)
        result = await self.ports.execute(request, IMPORT, {"input": given | {"dryRun": not confirmed}})
        outcome: dict[str, Any] = (result.data or {}).get("result") or {}
        if outcome.get("__typename") != "CatalogueImport":
            return await self._page(request, None, _refused(outcome, result.errors, given))
        if not outcome["dryRun"]:
            says = f"{outcome['edition']} is imported as version {outcome['version']}."
            return self._done(request, f"/catalogues/{outcome['catalogueId']}", says)
        return await self._page(request, outcome | {"given": given})

    async def _posted(self, request: Request) -> tuple[dict[str, Any], bool]:
        """The import's input (format, content, catalogue id) and whether it is confirmed."""
        viewer = self._viewer(request)
        form = await request.form(max_part_size=MAX_UPLOAD_BYTES)
        if not secrets.compare_digest(viewer.csrf_token, str(form.get("csrf_token", ""))):
            raise CsrfRefused
        upload = form.get("file")
        content = str(form.get("content", ""))
        if isinstance(upload, UploadFile) and upload.filename:
            content = (await upload.read()).decode("utf-8", errors="replace")
        given = {
            "format": str(form.get("format", "")),
            "content": content,
            "catalogue": str(form.get("catalogue", "")).strip() or None,
        }
        return given, form.get("confirm") == "yes" and not isinstance(upload, UploadFile)

    async def _page(self, request: Request, report: dict[str, Any] | None, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, IMPORT_PAGE, {})
        if not (data.get("cataloguesViewerCan") or {}).get("importCatalogue"):
            raise NotInView("Only the consultancy's admins import catalogues.")
        imported = [edge["node"] for edge in (data.get("catalogues") or {}).get("edges", [])]
        context = {"report": report, "formats": FORMATS, "imported": imported}
        return self._render(request, "catalogues/import.html", viewer, context, shown)


def _refused(outcome: dict[str, Any], errors: list[dict[str, Any]], given: dict[str, Any]) -> FormState:
    """The refusal beside the field it names: the file's content is the file."""
    field = str(outcome.get("field") or "")
    message = outcome.get("message") or (errors[0]["message"] if errors else "The file could not be read.")
    shown = {"content": "file", "format": "format", "catalogue": "catalogue"}.get(field, "file")
    return FormState({shown: message}, _kept(given), status=422)


def _kept(given: dict[str, Any]) -> dict[str, str]:
    return {"format": given["format"], "catalogue": given["catalogue"] or ""}
