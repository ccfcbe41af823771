"""The organisations in view, and the form that registers one."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormErrors, FormState, whole_number
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
        form = await self._checked_form(request)
        errors = FormErrors()
        variables = {
            "name": form.get("name", ""),
            "sector": form.get("sector", ""),
            "employeeCount": whole_number(form, "employeeCount", errors),
        }
        await self._mutate(request, REGISTER_ORGANISATION, variables, errors)
        if errors:
            return await self._organisations(request, FormState(errors, form, 422))
        return RedirectResponse("/organisations", status_code=303)
