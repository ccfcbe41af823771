"""The clusters in view and forming one; a cluster's dashboard, where members are admitted and the cluster starts."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.engagement.coaching import LOG_COACHING, coaching_variables, module_options
from frontend.ports import FrontendPorts
from frontend.site.filters import day
from frontend.site.forms import UNTOUCHED, FormState, Submission, optional_date
from frontend.site.graphql_files import graphql_document
from frontend.site.page import PageBase

CLUSTERS = graphql_document(__file__, "clusters")
FORM_CLUSTER = graphql_document(__file__, "form_cluster")
DASHBOARD = graphql_document(__file__, "dashboard")
ADMIT_ORGANISATION = graphql_document(__file__, "admit_organisation")
START_CLUSTER = graphql_document(__file__, "start_cluster")


class ClusterPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes = self.router
        routes.add_api_route("/clusters", self.clusters, methods=["GET"])
        routes.add_api_route("/clusters", self.form_cluster, methods=["POST"])
        routes.add_api_route("/clusters/{cluster_id}", self.dashboard, methods=["GET"])
        routes.add_api_route("/clusters/{cluster_id}/admissions", self.admit, methods=["POST"])
        routes.add_api_route("/clusters/{cluster_id}/start", self.start, methods=["POST"])
        routes.add_api_route("/clusters/{cluster_id}/coaching", self.log_coaching, methods=["POST"])

    async def clusters(self, request: Request) -> Response:
        return await self._clusters(request)

    async def _clusters(self, request: Request, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, CLUSTERS, {"after": request.query_params.get("after")})
        context = {
            "clusters": [edge["node"] for edge in data["clusters"]["edges"]],
            "page_info": data["clusters"]["pageInfo"],
            "coach_options": [(coach["id"], coach["displayName"]) for coach in data["coaches"]],
            "can": data["viewer"]["can"],
        }
        return self._render(request, "clusters/clusters.html", viewer, context, shown)

    async def form_cluster(self, request: Request) -> Response:
        form = await self._submission(request)
        variables = {
            "name": form.required("name"),
            "coachId": form.required("coachId"),
            "plannedStart": optional_date(form.fields, "plannedStart", form.errors),
            "plannedEnd": optional_date(form.fields, "plannedEnd", form.errors),
        }
        outcome = await self._mutate(request, FORM_CLUSTER, variables, form.errors)
        if form.errors:
            return await self._clusters(request, form.refused())
        says = f"The cluster {form.text('name').strip()} is formed; admit its members next."
        return self._done(request, f"/clusters/{outcome['cluster']['id']}", says)

    async def dashboard(self, request: Request, cluster_id: str) -> Response:
        return await self._dashboard(request, cluster_id)

    async def _dashboard(self, request: Request, cluster_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._cluster(request, DASHBOARD, {"id": cluster_id})
        cluster = data["cluster"]
        member_ids = {member["organisation"]["id"] for member in cluster["members"]}
        candidates = [org for org in data["organisations"] if org["id"] not in member_ids]
        context = {
            "cluster": cluster,
            "candidates": [(org["id"], org["name"]) for org in candidates],
            "members": [(m["organisation"]["id"], m["organisation"]["name"]) for m in cluster["members"]],
            "coaches": [(coach["id"], coach["displayName"]) for coach in data["coaches"]],
            "modules": module_options(cluster["moduleTitles"]),
            "live": shown is UNTOUCHED,  # its live stream: /live/clusters/{id} (frontend/site/live.py)
            "burn_ups": {
                m["organisation"]["id"]: burn_up_chart(m["progress"]) for m in cluster["members"] if m["progress"]
            },
            "burn_up_weeks": {
                m["organisation"]["id"]: burn_up_weeks(m["progress"]) for m in cluster["members"] if m["progress"]
            },
            "milestones": {
                m["organisation"]["id"]: milestones_reached(cluster["progressMilestones"], m["progress"])
                for m in cluster["members"]
                if m["progress"]
            },
        }
        return self._render(request, "clusters/cluster.html", viewer, context, shown)

    async def admit(self, request: Request, cluster_id: str) -> Response:
        form = await self._submission(request, "admit")
        variables = {
            "clusterId": cluster_id,
            "organisationId": form.required("organisationId"),
            "criteria": {
                key: form.text(key) for key in ("smallEnterprise", "managementCommitment", "resourcesAvailable")
            },
        }
        says = "The organisation is admitted to the cluster."
        return await self._dashboard_form(request, cluster_id, form, ADMIT_ORGANISATION, variables, says)

    async def start(self, request: Request, cluster_id: str) -> Response:
        form = await self._submission(request, "start")
        variables = {"clusterId": cluster_id, "startedOn": form.day("startedOn")}
        says = f"The cluster is running since {day(variables['startedOn'])}."
        return await self._dashboard_form(request, cluster_id, form, START_CLUSTER, variables, says)

    async def log_coaching(self, request: Request, cluster_id: str) -> Response:
        form = await self._submission(request, "coaching")
        variables = coaching_variables(cluster_id, form.required("organisationId"), form)
        says = f"The coaching half-day of {day(variables['heldOn'])} is logged in the member's ledger."
        return await self._dashboard_form(request, cluster_id, form, LOG_COACHING, variables, says)

    async def _dashboard_form(
        self, request: Request, cluster_id: str, form: Submission, document: str, variables: dict[str, Any], says: str
    ) -> Response:
        redisplay = partial(self._dashboard, request, cluster_id)
        return await self._submit(request, form, document, variables, redisplay, f"/clusters/{cluster_id}", says)


def burn_up_chart(progress: dict[str, Any]) -> dict[str, Any]:
    """A member's burn-up as the chart script reads it: milestones reached week by week, and their total."""
    return {
        "labels": [week.strftime("%d %b %Y").lstrip("0") for week in burn_up_weeks(progress)],
        "reached": progress["burnUp"],
        "total": progress["total"],
    }


def burn_up_weeks(progress: dict[str, Any]) -> list[date]:
    """The Monday of each of the burn-up's weeks: weekly from its first, one per count."""
    if not progress["burnUp"]:
        return []
    first = date.fromisoformat(progress["firstWeek"])
    return [first + timedelta(weeks=n) for n in range(len(progress["burnUp"]))]


def milestones_reached(catalogue: list[dict[str, Any]], progress: dict[str, Any]) -> list[dict[str, Any]]:
    """Each milestone of the cluster's catalogue with the day the member reached it (None if not yet): the member's
    days come in the catalogue's order."""
    return [milestone | {"reachedOn": day} for milestone, day in zip(catalogue, progress["reachedOn"], strict=True)]
