"""The catalogues and a catalogue's controls by theme or domain, with a filter, paging, and for an older edition
where each control went in the newest one."""

from __future__ import annotations

from itertools import groupby
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import Response

from frontend.site.forms import UNTOUCHED, FormState
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase

CATALOGUES = graphql_document(__file__, "catalogues")
CATALOGUE = graphql_document(__file__, "catalogue")
CORRESPONDENCE = graphql_document(__file__, "correspondence")
FILTERS = ("group", "search", "after")
VERSION = "version"
ORIGINS = ("shipped", "imported")


class CataloguePages(PageBase):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.router.add_api_route("/catalogues", self.catalogues, methods=["GET"])
        self.router.add_api_route("/catalogues/{catalogue_id}", self.catalogue, methods=["GET"])

    async def catalogues(self, request: Request) -> Response:
        viewer = self._viewer(request)
        asked = {name: request.query_params.get(name, "").strip() for name in ("origin", "search", "after")}
        variables = {
            "origin": asked["origin"].upper() if asked["origin"] in ORIGINS else None,
            "search": asked["search"] or None,
            "after": asked["after"] or None,
        }
        result = await self.ports.execute(request, CATALOGUES, variables)
        refused = result.errors[0]["message"] if result.errors else None
        if refused:  # a search or a cursor the API refuses: the first page, with the refusal said above it
            result = await self.ports.execute(request, CATALOGUES, {})
        data = result.data or {}
        connection = data.get("catalogues") or {"edges": [], "pageInfo": {}, "totalCount": 0}
        next_page = None
        if connection["pageInfo"].get("hasNextPage"):
            kept = {name: value for name, value in asked.items() if value and name != "after"}
            next_page = f"/catalogues?{urlencode({**kept, 'after': connection['pageInfo']['endCursor']})}"
        context = {
            "catalogues": [edge["node"] for edge in connection["edges"]],
            "total": connection["totalCount"],
            "can": data.get("cataloguesViewerCan") or {},
            "filters": asked,
            "origins": ORIGINS,
            "filter_error": refused,
            "next_page": next_page,
        }
        return self._render(request, "catalogues/catalogues.html", viewer, context)

    async def catalogue(self, request: Request, catalogue_id: str) -> Response:
        viewer = self._viewer(request)
        asked = {name: request.query_params.get(name, "").strip() for name in FILTERS}
        version = request.query_params.get(VERSION, "").strip()
        data, errors = await self._controls(
            request,
            catalogue_id,
            asked,
            int(version) if version.isascii() and version.isdigit() and len(version) <= 9 else None,
        )
        catalogue = data.get("catalogue") or {}
        if catalogue.get("__typename") != "Catalogue":
            raise NotInView(catalogue.get("message", "There is no such catalogue."))
        newest = ([edge["node"] for edge in (data.get("catalogues") or {}).get("edges", [])] or [{}])[0]
        shipped = catalogue["importedVersion"] is None
        went = (
            await self._correspondence(request, catalogue_id, newest)
            if shipped and newest.get("id") != catalogue_id
            else {}
        )
        context = _context(catalogue, asked, went, shown_controls=not errors)
        typed = {k: v for k, v in asked.items() if k != "after"}
        # As first shown (nothing typed, nothing refused), the page says what the previous action did.
        shown = FormState(errors, typed, 422 if errors else 200) if errors or any(typed.values()) else UNTOUCHED
        return self._render(request, "catalogues/catalogue.html", viewer, context, shown)

    async def _controls(
        self, request: Request, catalogue_id: str, asked: dict[str, str], version: int | None
    ) -> tuple[dict[str, Any], dict[str, str]]:
        """The page's data; a filter the API refuses is an error beside it, and the catalogue is read without it.
        An imported catalogue is read in the version asked for (its current one by default)."""
        the_catalogue = {"id": catalogue_id, "version": version}
        variables = the_catalogue | {name: value for name, value in asked.items() if value}
        result = await self.ports.execute(request, CATALOGUE, variables)
        errors = {str((e.get("extensions") or {}).get("field")): e["message"] for e in result.errors}
        if not errors:
            return result.data or {}, {}
        return await self._query(request, CATALOGUE, the_catalogue), errors

    async def _correspondence(self, request: Request, catalogue_id: str, newest: dict[str, Any]) -> dict[str, Any]:
        data = await self._query(request, CORRESPONDENCE, {"from": catalogue_id, "to": newest["id"]})
        table: dict[str, Any] = data.get("correspondence") or {}
        return table if table.get("__typename") == "Correspondence" else {}


def _context(
    catalogue: dict[str, Any], asked: dict[str, str], went: dict[str, Any], shown_controls: bool
) -> dict[str, Any]:
    controls = [edge["node"] for edge in catalogue["controls"]["edges"]] if shown_controls else []
    groups = {group["id"]: group for group in catalogue["groups"]}
    page_info = catalogue["controls"]["pageInfo"]
    return {
        "catalogue": catalogue,
        "sections": [(groups[group], list(rows)) for group, rows in groupby(controls, key=lambda c: c["group"])],
        "group_options": [(group["id"], _group_label(group)) for group in catalogue["groups"]],
        "went": {line["control"]["id"]: line for line in went.get("lines", [])},
        "went_to": went.get("toCatalogue"),
        "clauses": _clause_tree(catalogue["clauses"]),
        "filtered": bool(asked["group"] or asked["search"]),
        "more": _more(asked, page_info) if shown_controls and page_info["hasNextPage"] else None,
        "paged": bool(asked["after"]),
        "current": not catalogue["versions"] or catalogue["importedVersion"] == catalogue["versions"][0]["version"],
    }


def _group_label(group: dict[str, Any]) -> str:
    """A domain is known by its number (A.10), a theme by its name."""
    return f"{group['id']} {group['title']}" if group["id"].startswith("A.") else group["title"]


def _more(asked: dict[str, str], page_info: dict[str, Any]) -> str:
    """The query string of the next page: the same filters, after the last control shown."""
    kept = {name: value for name, value in asked.items() if value and name != "after"}
    return urlencode(kept | {"after": page_info["endCursor"]})


def _clause_tree(clauses: list[dict[str, Any]]) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Each top clause with every clause beneath it, in order."""
    tops = [clause for clause in clauses if clause["parent"] is None]
    return [(top, [c for c in clauses if c["id"].split(".")[0] == top["id"] and c is not top]) for top in tops]
