"""A cluster's settings: its name and coach (an admin's decision, with a reason), and closing it, confirmed."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.filters import day
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.page import PageBase

CLUSTER_SETTINGS = graphql_document(__file__, "cluster_settings")
CHANGE_CLUSTER_DETAILS = graphql_document(__file__, "change_cluster_details")
CLOSE_CLUSTER = graphql_document(__file__, "close_cluster")


class ClusterSettingsPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes = self.router
        routes.add_api_route("/clusters/{cluster_id}/settings", self.settings, methods=["GET"])
        routes.add_api_route("/clusters/{cluster_id}/details", self.change_details, methods=["POST"])
        routes.add_api_route("/clusters/{cluster_id}/close", self.close, methods=["POST"])

    async def settings(self, request: Request, cluster_id: str) -> Response:
        return await self._settings(request, cluster_id)

    async def _settings(self, request: Request, cluster_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._cluster(request, CLUSTER_SETTINGS, {"id": cluster_id})
        context = {
            "cluster": data["cluster"],
            "coaches": [(coach["id"], coach["displayName"]) for coach in data["coaches"]],
        }
        return self._render(request, "clusters/settings.html", viewer, context, shown)

    async def change_details(self, request: Request, cluster_id: str) -> Response:
        form = await self._submission(request, "details")
        variables = {
            "clusterId": cluster_id,
            "name": form.required("name"),
            "coachId": form.required("coachId"),
            "reason": form.required("reason"),
        }
        says = "The cluster's details are changed; the history keeps the earlier ones and why they changed."
        return await self._form(request, cluster_id, form, CHANGE_CLUSTER_DETAILS, variables, says, "/settings")

    async def close(self, request: Request, cluster_id: str) -> Response:
        form = await self._submission(request, "close")
        variables = {"clusterId": cluster_id, "closedOn": form.day("closedOn")}
        form.confirmed("confirm", "Tick the box to confirm: a closed cluster cannot be reopened.")
        says = f"The cluster is closed as of {day(variables['closedOn'])}."
        return await self._form(request, cluster_id, form, CLOSE_CLUSTER, variables, says, "")

    async def _form(
        self,
        request: Request,
        cluster_id: str,
        form: Submission,
        document: str,
        variables: dict[str, Any],
        says: str,
        then: str,
    ) -> Response:
        redisplay = partial(self._settings, request, cluster_id)
        done = f"/clusters/{cluster_id}{then}"
        return await self._submit(request, form, document, variables, redisplay, done, says)
