"""The treatment plan's actions and the security objectives, each a list by due date with its forms."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from frontend.risks import views
from frontend.site.forms import UNTOUCHED, FormState
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase

PLAN = graphql_document(__file__, "treatment_plan")
PLAN_ACTION = graphql_document(__file__, "plan_treatment_action")
ACTION_STATUS = graphql_document(__file__, "change_treatment_action_status")
OBJECTIVES = graphql_document(__file__, "objectives")
SET_OBJECTIVE = graphql_document(__file__, "set_security_objective")
OBJECTIVE_STATUS = graphql_document(__file__, "change_security_objective_status")


class PlanPages(PageBase):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        add = self.router.add_api_route
        plan, objectives = "/organisations/{org}/treatment-plan", "/organisations/{org}/objectives"
        add(plan, self.plan, methods=["GET"])
        add(plan, self.plan_action, methods=["POST"])
        add(f"{plan}/{{action_id}}/status", self.action_status, methods=["POST"])
        add(objectives, self.objectives, methods=["GET"])
        add(objectives, self.set_objective, methods=["POST"])
        add(f"{objectives}/{{objective_id}}/status", self.objective_status, methods=["POST"])

    async def plan(self, request: Request, org: str) -> Response:
        return await self._plan(request, org)

    async def _plan(self, request: Request, org: str, shown: FormState = UNTOUCHED) -> Response:
        data, context = await self._listed(request, org, PLAN)
        context |= {"actions": data.get("treatmentActions"), "risks": (data.get("risks") or {}).get("edges", [])}
        context["next_page"] = self._next(f"/organisations/{org}/treatment-plan", request, data.get("treatmentActions"))
        return self._render(request, "risks/plan.html", self._viewer(request), context, shown)

    async def plan_action(self, request: Request, org: str) -> Response:
        form = await self._submission(request, "plan")
        risk = form.text("riskId")
        variables = {
            "organisationId": org,
            "title": form.required("title"),
            "owner": form.required("owner"),
            "dueOn": form.day("dueOn"),
            "riskIds": [risk] if risk else [],
            "controls": form.lines("controls"),
        }
        says = f"{form.text('title').strip()} is planned."
        done = f"/organisations/{org}/treatment-plan"
        return await self._submit(request, form, PLAN_ACTION, variables, partial(self._plan, request, org), done, says)

    async def action_status(self, request: Request, org: str, action_id: str) -> Response:
        form = await self._submission(request, f"status-{action_id}")
        variables = {
            "actionId": action_id,
            "status": form.one_of("status", dict(views.PROGRESS)),
            "reason": form.text("reason").strip() or None,
        }
        done = f"/organisations/{org}/treatment-plan"
        redisplay = partial(self._plan, request, org)
        return await self._submit(
            request, form, ACTION_STATUS, variables, redisplay, done, "The action's status is changed."
        )

    async def objectives(self, request: Request, org: str) -> Response:
        return await self._objectives(request, org)

    async def _objectives(self, request: Request, org: str, shown: FormState = UNTOUCHED) -> Response:
        data, context = await self._listed(request, org, OBJECTIVES)
        listed = data.get("securityObjectives")
        context |= {"objectives": listed, "next_page": self._next(f"/organisations/{org}/objectives", request, listed)}
        return self._render(request, "risks/objectives.html", self._viewer(request), context, shown)

    async def set_objective(self, request: Request, org: str) -> Response:
        form = await self._submission(request, "objective")
        variables = {
            "organisationId": org,
            "title": form.required("title"),
            "measure": form.required("measure"),
            "owner": form.required("owner"),
            "dueOn": form.day("dueOn"),
        }
        says = f"{form.text('title').strip()} is set."
        done = f"/organisations/{org}/objectives"
        redisplay = partial(self._objectives, request, org)
        return await self._submit(request, form, SET_OBJECTIVE, variables, redisplay, done, says)

    async def objective_status(self, request: Request, org: str, objective_id: str) -> Response:
        form = await self._submission(request, f"status-{objective_id}")
        variables = {
            "objectiveId": objective_id,
            "status": form.one_of("status", dict(views.OBJECTIVE_STATUSES)),
            "reason": form.text("reason").strip() or None,
        }
        done = f"/organisations/{org}/objectives"
        redisplay = partial(self._objectives, request, org)
        says = "The objective's status is changed."
        return await self._submit(request, form, OBJECTIVE_STATUS, variables, redisplay, done, says)

    async def _listed(self, request: Request, org: str, document: str) -> tuple[dict[str, Any], dict[str, Any]]:
        status = request.query_params.get("status", "").strip() or None
        after = request.query_params.get("after") or None
        result = await self.ports.execute(request, document, {"org": org, "status": status, "after": after})
        refused = result.errors[0]["message"] if result.errors else None
        if refused:
            result = await self.ports.execute(request, document, {"org": org})
        data = result.data or {}
        organisation = data.get("organisation") or {}
        if organisation.get("__typename") != "Organisation":
            raise NotInView(organisation.get("message", "This organisation does not exist or is not yours to see."))
        context = {"organisation": organisation, "filter_error": refused, "status": status or "", "views": views}
        return data, context

    @staticmethod
    def _next(path: str, request: Request, listed: dict[str, Any] | None) -> str | None:
        if not listed or not listed["pageInfo"]["hasNextPage"]:
            return None
        filters = {"status": request.query_params.get("status", "")}
        return views.next_page(path, filters, listed["pageInfo"]["endCursor"])
