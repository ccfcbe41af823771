"""The landing page: what's next for the signed-in person, across every cluster in view."""

from __future__ import annotations

from datetime import date

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from frontend.home.views import COMING_DAYS, whats_next
from frontend.ports import FrontendPorts
from frontend.site.graphql_files import graphql_document
from frontend.site.page import PageBase

HOME = graphql_document(__file__, "home")


class HomePages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        self.router.add_api_route("/", self.home, methods=["GET"])

    async def home(self, request: Request) -> Response:
        viewer = self._viewer(request)
        if viewer.home != "/":  # a professional or a labelling body's staff: a home of their own
            return RedirectResponse(viewer.home, status_code=303)
        if not viewer.sees_anything:  # no role yet: the page that says so
            return RedirectResponse("/welcome", status_code=303)
        data = await self._query(request, HOME, {})
        today = date.fromisoformat(data["viewer"]["today"])
        clusters = [edge["node"] for edge in data["clusters"]["edges"]]
        context = {"next": whats_next(clusters, today), "today": today, "coming_days": COMING_DAYS}
        return self._render(request, "home/home.html", viewer, context)
