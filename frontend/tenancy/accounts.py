"""The consultancy's accounts, for its admins: inviting someone, a new link, deactivating and correcting that."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.filters import day
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView
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
        data = await self._directory(request)
        context = {
            "accounts": data["accounts"]["accounts"],
            "roles": ROLES,
            "organisations": [(org["id"], org["name"]) for org in data["organisations"]],
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
        data = await self._directory(request)
        found = [a for a in data["accounts"]["accounts"] if a["id"] == account_id]
        if not found:
            raise NotInView("No account with this id.")
        context = {
            "account": found[0],
            "own": account_id == data["viewer"]["id"],
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

    async def _account_form(
        self, request: Request, account_id: str, form: Submission, document: str, variables: dict[str, Any], says: Any
    ) -> Response:
        redisplay = partial(self._account, request, account_id)
        return await self._submit(
            request, form, document, variables, redisplay, f"/accounts/{account_id}", says, beside=("reason", "confirm")
        )

    async def _directory(self, request: Request) -> dict[str, Any]:
        """The accounts, when the viewer may manage them; for anyone else the page does not exist."""
        data = await self._query(request, ACCOUNTS, {})
        if (data.get("accounts") or {}).get("__typename") != "AccountList":
            raise NotInView
        return data


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
