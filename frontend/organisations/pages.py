"""The organisations in view, and the form that registers one."""

from __future__ import annotations

from functools import partial

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState
from frontend.site.graphql_files import graphql_document
from frontend.site.page import PageBase

ORGANISATIONS = graphql_document(__file__, "organisations")
REGISTER_ORGANISATION = graphql_document(__file__, "register_organisation")


class OrganisationPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        self.router.add_api_route("/organisations", self.organisations, methods=["GET"])
        self.router.add_api_route("/organisations", self.register_organisation, methods=["POST"])

    async def organisations(self, request: Request) -> Response:
        return await self._organisations(request)

    async def _organisations(self, request: Request, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, ORGANISATIONS, {})
        can = (data.get("viewer") or {}).get("can") or {}
        context = {"organisations": data.get("organisations", []), "can": can}
        return self._render(request, "organisations/organisations.html", viewer, context, shown)

    async def register_organisation(self, request: Request) -> Response:
        form = await self._submission(request)
        variables = {
            "name": form.required("name"),
            "sector": form.required("sector"),
            "employeeCount": form.number("employeeCount"),
        }
        says = f"{form.text('name').strip()} is registered."
        redisplay = partial(self._organisations, request)
        return await self._submit(request, form, REGISTER_ORGANISATION, variables, redisplay, "/organisations", says)
