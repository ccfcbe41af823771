"""An organisation's ITIL page and its forms; `/itil` leads a member to its own organisation's."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from frontend.itil.views import LEVELS, area_field, picture, undeclared
from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase

PRACTICES = graphql_document(__file__, "itil_practices")
ORGANISATIONS = graphql_document(__file__, "itil_organisations")
DECLARE = graphql_document(__file__, "declare_itil_practice")
WITHDRAW = graphql_document(__file__, "withdraw_itil_practice")
CONFIRM = graphql_document(__file__, "confirm_gap_proposals")
AREA_GROUPS = ("clause", "theme")


class ItilPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        add, page = self.router.add_api_route, "/organisations/{organisation_id}/itil"
        add("/itil", self.choose, methods=["GET"])
        add(page, self.practices, methods=["GET"])
        add(f"{page}/declarations", self.declare, methods=["POST"])
        add(f"{page}/declarations/{{item}}/withdraw", self.withdraw, methods=["POST"])
        add(f"{page}/gap/{{cluster_id}}", self.confirm, methods=["POST"])

    async def choose(self, request: Request) -> Response:
        """A member goes straight to its organisation's page; a coach or an admin chooses an organisation."""
        viewer = self._viewer(request)
        organisations = (await self._query(request, ORGANISATIONS, {})).get("organisations", [])
        if viewer.organisation_id is not None and len(organisations) == 1:
            return RedirectResponse(f"/organisations/{organisations[0]['id']}/itil", status_code=303)
        return self._render(request, "itil/choose.html", viewer, {"organisations": organisations})

    async def practices(self, request: Request, organisation_id: str) -> Response:
        return await self._page(request, organisation_id)

    async def _page(self, request: Request, organisation_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, PRACTICES, {"id": organisation_id})
        found = data.get("itilPractices") or {}
        if found.get("__typename") != "ItilPractices":
            raise NotInView(found.get("message", "This organisation does not exist or is not yours to see."))
        documents = [edge["node"] for edge in (data.get("documents") or {}).get("edges", [])]
        context = {
            "itil": found,
            "here": f"/organisations/{organisation_id}/itil",
            "picture": picture(found["items"], found["isoSteps"]),
            "declarable": undeclared(found["items"]),
            "documents": [(d["id"], d["title"]) for d in documents],
            "iso_titles": {step["number"]: step["title"] for step in found["isoSteps"]},
            "level_options": LEVELS,
            "area_field": area_field,
        }
        return self._render(request, "itil/itil.html", viewer, context, shown)

    async def declare(self, request: Request, organisation_id: str) -> Response:
        form = await self._submission(request, "declare")
        document = form.text("documentId").strip()
        variables = {"item": form.required("item"), "evidence": form.required("evidence")}
        variables |= {"documentId": document} if document else {}
        return await self._form(request, organisation_id, form, DECLARE, variables, "The declaration is recorded.")

    async def withdraw(self, request: Request, organisation_id: str, item: str) -> Response:
        form = await self._submission(request, f"withdraw-{item}")
        form.confirmed("confirm", "Tick the box to confirm: the declaration stays in the history, withdrawn.")
        variables = {"item": item, "reason": form.required("reason")}
        says = "The declaration is withdrawn; it stays in the history with your reason."
        return await self._form(request, organisation_id, form, WITHDRAW, variables, says)

    async def confirm(self, request: Request, organisation_id: str, cluster_id: str) -> Response:
        """The coach's confirmed (or corrected) levels, recorded as the member's gap analysis in that cluster."""
        form = await self._submission(request, f"gap-{cluster_id}")
        levels = _levels(form)
        variables = {
            "clusterId": cluster_id,
            "organisationId": organisation_id,
            "visitedOn": form.day("visitedOn"),
            "analysedOn": form.day("analysedOn"),
            "clauseLevels": levels["clause"],
            "themeLevels": levels["theme"],
        }
        redisplay = partial(self._page, request, organisation_id)
        done = f"/clusters/{cluster_id}/members/{organisation_id}"
        says = "The gap analysis is recorded with the levels you confirmed."
        beside = {"visitedOn", "analysedOn"} | {f for f in form.fields if f.startswith(AREA_GROUPS)}
        return await self._submit(request, form, CONFIRM, variables, redisplay, done, says, beside)

    async def _form(
        self,
        request: Request,
        organisation_id: str,
        form: Submission,
        document: str,
        variables: dict[str, Any],
        says: str,
    ) -> Response:
        redisplay = partial(self._page, request, organisation_id)
        done = f"/organisations/{organisation_id}/itil"
        given = {"organisationId": organisation_id, **variables}
        beside = set(form.fields) - {"confirm"}
        return await self._submit(request, form, document, given, redisplay, done, says, beside)


def _levels(form: Submission) -> dict[str, list[dict[str, Any]]]:
    """Each area's confirmed level, as the gap analysis's level inputs, by group."""
    found: dict[str, list[dict[str, Any]]] = {group: [] for group in AREA_GROUPS}
    for name in sorted(form.fields):
        group, _, code = name.partition("-")
        if group in found and code:
            level = form.one_of(name, dict(LEVELS))
            if level is not None:
                found[group].append({"area": code, "level": int(level)})
    return found
