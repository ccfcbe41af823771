"""The consultancy's library: its kinds, a kind's items (filtered, sorted, a page at a time) with the form to add
one, and an item's page with its history and the forms to revise, retire and copy it into a register."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.library import views
from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase

INDEX = graphql_document(__file__, "library_index")
ITEMS = graphql_document(__file__, "library_items")
ITEM = graphql_document(__file__, "library_item")
ADD = graphql_document(__file__, "add_library_item")
REVISE = graphql_document(__file__, "revise_library_item")
RETIRE = graphql_document(__file__, "retire_library_item")
COPY_SKELETON = graphql_document(__file__, "copy_document_skeleton")
COPY_TEMPLATE = graphql_document(__file__, "copy_asset_template")
FILTERS = ("search", "retired", "order")


class LibraryPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        add = self.router.add_api_route
        add("/library", self.index, methods=["GET"])
        add("/library/items/{item_id}", self.item, methods=["GET"])
        add("/library/items/{item_id}/revise", self.revise, methods=["POST"])
        add("/library/items/{item_id}/retire", self.retire, methods=["POST"])
        add("/library/items/{item_id}/copy", self.copy, methods=["POST"])
        add("/library/{kind}", self.items, methods=["GET"])
        add("/library/{kind}", self.add, methods=["POST"])

    async def index(self, request: Request) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, INDEX, {})
        counts = {row["kind"]: row["count"] for row in data.get("libraryCounts", [])}
        context = {"kinds": views.KINDS, "counts": counts}
        return self._render(request, "library/index.html", viewer, context)

    async def items(self, request: Request, kind: str) -> Response:
        return await self._items(request, kind)

    async def _items(self, request: Request, kind: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        if kind not in views.KINDS:
            raise NotInView("The library has no such kind.")
        filters = {name: request.query_params.get(name, "").strip() for name in FILTERS}
        variables = {
            "kind": kind, "search": filters["search"][:100] or None, "retired": filters["retired"] == "yes",
            "orderBy": filters["order"] if filters["order"] in dict(views.ORDERS) else "TITLE",
            "after": request.query_params.get("after") or None,
        }  # fmt: skip
        result = await self.ports.execute(request, ITEMS, variables)
        data = result.data or {}
        if result.errors:  # a cursor of another order, say: the first page instead, saying why
            data = await self._query(request, ITEMS, variables | {"after": None})
        connection = data.get("libraryItems") or {"edges": [], "totalCount": 0, "pageInfo": {}}
        page_info = connection.get("pageInfo") or {}
        more = views.next_page(kind, filters, page_info["endCursor"]) if page_info.get("hasNextPage") else None
        context = {
            "kind": kind, "names": views.KINDS[kind], "items": connection, "filters": filters, "next_page": more,
            "can_add": (data.get("libraryViewerCan") or {}).get("add"), "views": views,
            "filter_error": result.errors[0]["message"] if result.errors else None,
        }  # fmt: skip
        return self._render(request, "library/items.html", viewer, context, shown)

    async def add(self, request: Request, kind: str) -> Response:
        form = await self._submission(request, "add")
        variables = {"kind": kind, "title": form.required("title"), "fields": views.fields_of(kind, form)}
        redisplay = partial(self._items, request, kind)
        says = f"{form.text('title').strip()} is added to the library as version 1."
        return await self._submit(request, form, ADD, variables, redisplay, f"/library/{kind}", says)

    async def item(self, request: Request, item_id: str) -> Response:
        return await self._item(request, item_id)

    async def _item(self, request: Request, item_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, ITEM, {"id": item_id})
        item = data.get("libraryItem") or {}
        if item.get("__typename") != "LibraryItem":
            raise NotInView(item.get("message", "This library item does not exist or is not yours to see."))
        organisations = [(o["id"], o["name"]) for o in data.get("organisations", [])]
        context = {"item": item, "names": views.KINDS[item["kind"]], "organisations": organisations}
        return self._render(request, "library/item.html", viewer, context | {"views": views}, shown)

    async def revise(self, request: Request, item_id: str) -> Response:
        form = await self._submission(request, "revise")
        kind = form.text("kind")
        fields = views.fields_of(kind if kind in views.KINDS else "threat", form)
        variables = {"libraryItemId": item_id, "title": form.required("title"), "fields": fields}
        says = "The item is revised: this is its next version."
        return await self._on_item(request, item_id, form, REVISE, variables, says, None)

    async def retire(self, request: Request, item_id: str) -> Response:
        form = await self._submission(request, "retire")
        form.confirmed("confirm", "Tick the box to confirm: a retired item is kept as it was, for its history.")
        variables = {"libraryItemId": item_id, "reason": form.required("reason")}
        says = "The item is retired; its history stays."
        return await self._on_item(request, item_id, form, RETIRE, variables, says, ("reason", "confirm"))

    async def copy(self, request: Request, item_id: str) -> Response:
        form = await self._submission(request, "copy")
        skeleton = form.text("kind") == "document_skeleton"
        organisation, owner = form.required("organisationId"), form.required("owner")
        variables = {"organisationId": organisation, "libraryItemId": item_id, "owner": owner}
        outcome = await self._mutate(
            request, COPY_SKELETON if skeleton else COPY_TEMPLATE, variables, form.errors, ("organisationId", "owner")
        )
        if form.errors:
            return await self._item(request, item_id, form.refused())
        if skeleton:
            document = outcome["document"]
            return self._done(
                request, f"/documents/{document['id']}", f"{document['title']} is a new draft, copied from the library."
            )
        asset = outcome["asset"]
        to = f"/organisations/{asset['organisationId']}/assets/{asset['id']}"
        return self._done(request, to, f"{asset['name']} is registered, copied from the library.")

    async def _on_item(
        self, request: Request, item_id: str, form: Submission, document: str, variables: dict[str, Any], says: str,
        beside: tuple[str, ...] | None,
    ) -> Response:  # fmt: skip
        redisplay = partial(self._item, request, item_id)
        done = f"/library/items/{item_id}"
        return await self._submit(request, form, document, variables, redisplay, done, says, beside)
