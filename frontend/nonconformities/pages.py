"""An organisation's nonconformities: the register with its filters and a form to raise one, and a nonconformity's
page with its corrective actions, history and forms."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from frontend.nonconformities import views
from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.listing import read_listing
from frontend.site.page import NotInView, PageBase

ORGANISATIONS = graphql_document(__file__, "nonconformity_organisations")
LIST = graphql_document(__file__, "nonconformities")
ONE = graphql_document(__file__, "nonconformity")
RAISE = graphql_document(__file__, "raise_nonconformity")
ANALYSE = graphql_document(__file__, "analyse_nonconformity")
PLAN = graphql_document(__file__, "plan_corrective_action")
COMPLETE = graphql_document(__file__, "complete_corrective_action")
VERIFY = graphql_document(__file__, "verify_action_effectiveness")
CLOSE = graphql_document(__file__, "close_nonconformity")
SOURCE_INCIDENT = graphql_document(__file__, "source_incident")


class NonconformityPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        add, register = self.router.add_api_route, "/organisations/{org}/nonconformities"
        add("/nonconformities", self.organisations, methods=["GET"])
        add(register, self.register, methods=["GET"])
        add(register, self.raise_, methods=["POST"])
        add(f"{register}/{{nc}}", self.nonconformity, methods=["GET"])
        for action in ("analyse", "plan", "complete", "verify", "close"):
            add(f"{register}/{{nc}}/{action}", getattr(self, action), methods=["POST"])

    async def organisations(self, request: Request) -> Response:
        viewer = self._viewer(request)
        if viewer.organisation_id:
            return RedirectResponse(f"/organisations/{viewer.organisation_id}/nonconformities", status_code=303)
        data = await self._query(request, ORGANISATIONS, {})
        organisations = data.get("organisations", [])
        return self._render(request, "nonconformities/organisations.html", viewer, {"organisations": organisations})

    async def register(self, request: Request, org: str) -> Response:
        return await self._register(request, org)

    async def _register(self, request: Request, org: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        listing = await read_listing(self.ports, request, LIST, views.list_filters, partial(views.list_variables, org))
        context = {
            "organisation": listing.organisation,
            "register": listing.data.get("nonconformities") or {},
            "filters": listing.filters,
            "filter_error": listing.filter_error,
            "next_page": listing.next_page("nonconformities", partial(views.next_page, org, listing.filters)),
            "views": views,
        }
        return self._render(request, "nonconformities/register.html", viewer, context, shown)

    async def raise_(self, request: Request, org: str) -> Response:
        form = await self._submission(request, "raise")
        variables = {
            "organisationId": org,
            "title": form.required("title"),
            "description": form.required("description"),
            "severity": form.one_of("severity", dict(views.SEVERITIES)),
            "sourceKind": form.one_of("sourceKind", dict(views.SOURCES)),
            "sourceReference": form.text("sourceReference").strip() or None,
        }
        redisplay = partial(self._register, request, org)
        return await self._submit(
            request, form, RAISE, variables, redisplay, f"/organisations/{org}/nonconformities",
            "The nonconformity is raised.", ("title", "description", "severity", "sourceKind", "sourceReference"),
        )  # fmt: skip

    async def nonconformity(self, request: Request, org: str, nc: str) -> Response:
        return await self._nonconformity(request, org, nc)

    async def _nonconformity(self, request: Request, org: str, nc: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        result = await self.ports.execute(request, ONE, {"id": nc, "org": org})
        data = result.data or {}
        self._note_history(request, data, nc)
        found = data.get("nonconformity") or {}
        if found.get("__typename") != "Nonconformity" or found["organisationId"] != org:
            raise NotInView(found.get("message", "This nonconformity does not exist or is not yours to see."))
        context = {"nc": found, "org": org, "people": views.people_options(data.get("ismsPeople") or []),
                   "views": views, "source_incident": await self._source_incident(request, found)}  # fmt: skip
        return self._render(request, "nonconformities/nonconformity.html", viewer, context, shown)

    async def _source_incident(self, request: Request, found: dict[str, Any]) -> dict[str, Any] | None:
        """The incident the nonconformity was opened from, when its reference is one in view."""
        if found["sourceKind"] != "incident" or not found.get("sourceReference"):
            return None
        incident = (await self._query(request, SOURCE_INCIDENT, {"id": found["sourceReference"]})).get("incident")
        return incident if incident and incident.get("__typename") == "Incident" else None

    async def analyse(self, request: Request, org: str, nc: str) -> Response:
        form = await self._submission(request, "analyse")
        variables = {"nonconformityId": nc, "rootCause": form.required("rootCause"),
                     "correction": form.text("correction").strip() or None}  # fmt: skip
        return await self._on(request, org, nc, form, ANALYSE, variables, "The root cause is recorded.")

    async def plan(self, request: Request, org: str, nc: str) -> Response:
        form = await self._submission(request, "plan")
        variables = {"nonconformityId": nc, "description": form.required("description"),
                     "ownerId": form.required("ownerId"), "dueOn": form.day("dueOn")}  # fmt: skip
        return await self._on(request, org, nc, form, PLAN, variables, "The corrective action is planned.")

    async def complete(self, request: Request, org: str, nc: str) -> Response:
        form = await self._submission(request, "complete")
        variables = {"nonconformityId": nc, "actionId": form.required("actionId"),
                     "completedOn": form.day("completedOn"), "note": form.text("note").strip() or None}  # fmt: skip
        says = "The action is completed: someone other than its owner verifies it next."
        return await self._on(request, org, nc, form, COMPLETE, variables, says, ("completedOn", "note"))

    async def verify(self, request: Request, org: str, nc: str) -> Response:
        form = await self._submission(request, "verify")
        variables = {"nonconformityId": nc, "actionId": form.required("actionId"),
                     "effective": form.text("effective") == "yes", "evidence": form.required("evidence")}  # fmt: skip
        return await self._on(request, org, nc, form, VERIFY, variables, "The verification is recorded.", ("evidence",))

    async def close(self, request: Request, org: str, nc: str) -> Response:
        form = await self._submission(request, "close")
        variables = {"nonconformityId": nc, "note": form.text("note").strip() or None}
        return await self._on(request, org, nc, form, CLOSE, variables, "The nonconformity is closed.", ("note",))

    async def _on(
        self,
        request: Request,
        org: str,
        nc: str,
        form: Submission,
        document: str,
        variables: dict[str, Any],
        says: str,
        beside: tuple[str, ...] | None = None,
    ) -> Response:
        redisplay = partial(self._nonconformity, request, org, nc)
        done = f"/organisations/{org}/nonconformities/{nc}"
        return await self._submit(request, form, document, variables, redisplay, done, says, beside)
