"""Who may do what: each person's own access; an account's grants, granted and revoked by an admin (on the account's
page) or by its organisation's ISMS manager (on their people's pages); the people an ISMS manager invites; what
auditors read."""

from __future__ import annotations

from functools import partial
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView
from frontend.tenancy.accounts import (
    INVITE_ACCOUNT,
    ISSUE_INVITATION,
    ListFilters,
    find_account,
    link_said,
    list_filters,
)
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
        routes.add_api_route("/people/{account_id}/invitation", self.issue_invitation, methods=["POST"])
        routes.add_api_route("/people/{account_id}/grants/{grant_id}/revoke", self.revoke, methods=["POST"])

    async def my_access(self, request: Request) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, MY_GRANTS, {})
        context = {"grants": data["myGrants"], "today": data["viewer"]["today"]}
        return self._render(request, "tenancy/access.html", viewer, context)

    async def auditor_reads(self, request: Request) -> Response:
        """A page of what auditors read, newest first; all or one auditor's; a plain link to the next page."""
        viewer = self._viewer(request)
        auditor, after = request.query_params.get("auditor") or None, request.query_params.get("after") or None
        data = await self._query(request, AUDITOR_READS, {"after": after, "accountId": auditor})
        found = data["auditorReads"]
        if found["__typename"] == "ValidationError":  # a link edited by hand: the first page, all auditors
            data = await self._query(request, AUDITOR_READS, {})
            found, auditor, after = data["auditorReads"], None, None
        if found["__typename"] != "AuditorReadConnection":
            raise NotInView
        page_info = found["pageInfo"]
        following = {"auditor": auditor or "", "after": page_info["endCursor"]} if page_info["hasNextPage"] else None
        context = {
            "reads": [edge["node"] for edge in found["edges"]],
            "auditors": found["auditors"],
            "auditor": auditor,
            "next_page": f"/auditor-reads?{urlencode(following)}" if following else None,
            "first_page": f"/auditor-reads?{urlencode({'auditor': auditor or ''})}" if after else None,
        }
        return self._render(request, "tenancy/auditor_reads.html", viewer, context)

    async def people(self, request: Request) -> Response:
        return await self._people(request)

    async def _people(self, request: Request, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        asked = list_filters(request, [value for value, _ in OWN_PEOPLE_GRANTS])
        data = await self._query(request, PEOPLE, asked.variables)
        if data["organisationPeople"]["__typename"] == "ValidationError":  # a link edited by hand
            asked = ListFilters({}, {}, "These filters could not be read: everyone is shown.")
            data = await self._query(request, PEOPLE, asked.variables)
        if data["organisationPeople"]["__typename"] != "AccountConnection":
            raise NotInView
        context = {
            "people": [edge["node"] for edge in data["organisationPeople"]["edges"]],
            "roles": OWN_PEOPLE_GRANTS,
            **asked.paging("/people", data["organisationPeople"]["pageInfo"]),
        }
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
        found = await find_account(self, request, PEOPLE, "organisationPeople", account_id)
        context = {
            "account": found,
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

    async def issue_invitation(self, request: Request, account_id: str) -> Response:
        """A new invitation link for one of the ISMS manager's people who has not yet chosen a password."""
        form = await self._submission(request, "link")
        redisplay = partial(self._person, request, account_id)
        variables = {"accountId": account_id}
        says = link_said(request, None)
        return await self._submit(request, form, ISSUE_INVITATION, variables, redisplay, f"/people/{account_id}", says)
