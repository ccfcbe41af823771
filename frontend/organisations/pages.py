"""The organisations in view, the form that registers one, and an organisation's page where its details change."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase

ORGANISATIONS = graphql_document(__file__, "organisations")
REGISTER_ORGANISATION = graphql_document(__file__, "register_organisation")
ORGANISATION = graphql_document(__file__, "organisation")
CHANGE_DETAILS = graphql_document(__file__, "change_organisation_details")


class OrganisationPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        self.router.add_api_route("/organisations", self.organisations, methods=["GET"])
        self.router.add_api_route("/organisations", self.register_organisation, methods=["POST"])
        self.router.add_api_route("/organisations/{organisation_id}", self.organisation, methods=["GET"])
        self.router.add_api_route("/organisations/{organisation_id}", self.change_details, methods=["POST"])

    async def organisations(self, request: Request) -> Response:
        return await self._organisations(request)

    async def _organisations(self, request: Request, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, ORGANISATIONS, {})
        can = (data.get("viewer") or {}).get("can") or {}
        context = {"organisations": data.get("organisations", []), "can": can, "countries": _options(data)}
        return self._render(request, "organisations/organisations.html", viewer, context, shown)

    async def register_organisation(self, request: Request) -> Response:
        form = await self._submission(request)
        variables = {
            "name": form.required("name"),
            "sector": form.required("sector"),
            "employeeCount": form.number("employeeCount"),
            **_place(form),
        }
        says = f"{form.text('name').strip()} is registered."
        redisplay = partial(self._organisations, request)
        return await self._submit(request, form, REGISTER_ORGANISATION, variables, redisplay, "/organisations", says)

    async def organisation(self, request: Request, organisation_id: str) -> Response:
        return await self._organisation(request, organisation_id)

    async def _organisation(self, request: Request, organisation_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, ORGANISATION, {"id": organisation_id})
        organisation = data.get("organisation") or {}
        if organisation.get("__typename") != "Organisation":
            raise NotInView(organisation.get("message", "This organisation does not exist or is not yours to see."))
        can = (data.get("viewer") or {}).get("can") or {}
        regions: list[str] = next(
            (c["regions"] for c in data.get("countries", []) if c["code"] == organisation["country"]), []
        )
        context = {"organisation": organisation, "can": can, "countries": _options(data), "regions": regions}
        return self._render(request, "organisations/organisation.html", viewer, context, shown)

    async def change_details(self, request: Request, organisation_id: str) -> Response:
        form = await self._submission(request)
        variables = {
            "organisationId": organisation_id,
            "sector": form.required("sector"),
            "employeeCount": form.number("employeeCount"),
            **_place(form),
        }
        redisplay = partial(self._organisation, request, organisation_id)
        done = f"/organisations/{organisation_id}"
        says = "The organisation's details are changed."
        beside = ("sector", "employeeCount", "country", "region")
        return await self._submit(request, form, CHANGE_DETAILS, variables, redisplay, done, says, beside)


def _place(form: Submission) -> dict[str, str | None]:
    """The country and region as posted; empty means not recorded."""
    return {"country": form.text("country").strip() or None, "region": form.text("region").strip() or None}


def _options(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [(country["code"], f"{country['name']} ({country['code']})") for country in data.get("countries", [])]
