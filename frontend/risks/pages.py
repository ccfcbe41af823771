"""The register with its filters, heat map, identify and review forms, and a risk's page with its forms."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from frontend.risks import views
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.listing import read_listing
from frontend.site.page import NotInView, PageBase

REGISTERS = graphql_document(__file__, "registers")
RISKS = graphql_document(__file__, "risks")
RISK = graphql_document(__file__, "risk")
IDENTIFY = graphql_document(__file__, "identify_risk")
REVIEW = graphql_document(__file__, "hold_risk_review")
ASSESS = graphql_document(__file__, "assess_risk")
TREAT = graphql_document(__file__, "treat_risk")
DECIDE = graphql_document(__file__, "record_management_decision")
ACCEPT = graphql_document(__file__, "accept_risk")
CLOSE = graphql_document(__file__, "close_risk")
COPY = graphql_document(__file__, "copy_risk_scenario")
CHOSEN_ASSET = graphql_document(__file__, "chosen_asset")


class RiskPages(PageBase):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        add, register = self.router.add_api_route, "/organisations/{org}/risks"
        add("/risks", self.registers, methods=["GET"])
        add(register, self.register, methods=["GET"])
        add(register, self.identify, methods=["POST"])
        add(f"{register}/review", self.review, methods=["POST"])
        add(f"{register}/copy", self.copy, methods=["POST"])
        add(f"{register}/{{risk_id}}", self.risk, methods=["GET"])
        for action in ("assess", "treat", "decide", "accept", "close"):
            add(f"{register}/{{risk_id}}/{action}", getattr(self, action), methods=["POST"])

    async def registers(self, request: Request) -> Response:
        """A member goes to its own register; a coach or an admin chooses among the organisations in view."""
        viewer = self._viewer(request)
        if viewer.organisation_id:
            return RedirectResponse(f"/organisations/{viewer.organisation_id}/risks", status_code=303)
        data = await self._query(request, REGISTERS, {})
        return self._render(request, "risks/registers.html", viewer, {"organisations": data.get("organisations", [])})

    async def register(self, request: Request, org: str) -> Response:
        return await self._register(request, org)

    async def _register(self, request: Request, org: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        listing = await read_listing(self.ports, request, RISKS, views.list_filters, partial(views.list_variables, org))
        data, filters = listing.data, listing.filters
        connection = data.get("risks")
        path = f"/organisations/{org}/risks"
        context = {
            "organisation": listing.organisation,
            "risks": connection,
            "method": data.get("riskMethod"),
            "owners": data.get("riskOwners") or [],
            "assets": await self._assets(request, org, data),
            "more_assets": (data.get("assets") or {}).get("totalCount", 0) > 100,
            "chosen_asset": request.query_params.get("asset"),
            "scenarios": [edge["node"] for edge in (data.get("libraryRiskScenarios") or {}).get("edges", [])],
            "heat_map": data.get("riskHeatMap"),
            "filters": filters,
            "filter_error": listing.filter_error,
            "summary": views.register_summary(connection) if connection else "",
            "next_page": listing.next_page("risks", partial(views.next_page, path, filters)),
            "views": views,
        }
        return self._render(request, "risks/register.html", viewer, context, shown)

    async def _assets(self, request: Request, org: str, data: dict[str, Any]) -> list[dict[str, Any]]:
        """The first assets by name, and the one the risk is identified from (`?asset=`) when it is not among them."""
        assets = [edge["node"] for edge in (data.get("assets") or {}).get("edges", [])]
        chosen = request.query_params.get("asset")
        if chosen and all(asset["id"] != chosen for asset in assets):
            found = (await self._query(request, CHOSEN_ASSET, {"id": chosen})).get("asset") or {}
            if found.get("__typename") == "Asset" and found["organisationId"] == org:
                assets.insert(0, found)
        return assets

    async def identify(self, request: Request, org: str) -> Response:
        form = await self._submission(request, "identify")
        variables = {
            "organisationId": org,
            "title": form.required("title"),
            "threat": form.required("threat"),
            "vulnerability": form.required("vulnerability"),
            "ownerId": form.required("ownerId"),
            "assetIds": [key.removeprefix("asset-") for key in form.fields if key.startswith("asset-")],
        }
        says = f"{form.text('title').strip()} is identified; assess it next."
        redisplay = partial(self._register, request, org)
        done = f"/organisations/{org}/risks"
        return await self._submit(request, form, IDENTIFY, variables, redisplay, done, says)

    async def copy(self, request: Request, org: str) -> Response:
        form = await self._submission(request, "copy")
        variables = {"organisationId": org, "libraryItemId": form.required("libraryItemId"),
                     "ownerId": form.required("ownerId")}  # fmt: skip
        says = "The scenario is copied into the register, with the library version it came from; assess it next."
        redisplay = partial(self._register, request, org)
        done = f"/organisations/{org}/risks"
        return await self._submit(request, form, COPY, variables, redisplay, done, says)

    async def review(self, request: Request, org: str) -> Response:
        form = await self._submission(request, "review")
        variables = {"organisationId": org, "heldOn": form.day("heldOn"), "notes": form.text("notes").strip() or None}
        says = "The review is recorded: the next one shows what changes from now on."
        redisplay = partial(self._register, request, org)
        return await self._submit(request, form, REVIEW, variables, redisplay, f"/organisations/{org}/risks", says)

    async def risk(self, request: Request, org: str, risk_id: str) -> Response:
        return await self._risk(request, org, risk_id)

    async def _risk(self, request: Request, org: str, risk_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, RISK, {"id": risk_id})
        risk = data.get("risk") or {}
        if risk.get("__typename") != "Risk" or risk["organisationId"] != org:
            raise NotInView(risk.get("message", "This risk does not exist or is not yours to see."))
        method = data.get("riskMethod") or {"likelihood": [], "impact": []}
        context = {
            "risk": risk,
            "org": org,
            "method": method,
            "likelihood_options": views.scale_options(method["likelihood"]),
            "impact_options": views.scale_options(method["impact"]),
            "views": views,
        }
        return self._render(request, "risks/risk.html", viewer, context, shown)

    async def assess(self, request: Request, org: str, risk_id: str) -> Response:
        form = await self._submission(request, "assess")
        variables = {
            "riskId": risk_id,
            "likelihood": form.number("likelihood"),
            "impact": form.number("impact"),
            "reason": form.text("reason").strip() or None,
        }
        return await self._on_risk(request, org, risk_id, form, ASSESS, variables, "The risk is assessed.")

    async def treat(self, request: Request, org: str, risk_id: str) -> Response:
        form = await self._submission(request, "treat")
        variables = {
            "riskId": risk_id,
            "option": form.one_of("option", dict(views.OPTIONS)),
            "controls": form.lines("controls"),
            "ownControls": form.lines("ownControls"),
            "residualLikelihood": form.number("residualLikelihood"),
            "residualImpact": form.number("residualImpact"),
            "reason": form.text("reason").strip() or None,
        }
        return await self._on_risk(request, org, risk_id, form, TREAT, variables, "The treatment is recorded.")

    async def decide(self, request: Request, org: str, risk_id: str) -> Response:
        form = await self._submission(request, "decide")
        variables = {"riskId": risk_id, "reason": form.required("reason")}
        says = "Management's decision is recorded: the owner may accept the risk."
        return await self._on_risk(request, org, risk_id, form, DECIDE, variables, says)

    async def accept(self, request: Request, org: str, risk_id: str) -> Response:
        form = await self._submission(request, "accept")
        variables = {"riskId": risk_id, "reason": form.required("reason"), "until": form.day("until")}
        says = "You accepted what remains of the risk."
        return await self._on_risk(request, org, risk_id, form, ACCEPT, variables, says)

    async def close(self, request: Request, org: str, risk_id: str) -> Response:
        form = await self._submission(request, "close")
        form.confirmed("confirm", "Tick the box to confirm: a closed risk is kept as it was, for its history.")
        variables = {"riskId": risk_id, "reason": form.required("reason")}
        says = "The risk is closed; its history stays."
        return await self._on_risk(request, org, risk_id, form, CLOSE, variables, says, ("reason", "confirm"))

    async def _on_risk(
        self,
        request: Request,
        org: str,
        risk_id: str,
        form: Submission,
        document: str,
        variables: dict[str, Any],
        says: str,
        beside: tuple[str, ...] | None = None,
    ) -> Response:
        redisplay = partial(self._risk, request, org, risk_id)
        done = f"/organisations/{org}/risks/{risk_id}"
        return await self._submit(request, form, document, variables, redisplay, done, says, beside)
