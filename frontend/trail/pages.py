"""The audit trail's pages: `/audit/trail` (the admins': the consultancy's whole trail, filtered by person,
register and period, a page at a time) and `/trail/items/{item_id}` (an item's whole history)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase

AUDIT_TRAIL = graphql_document(__file__, "audit_trail")
ITEM_TRAIL = graphql_document(__file__, "item_trail")
FILTERS = ("person", "register", "from", "to")
EMPTY: dict[str, Any] = {"edges": [], "pageInfo": {}}


class TrailPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        self.router.add_api_route("/audit/trail", self.audit_trail, methods=["GET"])
        self.router.add_api_route("/trail/items/{item_id}", self.item_trail, methods=["GET"])

    async def audit_trail(self, request: Request) -> Response:
        viewer = self._viewer(request)
        filters = {name: request.query_params.get(name, "").strip()[:100] for name in FILTERS}
        after = request.query_params.get("after") or None
        result = await self.ports.execute(request, AUDIT_TRAIL, {"filter": _filter(filters), "after": after})
        data = result.data or {}
        trail = data.get("auditTrail") or {}
        if trail.get("__typename") == "ForbiddenError":
            raise NotInView("The audit trail is for the consultancy's admins.")
        refused = result.errors[0]["message"] if result.errors else trail.get("message")
        if trail.get("__typename") != "TrailEventConnection":  # a filter or a cursor refused: the whole trail
            data = await self._query(request, AUDIT_TRAIL, {"filter": None, "after": None})
            trail = data.get("auditTrail") or EMPTY
        info = trail.get("pageInfo") or {}
        more = _next_page(filters, info["endCursor"]) if info.get("hasNextPage") and not refused else None
        people = [edge["node"] for edge in ((data.get("accounts") or {}).get("edges")) or []]
        context = {
            "trail": trail, "filters": filters, "filter_error": refused, "next_page": more,
            "registers": data.get("auditTrailRegisters") or [], "people": people,
        }  # fmt: skip
        return self._render(request, "trail/trail.html", viewer, context)

    async def item_trail(self, request: Request, item_id: str) -> Response:
        viewer = self._viewer(request)
        after = request.query_params.get("after") or None
        trail = (await self._query(request, ITEM_TRAIL, {"id": item_id, "after": after})).get("itemTrail") or {}
        if trail.get("__typename") != "TrailEventConnection" and after:  # a cursor refused: from the newest
            trail = (await self._query(request, ITEM_TRAIL, {"id": item_id, "after": None})).get("itemTrail") or {}
        if trail.get("__typename") != "TrailEventConnection":
            raise NotInView(trail.get("message", "This item does not exist or is not yours to see."))
        info = trail.get("pageInfo") or {}
        more = f"/trail/items/{item_id}?{urlencode({'after': info['endCursor']})}" if info.get("hasNextPage") else None
        first = (trail["edges"] or [{"node": {}}])[0]["node"]
        context = {"trail": trail, "item_id": item_id, "item": first, "next_page": more}
        return self._render(request, "trail/item.html", viewer, context)


def _filter(filters: dict[str, str]) -> dict[str, Any]:
    return {
        "accountId": filters["person"] or None,
        "register": filters["register"] or None,
        "from": filters["from"] or None,
        "to": filters["to"] or None,
    }


def _next_page(filters: dict[str, str], cursor: str) -> str:
    given = {name: value for name, value in filters.items() if value}
    return "/audit/trail?" + urlencode(given | {"after": cursor})
