"""The plan of a cluster: proposing and accepting it, then its timeline, unavailability, clashes and moves."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.clusters.chart import Chart, timeline_chart
from frontend.clusters.views import (
    HALF_DAYS,
    active_members,
    clashing,
    cycles,
    moved,
    organisation_ids,
    organisation_options,
)
from frontend.ports import FrontendPorts
from frontend.site.filters import day, label
from frontend.site.forms import UNTOUCHED, FormErrors, FormState, Submission, optional_date
from frontend.site.graphql_files import graphql_document
from frontend.site.page import PageBase, Said

PLAN = graphql_document(__file__, "plan")
PLAN_PROPOSAL = graphql_document(__file__, "plan_proposal")
ACCEPT_PLAN = graphql_document(__file__, "accept_plan")
DECLARE_UNAVAILABILITY = graphql_document(__file__, "declare_unavailability")
RETRACT_UNAVAILABILITY = graphql_document(__file__, "retract_unavailability")
MOVE_SESSION = graphql_document(__file__, "move_session")


class PlanPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes = self.router
        routes.add_api_route("/clusters/{cluster_id}/plan", self.plan, methods=["GET"])
        routes.add_api_route("/clusters/{cluster_id}/plan", self.accept, methods=["POST"])
        routes.add_api_route("/clusters/{cluster_id}/unavailability", self.declare_unavailability, methods=["POST"])
        retraction = "/clusters/{cluster_id}/unavailability/{organisation_id}/{starts_on}/retract"
        routes.add_api_route(retraction, self.retract_unavailability, methods=["POST"])
        routes.add_api_route("/clusters/{cluster_id}/moves", self.move_session, methods=["POST"])

    async def plan(self, request: Request, cluster_id: str) -> Response:
        return await self._plan(request, cluster_id)

    async def _plan(self, request: Request, cluster_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._cluster(request, PLAN, {"id": cluster_id})
        cluster, today = data["cluster"], date.fromisoformat(data["viewer"]["today"])
        starts_on = request.query_params.get("startsOn") or shown.values.get("accept-startsOn")
        proposal = None
        if cluster["viewerCan"]["acceptPlan"] and starts_on:
            errors = FormErrors(shown.errors)
            proposal = await self._proposal(request, cluster_id, starts_on, errors)
            shown = FormState(errors, shown.values, 422 if "startsOn" in errors else shown.status)
        context = _plan_context(cluster, starts_on or "", proposal)
        context["chart"] = _chart(cluster, today)
        return self._render(request, "clusters/plan.html", viewer, context, shown)

    async def _proposal(
        self, request: Request, cluster_id: str, starts_on: str, errors: FormErrors
    ) -> dict[str, Any] | None:
        """The planner's proposal from `starts_on`; a date it refuses is an error beside the date."""
        day = optional_date({"startsOn": starts_on}, "startsOn", errors)
        if day is None:
            return None
        data = await self._query(request, PLAN_PROPOSAL, {"id": cluster_id, "startsOn": day})
        proposal: dict[str, Any] = data.get("proposal") or {}
        if proposal.get("__typename") != "PlanProposal":
            errors["startsOn"] = proposal.get("message", "No plan can be proposed from this date.")
            return None
        return proposal

    async def accept(self, request: Request, cluster_id: str) -> Response:
        form = await self._submission(request, "accept")
        variables = {"clusterId": cluster_id, "startsOn": form.day("startsOn"), "fingerprint": form.text("fingerprint")}
        says = "The plan is accepted; its sessions can be moved from the plan or their own page."
        return await self._plan_form(request, cluster_id, form, ACCEPT_PLAN, variables, says, beside=())

    async def declare_unavailability(self, request: Request, cluster_id: str) -> Response:
        form = await self._submission(request, "unavailability")
        variables = {
            "clusterId": cluster_id,
            "organisationId": form.required("organisationId"),
            "startsOn": form.day("startsOn"),
            "endsOn": form.day("endsOn"),
            "reason": form.required("reason"),
        }
        says = f"Unavailability from {day(variables['startsOn'])} to {day(variables['endsOn'])} is declared."
        return await self._plan_form(request, cluster_id, form, DECLARE_UNAVAILABILITY, variables, says)

    async def retract_unavailability(
        self, request: Request, cluster_id: str, organisation_id: str, starts_on: str
    ) -> Response:
        """The correction of a declaration made by mistake: it no longer counts; the plan lists it as retracted."""
        form = await self._submission(request, f"retract-{organisation_id}-{starts_on}")
        given = {"clusterId": cluster_id, "organisationId": organisation_id, "startsOn": starts_on}
        variables = {**given, "reason": form.required("reason")}
        says = f"The unavailability from {day(starts_on)} is retracted: it no longer counts for the plan or clashes."
        return await self._plan_form(request, cluster_id, form, RETRACT_UNAVAILABILITY, variables, says)

    async def move_session(self, request: Request, cluster_id: str) -> Response:
        form = await self._submission(request, "move")
        variables = {
            "clusterId": cluster_id,
            "sessionKey": form.required("sessionKey"),
            "on": form.day("on"),
            "halfDay": form.one_of("halfDay", dict(HALF_DAYS)),
            "reason": form.required("reason"),
            "onDayOff": form.checked("onDayOff"),
        }
        says = partial(moved, form.text("sessionKey"))
        return await self._plan_form(request, cluster_id, form, MOVE_SESSION, variables, says)

    async def _plan_form(
        self,
        request: Request,
        cluster_id: str,
        form: Submission,
        document: str,
        variables: dict[str, Any],
        says: Said,
        beside: tuple[str, ...] | None = None,
    ) -> Response:
        redisplay = partial(self._plan, request, cluster_id)
        done = f"/clusters/{cluster_id}/plan"
        return await self._submit(request, form, document, variables, redisplay, done, says, beside)


def _session_option(session: dict[str, Any]) -> tuple[str, str]:
    member = f" · {session['organisationName']}" if session["organisationName"] else ""
    when = f"{day(session['scheduledOn'])} {label(session['halfDay']).lower()}"
    return session["key"], f"{when} · {session['title']}{member}"


def _chart(cluster: dict[str, Any], today: date) -> Chart | None:
    members = [member["organisation"]["name"] for member in active_members(cluster)]
    clashes = [clash["sessionKey"] for clash in cluster["clashes"]]
    return timeline_chart(cluster["id"], cluster["sessions"], members, cluster["unavailability"], clashes, today)


def _plan_context(cluster: dict[str, Any], starts_on: str, proposal: dict[str, Any] | None) -> dict[str, Any]:
    """What the plan page shows: the timeline and its clashes, the proposal if any, and the forms' choices."""
    return {
        "cluster": cluster,
        "cycles": cycles(cluster["sessions"]),
        "clashes": clashing(cluster["clashes"]),
        "organisation_ids": organisation_ids(cluster),
        "organisations": organisation_options(active_members(cluster)),
        "scheduled": [_session_option(s) for s in cluster["sessions"] if s["viewerCan"]["move"]],
        "half_days": HALF_DAYS,
        "starts_on": starts_on,
        "proposal": proposal,
        "proposed_cycles": cycles(proposal["sessions"]) if proposal else [],
    }
