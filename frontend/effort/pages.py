"""The effort report: days spent per member and for the cluster, beside a single-organisation project."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.graphql_files import graphql_document
from frontend.site.page import PageBase

EFFORT = graphql_document(__file__, "effort")


class EffortPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        self.router.add_api_route("/clusters/{cluster_id}/effort", self.effort, methods=["GET"])

    async def effort(self, request: Request, cluster_id: str) -> Response:
        viewer = self._viewer(request)
        cluster = (await self._cluster(request, EFFORT, {"id": cluster_id}))["cluster"]
        context = {"cluster": cluster, "effort": cluster["effort"], "chart": effort_chart(cluster["effort"])}
        return self._render(request, "effort/effort.html", viewer, context)


def effort_chart(effort: dict[str, Any]) -> dict[str, Any]:
    """The effort report as the chart script reads it: days per member, stacked, beside the baseline."""
    members = effort["members"]
    return {
        "labels": [member["organisationName"] for member in members],
        "series": [
            {"label": "Gap analysis", "days": [member["gapAnalysisDays"] for member in members]},
            {"label": "Training attended", "days": [member["trainingDaysAttended"] for member in members]},
            {"label": "Coaching", "days": [member["coachingDays"] for member in members]},
        ],
        "baseline": effort["singleOrganisationBaselineDays"],
    }
