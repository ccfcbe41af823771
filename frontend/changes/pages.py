"""The change log with its filters, exports and filing form; a change's page with its history and the forms that
take it to its execution; the Change Advisory Board and the catalogue of standard changes."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from frontend.changes import views
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.listing import read_listing
from frontend.site.page import NotInView, PageBase

REGISTERS = graphql_document(__file__, "change_registers")
CHANGES = graphql_document(__file__, "changes")
CHANGE = graphql_document(__file__, "change")
RULES = graphql_document(__file__, "change_rules")
FILE = graphql_document(__file__, "file_change")
APPROVE = graphql_document(__file__, "approve_change")
CONSENT = graphql_document(__file__, "consent_to_change")
SCHEDULE = graphql_document(__file__, "schedule_change")
EXECUTE = graphql_document(__file__, "record_change_execution")
NAME_BOARD = graphql_document(__file__, "name_change_advisory_board")
DEFINE_STANDARD = graphql_document(__file__, "define_standard_change")
NOT_IN_VIEW = "This organisation does not exist or is not yours to see."


class ChangePages(PageBase):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        add, log = self.router.add_api_route, "/organisations/{org}/changes"
        add("/changes", self.registers, methods=["GET"])
        add(log, self.log, methods=["GET"])
        add(log, self.file, methods=["POST"])
        add("/organisations/{org}/change-rules", self.rules, methods=["GET"])
        add("/organisations/{org}/change-rules/board", self.name_board, methods=["POST"])
        add("/organisations/{org}/change-rules/standard", self.define_standard, methods=["POST"])
        add(f"{log}/{{change_id}}", self.change, methods=["GET"])
        for action in ("approve", "consent", "schedule", "execute"):
            add(f"{log}/{{change_id}}/{action}", getattr(self, action), methods=["POST"])

    async def registers(self, request: Request) -> Response:
        """A member goes to its own log; a coach or an admin chooses among the organisations in view."""
        viewer = self._viewer(request)
        if viewer.organisation_id:
            return RedirectResponse(f"/organisations/{viewer.organisation_id}/changes", status_code=303)
        data = await self._query(request, REGISTERS, {})
        return self._render(request, "changes/registers.html", viewer, {"organisations": data.get("organisations", [])})

    async def log(self, request: Request, org: str) -> Response:
        return await self._log(request, org)

    async def _log(self, request: Request, org: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        listing = await read_listing(
            self.ports, request, CHANGES, views.list_filters, partial(views.list_variables, org)
        )
        data, filters = listing.data, listing.filters
        context = {
            "organisation": listing.organisation,
            "changes": data.get("changes"),
            "standard_changes": (data.get("changeRules") or {}).get("standardChanges", []),
            "owners": data.get("riskOwners") or [],
            "filters": filters,
            "filter_error": listing.filter_error,
            "next_page": listing.next_page(
                "changes", partial(views.next_page, f"/organisations/{org}/changes", filters)
            ),
            "views": views,
        }
        return self._render(request, "changes/log.html", viewer, context, shown)

    async def file(self, request: Request, org: str) -> Response:
        form = await self._submission(request, "file")
        variables = {
            "ownerId": form.required("ownerId"),
            "initiator": form.text("initiator"),
            "hostname": form.text("hostname"),
            "description": form.text("description"),
            "category": form.one_of("category", views.CATEGORY_NAMES),
            "risk": form.one_of("risk", views.RISK_NAMES),
            "cause": form.text("cause").strip() or None,
            "ticket": form.text("ticket").strip() or None,
            "configuration": form.text("configuration").strip() or None,
            "standardChangeId": form.text("standardChangeId").strip() or None,
        }
        redisplay = partial(self._log, request, org)
        return await self._submit(request, form, FILE, variables, redisplay, f"/organisations/{org}/changes", _filed)

    async def change(self, request: Request, org: str, change_id: str) -> Response:
        return await self._change(request, org, change_id)

    async def _change(self, request: Request, org: str, change_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, CHANGE, {"id": change_id})
        found = data.get("change") or {}
        if found.get("__typename") != "Change" or found["organisationId"] != org:
            raise NotInView(found.get("message", "This change does not exist or is not yours to see."))
        return self._render(
            request, "changes/change.html", viewer, {"change": found, "org": org, "views": views}, shown
        )

    async def approve(self, request: Request, org: str, change_id: str) -> Response:
        form = await self._submission(request, "approve")
        says = "You approved the change."
        return await self._on_change(request, org, change_id, form, APPROVE, {"changeId": change_id}, says, ())

    async def consent(self, request: Request, org: str, change_id: str) -> Response:
        form = await self._submission(request, "consent")
        says = "Your consent for the Change Advisory Board is recorded."
        return await self._on_change(request, org, change_id, form, CONSENT, {"changeId": change_id}, says, ())

    async def schedule(self, request: Request, org: str, change_id: str) -> Response:
        form = await self._submission(request, "schedule")
        variables = {"changeId": change_id, "scheduledFor": form.day("scheduledFor"), "fallback": form.text("fallback")}
        says = "The change is scheduled, with its fallback."
        return await self._on_change(request, org, change_id, form, SCHEDULE, variables, says)

    async def execute(self, request: Request, org: str, change_id: str) -> Response:
        form = await self._submission(request, "execute")
        outcome = form.one_of("succeeded", ("yes", "no"))
        variables = {
            "changeId": change_id,
            "executedOn": form.day("executedOn"),
            "succeeded": outcome == "yes",
            "notes": form.text("notes").strip() or None,
        }
        says = "The execution is recorded in the log."
        return await self._on_change(request, org, change_id, form, EXECUTE, variables, says)

    async def _on_change(
        self,
        request: Request,
        org: str,
        change_id: str,
        form: Submission,
        document: str,
        variables: dict[str, Any],
        says: str,
        beside: tuple[str, ...] | None = None,
    ) -> Response:
        redisplay = partial(self._change, request, org, change_id)
        done = f"/organisations/{org}/changes/{change_id}"
        return await self._submit(request, form, document, variables, redisplay, done, says, beside)

    async def rules(self, request: Request, org: str) -> Response:
        return await self._rules(request, org)

    async def _rules(self, request: Request, org: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, RULES, {"org": org})
        organisation = data.get("organisation") or {}
        if organisation.get("__typename") != "Organisation":
            raise NotInView(organisation.get("message", NOT_IN_VIEW))
        context = {
            "organisation": organisation,
            "rules": data.get("changeRules") or {},
            "accounts": data.get("riskOwners") or [],
            "views": views,
        }
        return self._render(request, "changes/rules.html", viewer, context, shown)

    async def name_board(self, request: Request, org: str) -> Response:
        form = await self._submission(request, "board")
        members = [key.removeprefix("member-") for key in form.fields if key.startswith("member-")]
        says = "The Change Advisory Board is named."
        redisplay = partial(self._rules, request, org)
        done = f"/organisations/{org}/change-rules"
        return await self._submit(request, form, NAME_BOARD, {"memberIds": members}, redisplay, done, says, ())

    async def define_standard(self, request: Request, org: str) -> Response:
        form = await self._submission(request, "standard")
        variables = {"title": form.text("title"), "procedure": form.text("procedure")}
        says = f"{form.text('title').strip()} is a standard change from now on."
        redisplay = partial(self._rules, request, org)
        return await self._submit(
            request, form, DEFINE_STANDARD, variables, redisplay, f"/organisations/{org}/change-rules", says
        )


def _filed(outcome: Any) -> str:
    number = ((outcome or {}).get("change") or {}).get("number")
    return f"Change {number} is filed in the log." if number else "The change is filed in the log."
