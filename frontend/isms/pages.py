"""The ISMS home: which organisation (a member goes straight to its own), then its registers at a glance."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase

OVERVIEW = graphql_document(__file__, "isms_overview")
ORGANISATIONS = graphql_document(__file__, "organisations_with_isms")
READINESS = graphql_document(__file__, "readiness")

PHASES = {"plan": "Plan (4-6)", "do": "Do (7-8)", "check": "Check (9)", "act": "Act (10)"}
"""Each phase of Plan-Do-Check-Act, with the clauses it covers."""
PHASE_STATUS = {"not_started": "not started", "in_progress": "in progress", "done": "done"}
CHAPTERS = {
    "4": "4 Context of the organisation",
    "5": "5 Leadership",
    "6": "6 Planning",
    "7": "7 Support",
    "8": "8 Operation",
    "9": "9 Performance evaluation",
    "10": "10 Improvement",
}
"""The standard's clauses the pre-audit page groups its items by."""

REGISTER_PAGES = {
    "context": "context",
    "documents": "documents",
    "assets": "assets",
    "risks": "risks",
    "plan": "treatment-plan",
    "soa": "soa",
    "itil": "itil",
}
"""Where each register's page is, below the organisation's address."""


class IsmsPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        self.router.add_api_route("/isms", self.index, methods=["GET"])
        self.router.add_api_route("/organisations/{organisation_id}/isms", self.overview, methods=["GET"])
        self.router.add_api_route("/organisations/{organisation_id}/readiness", self.readiness, methods=["GET"])

    async def index(self, request: Request) -> Response:
        viewer = self._viewer(request)
        if viewer.organisation_id is not None:
            return RedirectResponse(f"/organisations/{viewer.organisation_id}/isms", status_code=303)
        data = await self._query(request, ORGANISATIONS, {})
        return self._render(request, "isms/index.html", viewer, {"organisations": data.get("organisations", [])})

    async def overview(self, request: Request, organisation_id: str) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, OVERVIEW, {"organisationId": organisation_id})
        found = data.get("ismsOverview") or {}
        if found.get("__typename") != "IsmsOverview":
            raise NotInView(found.get("message", "This organisation does not exist or is not yours to see."))
        base = f"/organisations/{organisation_id}"
        links = {register: f"{base}/{page}" for register, page in REGISTER_PAGES.items()}
        readiness = data.get("readiness") or {}
        context = {"isms": found, "links": links, "readiness": readiness, "phases": PHASES, "phase_words": PHASE_STATUS}
        return self._render(request, "isms/overview.html", viewer, context)

    async def readiness(self, request: Request, organisation_id: str) -> Response:
        """What an auditor will ask for, grouped by clause, each with what is missing and where to fix it."""
        viewer = self._viewer(request)
        data = await self._query(request, READINESS, {"organisationId": organisation_id})
        found = data.get("readiness") or {}
        if found.get("__typename") != "Readiness":
            raise NotInView(found.get("message", "This organisation does not exist or is not yours to see."))
        chapters: dict[str, list[dict[str, object]]] = {}
        for item in found["items"]:
            chapters.setdefault(CHAPTERS[item["clause"].split(".")[0]], []).append(item)
        context = {"readiness": found, "chapters": chapters, "phases": PHASES, "phase_words": PHASE_STATUS}
        context["isms_link"] = f"/organisations/{organisation_id}/isms"
        return self._render(request, "isms/readiness.html", viewer, context)
