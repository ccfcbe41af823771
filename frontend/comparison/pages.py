"""A cluster's comparison page: the member's own figures beside the cohort's median and range (a table, and a radar
chart of maturity per area), the ISMS manager's consent form, and, when no comparison is shown, why."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase

COMPARISON = graphql_document(__file__, "comparison")
GIVE_CONSENT = graphql_document(__file__, "give_comparison_consent")
WITHDRAW_CONSENT = graphql_document(__file__, "withdraw_comparison_consent")

AREA_LABELS = {
    "clause 4": "4 Context",
    "clause 5": "5 Leadership",
    "clause 6": "6 Planning",
    "clause 7": "7 Support",
    "clause 8": "8 Operation",
    "clause 9": "9 Evaluation",
    "clause 10": "10 Improvement",
    "theme organisational": "A.5 Organisational",
    "theme people": "A.6 People",
    "theme physical": "A.7 Physical",
    "theme technological": "A.8 Technological",
}
"""The radar chart's short labels; the table gives each area's full title."""


class ComparisonPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes = self.router
        routes.add_api_route("/clusters/{cluster_id}/comparison", self.comparison, methods=["GET"])
        routes.add_api_route("/clusters/{cluster_id}/comparison/consent", self.give_consent, methods=["POST"])
        routes.add_api_route("/clusters/{cluster_id}/comparison/withdraw", self.withdraw_consent, methods=["POST"])

    async def comparison(self, request: Request, cluster_id: str) -> Response:
        return await self._page(request, cluster_id)

    async def _page(self, request: Request, cluster_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._cluster(request, COMPARISON, {"id": cluster_id})
        found = data.get("comparison") or {}
        if found.get("__typename") not in {"ClusterComparison", "NotEnoughMembersError"}:
            raise NotInView
        context = {
            "cluster": data["cluster"],
            "comparison": found,
            "published": found["__typename"] == "ClusterComparison",
            "maturity": [f for f in found["figures"] if f["group"] == "maturity"],
            "registers": [f for f in found["figures"] if f["group"] == "registers"],
            "chart": radar_chart(found["figures"]),
            "live": shown is UNTOUCHED,  # its live stream: /live/clusters/{id}/comparison (frontend/site/live.py)
        }
        return self._render(request, "comparison/comparison.html", viewer, context, shown)

    async def give_consent(self, request: Request, cluster_id: str) -> Response:
        says = "Your organisation's figures now count in the cluster's comparison, without its name."
        return await self._consent(request, cluster_id, "consent", GIVE_CONSENT, says)

    async def withdraw_consent(self, request: Request, cluster_id: str) -> Response:
        says = "Your organisation's figures are left out of the cluster's comparison from now on."
        return await self._consent(request, cluster_id, "withdraw", WITHDRAW_CONSENT, says)

    async def _consent(self, request: Request, cluster_id: str, scope: str, document: str, says: str) -> Response:
        form = await self._submission(request, scope)
        variables = {"clusterId": cluster_id, "organisationId": form.required("organisationId")}

        async def redisplay(shown: FormState) -> Response:
            return await self._page(request, cluster_id, shown)

        here = f"/clusters/{cluster_id}/comparison"
        return await self._submit(request, form, document, variables, redisplay, here, says, ())


def radar_chart(figures: list[dict[str, Any]]) -> dict[str, Any]:
    """Maturity per area as the chart script reads it: the viewer's own levels, the cohort's median, minimum and
    maximum (each None where not shown)."""
    areas = [f for f in figures if f["group"] == "maturity"]
    return {
        "labels": [AREA_LABELS.get(f["key"], f["title"]) for f in areas],
        "own": [f["own"] for f in areas],
        "median": [f["median"] for f in areas],
        "minimum": [f["minimum"] for f in areas],
        "maximum": [f["maximum"] for f in areas],
    }
