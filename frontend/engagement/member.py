"""One member of a cluster: its gap analysis, coaching ledger and ceiling, and its outcome."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.engagement.coaching import LOG_COACHING, coaching_variables, module_options
from frontend.engagement.views import LEVELS, NEXT_STEPS, Area, areas, latest_levels
from frontend.ports import FrontendPorts
from frontend.site.filters import day
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase

MEMBER = graphql_document(__file__, "member")
MATURITY_AREAS = graphql_document(__file__, "maturity_areas")
ASSESS_GAP = graphql_document(__file__, "assess_gap")
RAISE_COACHING_CEILING = graphql_document(__file__, "raise_coaching_ceiling")
RECORD_ISMS_ESTABLISHED = graphql_document(__file__, "record_isms_established")
PLAN_CERTIFICATION_AUDIT = graphql_document(__file__, "plan_certification_audit")
RECORD_CERTIFIED = graphql_document(__file__, "record_certified")
WITHDRAW_MEMBER = graphql_document(__file__, "withdraw_member")
CORRECT_COACHING_ENTRY = graphql_document(__file__, "correct_coaching_entry")
VOID_COACHING_ENTRY = graphql_document(__file__, "void_coaching_entry")


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
        routes.add_api_route(f"{member}/coaching/{{entry:int}}/correct", self.correct_entry, methods=["POST"])
        routes.add_api_route(f"{member}/coaching/{{entry:int}}/void", self.void_entry, methods=["POST"])

    async def member(self, request: Request, cluster_id: str, organisation_id: str) -> Response:
        return await self._member(request, cluster_id, organisation_id)

    async def _member(
        self, request: Request, cluster_id: str, organisation_id: str, shown: FormState = UNTOUCHED
    ) -> Response:
        viewer = self._viewer(request)
        data = await self._cluster(request, MEMBER, {"id": cluster_id, "organisationId": organisation_id})
        if data["cluster"]["member"] is None:
            raise NotInView("No such member of this cluster in your view.")
        context = _member_context(data)
        return self._render(request, "engagement/member.html", viewer, context, shown)

    async def assess(self, request: Request, cluster_id: str, organisation_id: str) -> Response:
        form = await self._submission(request, "assess")
        clauses, themes = areas((await self._query(request, MATURITY_AREAS, {}))["maturityAreas"])
        variables = {
            "visitedOn": form.day("visitedOn"),
            "analysedOn": form.day("analysedOn"),
            "clauseLevels": _levels(form, clauses),
            "themeLevels": _levels(form, themes),
        }
        says = f"The gap analysis of {day(variables['analysedOn'])} is recorded."
        return await self._member_form(request, cluster_id, organisation_id, form, ASSESS_GAP, variables, says)

    async def log_coaching(self, request: Request, cluster_id: str, organisation_id: str) -> Response:
        form = await self._submission(request, "coaching")
        variables = coaching_variables(cluster_id, organisation_id, form)
        says = f"The coaching half-day of {day(variables['heldOn'])} is logged in the ledger."
        return await self._member_form(request, cluster_id, organisation_id, form, LOG_COACHING, variables, says)

    async def raise_ceiling(self, request: Request, cluster_id: str, organisation_id: str) -> Response:
        form = await self._submission(request, "ceiling")
        variables = {"additionalHalfDays": form.number("additionalHalfDays"), "reason": form.required("reason")}
        says = f"The coaching ceiling is raised by {variables['additionalHalfDays']} half-day(s)."
        document = RAISE_COACHING_CEILING
        return await self._member_form(request, cluster_id, organisation_id, form, document, variables, says)

    async def record_established(self, request: Request, cluster_id: str, organisation_id: str) -> Response:
        form = await self._submission(request, "outcome")
        variables = {"establishedOn": form.day("establishedOn")}
        says = f"The ISMS is recorded as established on {day(variables['establishedOn'])}."
        document = RECORD_ISMS_ESTABLISHED
        return await self._member_form(request, cluster_id, organisation_id, form, document, variables, says)

    async def plan_audit(self, request: Request, cluster_id: str, organisation_id: str) -> Response:
        form = await self._submission(request, "outcome")
        variables = {"auditOn": form.day("auditOn"), "certificationBody": form.required("certificationBody")}
        says = f"The certification audit is planned for {day(variables['auditOn'])}."
        document = PLAN_CERTIFICATION_AUDIT
        return await self._member_form(request, cluster_id, organisation_id, form, document, variables, says)

    async def record_certified(self, request: Request, cluster_id: str, organisation_id: str) -> Response:
        form = await self._submission(request, "outcome")
        reference = form.required("certificateReference")
        variables = {"certifiedOn": form.day("certifiedOn"), "certificateReference": reference}
        says = f"Certification on {day(variables['certifiedOn'])} is recorded."
        document = RECORD_CERTIFIED
        return await self._member_form(request, cluster_id, organisation_id, form, document, variables, says)

    async def withdraw(self, request: Request, cluster_id: str, organisation_id: str) -> Response:
        form = await self._submission(request, "withdraw")
        variables = {"withdrawnOn": form.day("withdrawnOn"), "reason": form.required("reason")}
        form.confirmed("confirm", "Tick the box to confirm: a withdrawn member leaves the cluster for good.")
        says = f"The withdrawal on {day(variables['withdrawnOn'])} is recorded."
        document = WITHDRAW_MEMBER
        return await self._member_form(request, cluster_id, organisation_id, form, document, variables, says)

    async def correct_entry(self, request: Request, cluster_id: str, organisation_id: str, entry: int) -> Response:
        """A ledger entry corrected, with the reason; the ledger keeps what it said before."""
        form = await self._submission(request, f"correct-{entry}")
        variables = {
            "entryNumber": entry,
            "heldOn": form.day("heldOn"),
            "workDone": form.required("workDone"),
            "nextSteps": form.text("nextSteps"),
            "reason": form.required("reason"),
        }
        says = f"Half-day {entry} is corrected; the ledger keeps what it said before, and why it changed."
        return await self._member_form(
            request, cluster_id, organisation_id, form, CORRECT_COACHING_ENTRY, variables, says
        )

    async def void_entry(self, request: Request, cluster_id: str, organisation_id: str, entry: int) -> Response:
        """A ledger entry logged by mistake no longer counts; the ledger shows it void, with the reason."""
        form = await self._submission(request, f"void-{entry}")
        variables = {"entryNumber": entry, "reason": form.required("reason")}
        form.confirmed("confirm", "Tick the box to confirm that this half-day did not take place.")
        says = f"Half-day {entry} is void: it no longer counts against the ceiling nor in the effort."
        return await self._member_form(request, cluster_id, organisation_id, form, VOID_COACHING_ENTRY, variables, says)

    async def _member_form(
        self,
        request: Request,
        cluster_id: str,
        organisation_id: str,
        form: Submission,
        document: str,
        variables: dict[str, Any],
        says: str,
    ) -> Response:
        variables = {"clusterId": cluster_id, "organisationId": organisation_id, **variables}
        redisplay = partial(self._member, request, cluster_id, organisation_id)
        done = f"/clusters/{cluster_id}/members/{organisation_id}"
        return await self._submit(request, form, document, variables, redisplay, done, says)


def _levels(form: Submission, listed: list[Area]) -> list[dict[str, Any]]:
    """The maturity level chosen for each area, as the API's level inputs."""
    chosen = {area.code: form.one_of(area.field, dict(LEVELS)) for area in listed}
    return [{"area": code, "level": int(level)} for code, level in chosen.items() if level is not None]


def _member_context(data: dict[str, Any]) -> dict[str, Any]:
    """What the member page shows: its registers, the forms' choices, and the outcome it may record next."""
    cluster, member = data["cluster"], data["cluster"]["member"]
    clauses, themes = areas(data["maturityAreas"])
    return {
        "cluster": cluster,
        "member": member,
        "levels": latest_levels(member["gapAnalyses"], clauses + themes),
        "clauses": clauses,
        "themes": themes,
        "level_options": LEVELS,
        "coaches": [(coach["id"], coach["displayName"]) for coach in data["coaches"]],
        "modules": module_options(cluster["moduleTitles"]),
        "next_step": NEXT_STEPS.get(member["viewerCan"]["recordOutcome"] or ""),
    }
