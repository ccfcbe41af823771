"""Who may do what: each person's own access; an account's grants, granted and revoked by an admin (on the account's
page) or by its organisation's ISMS manager (on their people's pages); the people an ISMS manager invites; what
auditors read."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView
from frontend.tenancy.accounts import INVITE_ACCOUNT, link_said
from frontend.tenancy.grant_forms import OWN_PEOPLE_GRANTS, GrantForms

MY_GRANTS = graphql_document(__file__, "my_grants")
AUDITOR_READS = graphql_document(__file__, "auditor_reads")
PEOPLE = graphql_document(__file__, "people")


class GrantsPages(GrantForms):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes = self.router
        routes.add_api_route("/access", self.my_access, methods=["GET"])
        routes.add_api_route("/auditor-reads", self.auditor_reads, methods=["GET"])
        routes.add_api_route("/people", self.people, methods=["GET"])
        routes.add_api_route("/people", self.invite, methods=["POST"])
        routes.add_api_route("/people/{account_id}", self.person, methods=["GET"])
        routes.add_api_route("/people/{account_id}/grants", self.grant, methods=["POST"])
        routes.add_api_route("/people/{account_id}/grants/{grant_id}/revoke", self.revoke, methods=["POST"])

    async def my_access(self, request: Request) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, MY_GRANTS, {})
        context = {"grants": data["myGrants"], "today": data["viewer"]["today"]}
        return self._render(request, "tenancy/access.html", viewer, context)

    async def auditor_reads(self, request: Request) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, AUDITOR_READS, {})
        if data["auditorReads"]["__typename"] != "AuditorReadList":
            raise NotInView
        return self._render(request, "tenancy/auditor_reads.html", viewer, {"reads": data["auditorReads"]["reads"]})

    async def people(self, request: Request) -> Response:
        return await self._people(request)

    async def _people(self, request: Request, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        people = await self._own_people(request)
        context = {"people": people, "roles": OWN_PEOPLE_GRANTS}
        return self._render(request, "tenancy/people.html", viewer, context, shown)

    async def invite(self, request: Request) -> Response:
        """An ISMS manager invites someone of their own organisation with an organisation's role."""
        viewer = self._viewer(request)
        form = await self._submission(request, "invite")
        variables = {
            "email": form.required("email"),
            "displayName": form.required("displayName"),
            "role": form.one_of("role", [value for value, _ in OWN_PEOPLE_GRANTS]),
            "organisationId": viewer.organisation_id,
        }
        redisplay = partial(self._people, request)
        name = form.text("displayName").strip()
        return await self._submit(
            request, form, INVITE_ACCOUNT, variables, redisplay, "/people", link_said(request, name)
        )

    async def person(self, request: Request, account_id: str) -> Response:
        return await self._person(request, account_id)

    async def _person(self, request: Request, account_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        found = [p for p in await self._own_people(request) if p["id"] == account_id]
        if not found:
            raise NotInView("No account with this id.")
        context = {
            "account": found[0],
            "grants": await self.account_grants(request, account_id),
            "roles": OWN_PEOPLE_GRANTS,
            "base": f"/people/{account_id}",
            "own": account_id == viewer.account_id,
        }
        return self._render(request, "tenancy/person.html", viewer, context, shown)

    async def grant(self, request: Request, account_id: str) -> Response:
        return await self._grant(request, account_id, OWN_PEOPLE_GRANTS, partial(self._person, request, account_id))

    async def revoke(self, request: Request, account_id: str, grant_id: str) -> Response:
        return await self._revoke(request, account_id, grant_id, partial(self._person, request, account_id))

    async def _own_people(self, request: Request) -> list[dict[str, Any]]:
        data = await self._query(request, PEOPLE, {})
        if data["organisationPeople"]["__typename"] != "AccountList":
            raise NotInView
        people: list[dict[str, Any]] = data["organisationPeople"]["accounts"]
        return people
