"""The consultancy's accounts, for its admins: inviting someone, a new link, deactivating and correcting that."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.filters import day
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase
from frontend.tenancy.grant_forms import ADMIN_GRANTS, GrantForms

ACCOUNTS = graphql_document(__file__, "accounts")
INVITE_ACCOUNT = graphql_document(__file__, "invite_account")
ISSUE_INVITATION = graphql_document(__file__, "issue_invitation")
DEACTIVATE_ACCOUNT = graphql_document(__file__, "deactivate_account")
REACTIVATE_ACCOUNT = graphql_document(__file__, "reactivate_account")

ROLES = (
    ("COACH", "Coach"),
    ("ISMS_MANAGER", "ISMS manager of a member organisation"),
    ("CONTRIBUTOR", "Contributor of a member organisation"),
    ("VIEWER", "Viewer of a member organisation"),
    ("AUDITOR", "Auditor of a member organisation, for the window of the audit"),
    ("CONSULTANCY_ADMIN", "Consultancy admin"),
)
ORGANISATION_ROLES = {"ISMS_MANAGER", "CONTRIBUTOR", "VIEWER", "AUDITOR"}


class AccountsPages(GrantForms):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes = self.router
        routes.add_api_route("/accounts", self.accounts, methods=["GET"])
        routes.add_api_route("/accounts", self.invite, methods=["POST"])
        routes.add_api_route("/accounts/{account_id}", self.account, methods=["GET"])
        routes.add_api_route("/accounts/{account_id}/invitation", self.issue_invitation, methods=["POST"])
        routes.add_api_route("/accounts/{account_id}/deactivate", self.deactivate, methods=["POST"])
        routes.add_api_route("/accounts/{account_id}/reactivate", self.reactivate, methods=["POST"])
        routes.add_api_route("/accounts/{account_id}/grants", self.grant, methods=["POST"])
        routes.add_api_route("/accounts/{account_id}/grants/{grant_id}/revoke", self.revoke, methods=["POST"])

    async def accounts(self, request: Request) -> Response:
        return await self._accounts(request)

    async def _accounts(self, request: Request, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        asked = list_filters(request, [value for value, _ in ROLES], organisations=True)
        data = await self._query(request, ACCOUNTS, asked.variables)
        if (data.get("accounts") or {}).get("__typename") == "ValidationError":  # a link edited by hand
            asked = ListFilters({}, {}, "These filters could not be read: every account is shown.")
            data = await self._query(request, ACCOUNTS, asked.variables)
        if (data.get("accounts") or {}).get("__typename") != "AccountConnection":
            raise NotInView
        context = {
            "accounts": [edge["node"] for edge in data["accounts"]["edges"]],
            "roles": ROLES,
            "organisations": [(org["id"], org["name"]) for org in data["organisations"]],
            **asked.paging("/accounts", data["accounts"]["pageInfo"]),
        }
        return self._render(request, "tenancy/accounts.html", viewer, context, shown)

    async def invite(self, request: Request) -> Response:
        form = await self._submission(request, "invite")
        variables = {
            "email": form.required("email"),
            "displayName": form.required("displayName"),
            "role": form.one_of("role", [value for value, _ in ROLES]),
            "organisationId": form.text("organisationId") or None,
            "validFrom": form.day("validFrom") if form.text("validFrom") else None,
            "validUntil": form.day("validUntil") if form.text("validUntil") else None,
        }
        if variables["role"] in ORGANISATION_ROLES and not variables["organisationId"]:
            form.errors["organisationId"] = "Choose the organisation this person works for."
        redisplay = partial(self._accounts, request)
        name = form.text("displayName").strip()
        return await self._submit(
            request, form, INVITE_ACCOUNT, variables, redisplay, "/accounts", link_said(request, name)
        )

    async def account(self, request: Request, account_id: str) -> Response:
        return await self._account(request, account_id)

    async def _account(self, request: Request, account_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        found = await self._find(request, ACCOUNTS, "accounts", account_id)
        context = {
            "account": found,
            "own": account_id == viewer.account_id,
            "grants": await self.account_grants(request, account_id),
            "roles": ADMIN_GRANTS,
            "base": f"/accounts/{account_id}",
        }
        return self._render(request, "tenancy/account_admin.html", viewer, context, shown)

    async def grant(self, request: Request, account_id: str) -> Response:
        return await self._grant(request, account_id, ADMIN_GRANTS, partial(self._account, request, account_id))

    async def revoke(self, request: Request, account_id: str, grant_id: str) -> Response:
        return await self._revoke(request, account_id, grant_id, partial(self._account, request, account_id))

    async def issue_invitation(self, request: Request, account_id: str) -> Response:
        form = await self._submission(request, "link")
        return await self._account_form(
            request, account_id, form, ISSUE_INVITATION, {"accountId": account_id}, link_said(request, None)
        )

    async def deactivate(self, request: Request, account_id: str) -> Response:
        form = await self._submission(request, "deactivate")
        variables = {"accountId": account_id, "reason": form.required("reason")}
        form.confirmed("confirm", "Tick the box to confirm: the person can no longer sign in.")
        says = "The account is deactivated: it cannot sign in, and its sessions and calendar link have stopped."
        return await self._account_form(request, account_id, form, DEACTIVATE_ACCOUNT, variables, says)

    async def reactivate(self, request: Request, account_id: str) -> Response:
        form = await self._submission(request, "reactivate")
        variables = {"accountId": account_id, "reason": form.required("reason")}
        says = "The account is active again: its person can sign in. A calendar link must be made anew."
        return await self._account_form(request, account_id, form, REACTIVATE_ACCOUNT, variables, says)

    async def _find(self, request: Request, document: str, field: str, account_id: str) -> dict[str, Any]:
        return await find_account(self, request, document, field, account_id)

    async def _account_form(
        self, request: Request, account_id: str, form: Submission, document: str, variables: dict[str, Any], says: Any
    ) -> Response:
        redisplay = partial(self._account, request, account_id)
        return await self._submit(
            request, form, document, variables, redisplay, f"/accounts/{account_id}", says, beside=("reason", "confirm")
        )


@dataclass(frozen=True)
class ListFilters:
    """A list page's filters and cursor, read from its address: the query's variables, and what the page shows."""

    variables: dict[str, Any]
    shown: dict[str, str]
    problem: str | None = None

    def paging(self, path: str, page_info: dict[str, Any]) -> dict[str, Any]:
        """The filters as the page shows them, and links to the next page and back to the first, each keeping the
        filters (plain links: they work without script)."""
        kept = {name: value for name, value in self.shown.items() if value}
        following = {**kept, "after": page_info["endCursor"]} if page_info["hasNextPage"] else None
        return {
            "filters": self.shown,
            "filter_problem": self.problem,
            "next_page": f"{path}?{urlencode(following)}" if following else None,
            "first_page": f"{path}?{urlencode(kept)}" if self.variables.get("after") else None,
        }


def list_filters(request: Request, roles: list[str], organisations: bool = False) -> ListFilters:
    """The filters in a list page's address: a role among `roles`, an organisation, search text, and the cursor."""
    given = request.query_params
    role = given.get("role", "") if given.get("role", "") in roles else ""
    shown = {"role": role, "search": given.get("search", "").strip()}
    variables: dict[str, Any] = {"first": PAGE_SIZE, "after": given.get("after") or None}
    variables |= {"role": role or None, "search": shown["search"] or None}
    if organisations:
        shown["organisation"] = given.get("organisation", "")
        variables["organisationId"] = shown["organisation"] or None
    return ListFilters(variables, shown)


PAGE_SIZE = 50
FINDING_PAGES = 100
"""An account's page looks it up page by page of the list (100 a page): at most this many pages."""


async def find_account(page: PageBase, request: Request, document: str, field: str, account_id: str) -> dict[str, Any]:
    """The account of a list (`accounts` or `organisationPeople`) with this id, read page by page; for anyone who
    may not list them, or an id not among them, the page does not exist."""
    after: str | None = None
    for _ in range(FINDING_PAGES):
        data = await page._query(request, document, {"first": 100, "after": after})
        listed = data.get(field) or {}
        if listed.get("__typename") != "AccountConnection":
            raise NotInView
        found = next((edge["node"] for edge in listed["edges"] if edge["node"]["id"] == account_id), None)
        if found is not None:
            return dict(found)
        if not listed["pageInfo"]["hasNextPage"]:
            break
        after = listed["pageInfo"]["endCursor"]
    raise NotInView("No account with this id.")


def link_said(request: Request, name: str | None) -> Any:
    """What the page says after an invitation link is made: the link, this once (Cordee keeps only its hash)."""
    base = str(request.base_url).rstrip("/")

    def says(outcome: dict[str, Any]) -> str:
        whom = f"{name} is invited. " if name else "A new invitation link is made; the earlier one no longer works. "
        return (
            f"{whom}Pass this link on to them now, it is not shown again: {base}{outcome['path']} "
            f"It works once, until {day(outcome['expiresOn'])}."
        )

    return says
