"""The statement's versions: submit the draft, approve or reject a submitted version (never by the person who
submitted it), move a draft to another edition, and the downloads of each approved version."""

from __future__ import annotations

from functools import partial
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase
from frontend.soa.pages import soa_path

VERSIONS = graphql_document(__file__, "versions")
SUBMIT = graphql_document(__file__, "submit_soa_version")
APPROVE = graphql_document(__file__, "approve_soa_version")
REJECT = graphql_document(__file__, "reject_soa_version")
MOVE = graphql_document(__file__, "move_soa_to_edition")


class VersionPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes, versions = self.router, "/organisations/{organisation_id}/soa/versions"
        routes.add_api_route(versions, self.versions, methods=["GET"])
        for step in ("submit", "approve", "reject"):
            routes.add_api_route(versions + "/{number:int}/" + step, getattr(self, step), methods=["POST"])
        routes.add_api_route("/organisations/{organisation_id}/soa/move", self.move, methods=["POST"])

    async def versions(self, request: Request, organisation_id: str) -> Response:
        return await self._versions(request, organisation_id)

    async def _versions(self, request: Request, organisation_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        filters = _filters(request)
        result = await self.ports.execute(request, VERSIONS, {"organisationId": organisation_id, **filters})
        refused = result.errors[0]["message"] if result.errors else None
        if refused:  # a filter or cursor the API refuses: the first page of every version, the refusal said above
            result = await self.ports.execute(request, VERSIONS, {"organisationId": organisation_id})
        data = result.data or {}
        organisation, statement = data.get("organisation") or {}, data.get("statement") or {}
        if statement.get("__typename") != "StatementOfApplicability":
            raise NotInView(statement.get("message", "This statement does not exist or is not yours to see."))
        versions = data.get("versions") or {"edges": [], "pageInfo": {}, "totalCount": 0}
        path, next_page = soa_path(organisation_id, "/versions"), None
        if versions["pageInfo"].get("hasNextPage") and not refused:
            kept = {"status": request.query_params.get("status", "")} if filters.get("status") else {}
            next_page = f"{path}?{urlencode({**kept, 'after': versions['pageInfo']['endCursor']})}"
        context = {
            "organisation": organisation, "statement": statement, "versions": versions, "next_page": next_page,
            "status": request.query_params.get("status", ""), "filter_error": refused, "statuses": STATUSES,
        }  # fmt: skip
        return self._render(request, "soa/versions.html", viewer, context, shown)

    async def submit(self, request: Request, organisation_id: str, number: int) -> Response:
        form = await self._submission(request, f"submit-{number}")
        says = f"Version {number} is submitted: someone other than you approves it."
        return await self._step(request, organisation_id, form, SUBMIT, _version(organisation_id, number), says)

    async def approve(self, request: Request, organisation_id: str, number: int) -> Response:
        form = await self._submission(request, f"approve-{number}")
        form.confirmed("confirm", "Tick the box to confirm: an approved version can no longer change.")
        says = f"Version {number} is approved and frozen; later decisions make the next version."
        return await self._step(request, organisation_id, form, APPROVE, _version(organisation_id, number), says)

    async def reject(self, request: Request, organisation_id: str, number: int) -> Response:
        form = await self._submission(request, f"reject-{number}")
        variables = {**_version(organisation_id, number), "reason": form.required("reason")}
        says = f"Version {number} is sent back to draft; the reason is kept in its history."
        return await self._step(request, organisation_id, form, REJECT, variables, says)

    async def move(self, request: Request, organisation_id: str) -> Response:
        form = await self._submission(request, "move")
        form.confirmed("confirm", "Tick the box to confirm: every decision is carried over and marked to review.")
        variables = {"organisationId": organisation_id, "catalogue": form.required("catalogue")}
        says = "The statement is on the new edition: its carried decisions are marked to review."
        return await self._step(request, organisation_id, form, MOVE, variables, says)

    async def _step(
        self, request: Request, organisation_id: str, form: Submission, document: str, variables: dict[str, Any],
        says: str,
    ) -> Response:  # fmt: skip
        redisplay = partial(self._versions, request, organisation_id)
        done = soa_path(organisation_id, "/versions")
        return await self._submit(request, form, document, variables, redisplay, done, says)


STATUSES = ("draft", "submitted", "approved")


def _filters(request: Request) -> dict[str, Any]:
    """The page's query string as the API's arguments: a status (its enum's name) and the cursor to start after."""
    status, after = request.query_params.get("status", ""), request.query_params.get("after", "")
    found: dict[str, Any] = {}
    if status:
        found["status"] = status.upper()
    if after:
        found["after"] = after
    return found


def _version(organisation_id: str, number: int) -> dict[str, Any]:
    return {"organisationId": organisation_id, "version": number}
