"""The effort report: days spent per member and for the cluster, beside a single-organisation project."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.base import PageBase
from frontend.ports import FrontendPorts
from frontend.programme import documents
from frontend.programme.views import effort_chart


class EffortPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        self.router.add_api_route("/clusters/{cluster_id}/effort", self.effort, methods=["GET"])

    async def effort(self, request: Request, cluster_id: str) -> Response:
        viewer = self._viewer(request)
        cluster = (await self._cluster(request, documents.EFFORT, {"id": cluster_id}))["cluster"]
        context = {"cluster": cluster, "effort": cluster["effort"], "chart": effort_chart(cluster["effort"])}
        return self._render(request, "effort.html", viewer, context)
