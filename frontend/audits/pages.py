"""An organisation's internal audits: the list with its programmes, filters and planning forms, and an audit's page
with its findings, history, forms and report downloads."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from frontend.audits import views
from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.listing import read_listing
from frontend.site.page import NotInView, PageBase

ORGANISATIONS = graphql_document(__file__, "audit_organisations")
AUDITS = graphql_document(__file__, "audits")
AUDIT = graphql_document(__file__, "audit")
PLAN_PROGRAMME = graphql_document(__file__, "plan_audit_programme")
REVISE_PROGRAMME = graphql_document(__file__, "revise_audit_programme")
PLAN_AUDIT = graphql_document(__file__, "plan_audit")
RECORD_FINDING = graphql_document(__file__, "record_audit_finding")
RAISE = graphql_document(__file__, "raise_nonconformity_from_finding")
COMPLETE = graphql_document(__file__, "complete_audit")


class AuditPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        add, register = self.router.add_api_route, "/organisations/{org}/audits"
        add("/audits", self.organisations, methods=["GET"])
        add(register, self.audits, methods=["GET"])
        add(f"{register}/programmes", self.plan_programme, methods=["POST"])
        add(f"{register}/programmes/{{programme_id}}/revise", self.revise_programme, methods=["POST"])
        add(f"{register}/plan", self.plan_audit, methods=["POST"])
        add(f"{register}/{{audit_id}}", self.audit, methods=["GET"])
        add(f"{register}/{{audit_id}}/finding", self.finding, methods=["POST"])
        add(f"{register}/{{audit_id}}/raise", self.raise_, methods=["POST"])
        add(f"{register}/{{audit_id}}/complete", self.complete, methods=["POST"])

    async def organisations(self, request: Request) -> Response:
        """A member goes to its own audits; a coach or an admin chooses among the organisations in view."""
        viewer = self._viewer(request)
        if viewer.organisation_id:
            return RedirectResponse(f"/organisations/{viewer.organisation_id}/audits", status_code=303)
        data = await self._query(request, ORGANISATIONS, {})
        return self._render(
            request, "audits/organisations.html", viewer, {"organisations": data.get("organisations", [])}
        )

    async def audits(self, request: Request, org: str) -> Response:
        return await self._audits(request, org)

    async def _audits(self, request: Request, org: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        listing = await read_listing(
            self.ports, request, AUDITS, views.list_filters, partial(views.list_variables, org)
        )
        data, filters = listing.data, listing.filters
        connection = data.get("audits") or {}
        context = {
            "organisation": listing.organisation,
            "audits": connection,
            "people": views.people_options(data.get("ismsPeople") or []),
            "programme_options": views.programme_options(connection.get("programmes") or []),
            "filters": filters,
            "filter_error": listing.filter_error,
            "next_page": listing.next_page("audits", partial(views.next_page, org, filters)),
            "views": views,
        }
        return self._render(request, "audits/audits.html", viewer, context, shown)

    async def plan_programme(self, request: Request, org: str) -> Response:
        form = await self._submission(request, "programme")
        people = (await self._query(request, AUDITS, views.list_variables(org, views.list_filters({})))).get(
            "ismsPeople"
        ) or []
        areas, problem = views.areas(form.required("areas"), people)
        if problem and "areas" not in form.errors:
            form.errors["areas"] = problem
        variables = {"organisationId": org, "year": form.number("year"), "areas": areas,
                     "objectives": form.text("objectives").strip() or None}  # fmt: skip
        redisplay = partial(self._audits, request, org)
        says = "The audit programme is planned."
        return await self._submit(
            request, form, PLAN_PROGRAMME, variables, redisplay, f"/organisations/{org}/audits", says,
            ("year", "areas", "objectives"),
        )  # fmt: skip

    async def revise_programme(self, request: Request, org: str, programme_id: str) -> Response:
        """New areas, owners or objectives, and why; a refusal of an area's clause or owner shows beside the areas."""
        form = await self._submission(request, views.revise_scope(programme_id))
        people = (await self._query(request, AUDITS, views.list_variables(org, views.list_filters({})))).get(
            "ismsPeople"
        ) or []
        areas, problem = views.areas(form.required("areas"), people)
        if problem and "areas" not in form.errors:
            form.errors["areas"] = problem
        variables = {"programmeId": programme_id, "areas": areas, "reason": form.required("reason"),
                     "objectives": form.text("objectives").strip() or None}  # fmt: skip
        fields = ("areas", "objectives", "reason", *views.AREA_PARTS)
        outcome = await self._mutate(request, REVISE_PROGRAMME, variables, form.errors, fields=fields)
        for part in views.AREA_PARTS:  # an area's clause or owner refused: said beside the areas typed
            if part in form.errors:
                form.errors.setdefault("areas", form.errors.pop(part))
        if form.errors:
            return await self._audits(request, org, form.refused())
        year = ((outcome.get("programme") or {}).get("year")) or ""
        return self._done(request, f"/organisations/{org}/audits", f"The {year} audit programme is revised.")

    async def plan_audit(self, request: Request, org: str) -> Response:
        form = await self._submission(request, "audit")
        variables = {
            "programmeId": form.required("programmeId"),
            "title": form.required("title"),
            "scope": views.references(form.required("scope")),
            "criteria": form.required("criteria"),
            "plannedOn": form.day("plannedOn"),
            "auditorId": form.required("auditorId"),
        }
        redisplay = partial(self._audits, request, org)
        says = "The audit is planned."
        return await self._submit(request, form, PLAN_AUDIT, variables, redisplay, f"/organisations/{org}/audits", says)

    async def audit(self, request: Request, org: str, audit_id: str) -> Response:
        return await self._audit(request, org, audit_id)

    async def _audit(self, request: Request, org: str, audit_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, AUDIT, {"id": audit_id})
        audit = data.get("audit") or {}
        if audit.get("__typename") != "Audit" or audit["organisationId"] != org:
            raise NotInView(audit.get("message", "This audit does not exist or is not yours to see."))
        return self._render(request, "audits/audit.html", viewer, {"audit": audit, "org": org, "views": views}, shown)

    async def finding(self, request: Request, org: str, audit_id: str) -> Response:
        form = await self._submission(request, "finding")
        variables = {
            "auditId": audit_id,
            "kind": form.one_of("kind", views.KIND_NAMES),
            "reference": form.required("reference"),
            "statement": form.required("statement"),
            "evidence": form.required("evidence"),
        }
        fields = ("kind", "reference", "statement", "evidence")
        return await self._on_audit(
            request, org, audit_id, form, RECORD_FINDING, variables, "The finding is recorded.", fields
        )

    async def raise_(self, request: Request, org: str, audit_id: str) -> Response:
        form = await self._submission(request, "raise")
        variables = {"auditId": audit_id, "findingId": form.required("findingId"), "title": form.required("title")}
        says = "The nonconformity is raised in the register, linked to the finding."
        return await self._on_audit(request, org, audit_id, form, RAISE, variables, says, ("title",))

    async def complete(self, request: Request, org: str, audit_id: str) -> Response:
        form = await self._submission(request, "complete")
        variables = {"auditId": audit_id, "heldOn": form.day("heldOn"), "conclusion": form.required("conclusion")}
        says = "The audit is completed: its report is final."
        return await self._on_audit(request, org, audit_id, form, COMPLETE, variables, says, ("heldOn", "conclusion"))

    async def _on_audit(
        self,
        request: Request,
        org: str,
        audit_id: str,
        form: Submission,
        document: str,
        variables: dict[str, Any],
        says: str,
        beside: tuple[str, ...],
    ) -> Response:
        redisplay = partial(self._audit, request, org, audit_id)
        done = f"/organisations/{org}/audits/{audit_id}"
        return await self._submit(request, form, document, variables, redisplay, done, says, beside)
