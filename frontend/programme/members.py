"""One member of a cluster: its gap analysis, coaching ledger and ceiling, and its outcome."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.base import NotInView, PageBase
from frontend.documents import LOG_COACHING
from frontend.forms import FormErrors, Submission
from frontend.ports import FrontendPorts
from frontend.programme import documents
from frontend.programme.views import LEVELS, NEXT_STEPS, Area, areas, latest_levels, module_options


def coaching_variables(cluster_id: str, organisation_id: str, form: Submission) -> dict[str, Any]:
    """A coaching half-day for the ledger, from the dashboard's, the member's or a coaching slot's form."""
    return {
        "clusterId": cluster_id,
        "organisationId": organisation_id,
        "heldOn": form.day("heldOn"),
        "coachId": form.text("coachId") or None,
        "moduleNumber": form.optional_number("moduleNumber"),
        "workDone": form.text("workDone"),
        "nextSteps": form.text("nextSteps"),
    }


class MemberPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes = self.router
        member = "/clusters/{cluster_id}/members/{organisation_id}"
        routes.add_api_route(member, self.member, methods=["GET"])
        routes.add_api_route(f"{member}/assessments", self.assess, methods=["POST"])
        routes.add_api_route(f"{member}/coaching", self.log_coaching, methods=["POST"])
        routes.add_api_route(f"{member}/ceiling", self.raise_ceiling, methods=["POST"])
        routes.add_api_route(f"{member}/outcome/established", self.record_established, methods=["POST"])
        routes.add_api_route(f"{member}/outcome/audit", self.plan_audit, methods=["POST"])
        routes.add_api_route(f"{member}/outcome/certified", self.record_certified, methods=["POST"])
        routes.add_api_route(f"{member}/withdrawal", self.withdraw, methods=["POST"])

    async def member(self, request: Request, cluster_id: str, organisation_id: str) -> Response:
        return await self._member(request, cluster_id, organisation_id)

    async def _member(
        self,
        request: Request,
        cluster_id: str,
        organisation_id: str,
        errors: FormErrors | None = None,
        values: dict[str, str] | None = None,
        status: int = 200,
    ) -> Response:
        viewer = self._viewer(request)
        variables = {"id": cluster_id, "organisationId": organisation_id}
        data = await self._cluster(request, documents.MEMBER, variables)
        cluster, member = data["cluster"], data["cluster"]["member"]
        if member is None:
            raise NotInView("No such member of this cluster in your view.")
        clauses, themes = areas(data["maturityAreas"])
        context = {
            "cluster": cluster,
            "member": member,
            "levels": latest_levels(member["gapAnalyses"], clauses + themes),
            "clauses": clauses,
            "themes": themes,
            "level_options": LEVELS,
            "coaches": [(coach["id"], coach["displayName"]) for coach in data["coaches"]],
            "modules": module_options(cluster["moduleTitles"]),
            "next_step": NEXT_STEPS.get(member["outcome"]["status"]),
        }
        return self._render(request, "member.html", viewer, context, errors, values, status)

    async def assess(self, request: Request, cluster_id: str, organisation_id: str) -> Response:
        form = await self._submission(request, "assess")
        clauses, themes = areas((await self._query(request, documents.MEMBER_AREAS, {}))["maturityAreas"])
        variables = {
            "visitedOn": form.day("visitedOn"),
            "analysedOn": form.day("analysedOn"),
            "clauseLevels": _levels(form, clauses),
            "themeLevels": _levels(form, themes),
        }
        return await self._member_form(request, cluster_id, organisation_id, form, documents.ASSESS_GAP, variables)

    async def log_coaching(self, request: Request, cluster_id: str, organisation_id: str) -> Response:
        form = await self._submission(request, "coaching")
        variables = coaching_variables(cluster_id, organisation_id, form)
        return await self._member_form(request, cluster_id, organisation_id, form, LOG_COACHING, variables)

    async def raise_ceiling(self, request: Request, cluster_id: str, organisation_id: str) -> Response:
        form = await self._submission(request, "ceiling")
        variables = {"additionalHalfDays": form.number("additionalHalfDays"), "reason": form.text("reason")}
        document = documents.RAISE_COACHING_CEILING
        return await self._member_form(request, cluster_id, organisation_id, form, document, variables)

    async def record_established(self, request: Request, cluster_id: str, organisation_id: str) -> Response:
        form = await self._submission(request, "outcome")
        variables = {"establishedOn": form.day("establishedOn")}
        document = documents.RECORD_ISMS_ESTABLISHED
        return await self._member_form(request, cluster_id, organisation_id, form, document, variables)

    async def plan_audit(self, request: Request, cluster_id: str, organisation_id: str) -> Response:
        form = await self._submission(request, "outcome")
        variables = {"auditOn": form.day("auditOn"), "certificationBody": form.text("certificationBody")}
        document = documents.PLAN_CERTIFICATION_AUDIT
        return await self._member_form(request, cluster_id, organisation_id, form, document, variables)

    async def record_certified(self, request: Request, cluster_id: str, organisation_id: str) -> Response:
        form = await self._submission(request, "outcome")
        variables = {"certifiedOn": form.day("certifiedOn"), "certificateReference": form.text("certificateReference")}
        document = documents.RECORD_CERTIFIED
        return await self._member_form(request, cluster_id, organisation_id, form, document, variables)

    async def withdraw(self, request: Request, cluster_id: str, organisation_id: str) -> Response:
        form = await self._submission(request, "withdraw")
        variables = {"withdrawnOn": form.day("withdrawnOn"), "reason": form.text("reason")}
        document = documents.WITHDRAW_MEMBER
        return await self._member_form(request, cluster_id, organisation_id, form, document, variables)

    async def _member_form(
        self,
        request: Request,
        cluster_id: str,
        organisation_id: str,
        form: Submission,
        document: str,
        variables: dict[str, Any],
    ) -> Response:
        variables = {"clusterId": cluster_id, "organisationId": organisation_id, **variables}
        redisplay = partial(self._member, request, cluster_id, organisation_id)
        done = f"/clusters/{cluster_id}/members/{organisation_id}"
        return await self._submit(request, form, document, variables, redisplay, done)


def _levels(form: Submission, listed: list[Area]) -> list[dict[str, Any]]:
    """The maturity level chosen for each area, as the API's level inputs."""
    chosen = {area.code: form.one_of(area.field, dict(LEVELS)) for area in listed}
    return [{"area": code, "level": int(level)} for code, level in chosen.items() if level is not None]
