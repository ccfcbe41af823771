"""The inventory list with its filters and register form, an asset's page with its forms, and the exports."""

from __future__ import annotations

import base64
from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from frontend.assets import views
from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.listing import read_listing
from frontend.site.page import NotInView, PageBase

INVENTORIES = graphql_document(__file__, "inventories")
ASSETS = graphql_document(__file__, "assets")
ASSET = graphql_document(__file__, "asset")
SCALES_VERSION = graphql_document(__file__, "scales_version")
FIND_ASSET = graphql_document(__file__, "find_asset")
EXPORT = graphql_document(__file__, "asset_export")
REGISTER = graphql_document(__file__, "register_asset")
CHANGE = graphql_document(__file__, "change_asset")
CLASSIFY = graphql_document(__file__, "classify_asset")
LINK = graphql_document(__file__, "add_asset_dependency")
UNLINK = graphql_document(__file__, "remove_asset_dependency")
RETIRE = graphql_document(__file__, "retire_asset")

DESCRIBED = ("name", "kind", "owner", "location", "description")


class AssetPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        add, inventory = self.router.add_api_route, "/organisations/{org}/assets"
        add("/assets", self.inventories, methods=["GET"])
        add(inventory, self.inventory, methods=["GET"])
        add(inventory, self.register, methods=["POST"])
        add(f"{inventory}/export.{{file_format}}", self.export, methods=["GET"])
        add(f"{inventory}/{{asset_id}}", self.asset, methods=["GET"])
        for action in ("change", "classify", "link", "unlink", "retire"):
            add(f"{inventory}/{{asset_id}}/{action}", getattr(self, action), methods=["POST"])

    async def inventories(self, request: Request) -> Response:
        """A member goes to its own inventory; a coach or an admin chooses among the organisations in view."""
        viewer = self._viewer(request)
        if viewer.organisation_id:
            return RedirectResponse(f"/organisations/{viewer.organisation_id}/assets", status_code=303)
        data = await self._query(request, INVENTORIES, {})
        return self._render(
            request, "assets/inventories.html", viewer, {"organisations": data.get("organisations", [])}
        )

    async def inventory(self, request: Request, org: str) -> Response:
        return await self._inventory(request, org)

    async def _inventory(self, request: Request, org: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        listing = await read_listing(
            self.ports, request, ASSETS, views.list_filters, partial(views.list_variables, org)
        )
        connection = listing.data.get("assets")
        context = {
            "organisation": listing.organisation,
            "assets": connection,
            "filters": listing.filters,
            "filter_error": listing.filter_error,
            "summary": views.inventory_summary(connection) if connection else "",
            "next_page": listing.next_page("assets", partial(views.next_page, org, listing.filters)),
            "views": views,
        }
        return self._render(request, "assets/inventory.html", viewer, context, shown)

    async def register(self, request: Request, org: str) -> Response:
        form = await self._submission(request, "register")
        variables = {"organisationId": org, **_described(form)}
        says = f"{form.text('name').strip()} is registered, unclassified."
        redisplay = partial(self._inventory, request, org)
        done = f"/organisations/{org}/assets"
        return await self._submit(request, form, REGISTER, variables, redisplay, done, says, DESCRIBED)

    async def export(self, request: Request, org: str, file_format: str) -> Response:
        self._viewer(request)
        result = await self.ports.execute(request, EXPORT, {"org": org, "format": file_format})
        exported = (result.data or {}).get("assetExport")
        if not exported:
            raise NotInView
        headers = {"Content-Disposition": f'attachment; filename="{exported["fileName"]}"'}
        return Response(base64.b64decode(exported["content"]), media_type=exported["contentType"], headers=headers)

    async def asset(self, request: Request, org: str, asset_id: str) -> Response:
        return await self._asset(request, org, asset_id)

    async def _asset(self, request: Request, org: str, asset_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, ASSET, {"id": asset_id})
        asset = data.get("asset") or {}
        if asset.get("__typename") != "Asset" or asset["organisationId"] != org:
            raise NotInView(asset.get("message", "This asset does not exist or is not yours to see."))
        current = data.get("classificationScales")
        classified = asset["classification"]
        own_scales = current
        if classified and current and classified["scaleVersion"] != current["version"]:
            own_scales = (await self._query(request, SCALES_VERSION, {"version": classified["scaleVersion"]})).get(
                "classificationScales"
            )
        context = {
            "asset": asset,
            "org": org,
            "scales": current,
            "level_labels": views.level_names(own_scales),
            "scale_options": views.scale_options(current),
            "views": views,
        }
        return self._render(request, "assets/asset.html", viewer, context, shown)

    async def change(self, request: Request, org: str, asset_id: str) -> Response:
        form = await self._submission(request, "change")
        variables = {"assetId": asset_id, **_described(form)}
        return await self._on_asset(request, org, asset_id, form, CHANGE, variables, "The asset is changed.", DESCRIBED)

    async def classify(self, request: Request, org: str, asset_id: str) -> Response:
        form = await self._submission(request, "classify")
        levels = {dimension: form.number(dimension) for dimension, _ in views.DIMENSIONS}
        variables = {"assetId": asset_id, **levels, "reason": form.text("reason").strip() or None}
        beside = (*dict(views.DIMENSIONS), "reason")
        return await self._on_asset(
            request, org, asset_id, form, CLASSIFY, variables, "The asset is classified.", beside
        )

    async def link(self, request: Request, org: str, asset_id: str) -> Response:
        form = await self._submission(request, "link")
        target = await self._asset_named(request, org, form)
        variables = {"assetId": asset_id, "dependsOnId": target}
        says = f"The asset now depends on {form.text('dependsOn').strip()}."
        return await self._on_asset(request, org, asset_id, form, LINK, variables, says, ("dependsOn",))

    async def unlink(self, request: Request, org: str, asset_id: str) -> Response:
        form = await self._submission(request, "unlink")
        variables = {"assetId": asset_id, "dependsOnId": form.text("dependsOnId"), "reason": form.text("reason")}
        says = "The asset no longer depends on that one."
        return await self._on_asset(request, org, asset_id, form, UNLINK, variables, says, ("reason",))

    async def retire(self, request: Request, org: str, asset_id: str) -> Response:
        form = await self._submission(request, "retire")
        form.confirmed("confirm", "Tick the box to confirm: a retired asset is kept as it was, for its history.")
        variables = {"assetId": asset_id, "reason": form.required("reason")}
        says = "The asset is retired; its history stays."
        return await self._on_asset(request, org, asset_id, form, RETIRE, variables, says, ("reason", "confirm"))

    async def _on_asset(
        self,
        request: Request,
        org: str,
        asset_id: str,
        form: Submission,
        document: str,
        variables: dict[str, Any],
        says: str,
        beside: tuple[str, ...] | None = None,
    ) -> Response:
        redisplay = partial(self._asset, request, org, asset_id)
        done = f"/organisations/{org}/assets/{asset_id}"
        return await self._submit(request, form, document, variables, redisplay, done, says, beside)

    async def _asset_named(self, request: Request, org: str, form: Submission) -> str | None:
        """The id of the organisation's one asset of that name (any case); an error beside the field otherwise."""
        name = form.required("dependsOn").strip()
        if not name:
            return None
        data = await self._query(request, FIND_ASSET, {"org": org, "search": name[:100]})
        found = [
            e["node"]["id"]
            for e in (data.get("assets") or {}).get("edges", [])
            if e["node"]["name"].casefold() == name.casefold()
        ]
        if len(found) != 1:
            form.errors["dependsOn"] = (
                "No asset of this name in the inventory." if not found else "Several assets have this name."
            )
            return None
        return str(found[0])


def _described(form: Submission) -> dict[str, Any]:
    return {
        "name": form.required("name"),
        "kind": form.one_of("kind", dict(views.KINDS)),
        "owner": form.required("owner"),
        "location": form.text("location").strip() or None,
        "description": form.text("description").strip() or None,
    }
