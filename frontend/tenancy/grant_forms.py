"""Granting and revoking an account's roles from a page: the forms the admins' account page and an ISMS manager's
page of one of their people share."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from frontend.site.forms import FormState
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase

ACCOUNT_GRANTS = graphql_document(__file__, "grants")
GRANT_ROLE = graphql_document(__file__, "grant_role")
REVOKE_GRANT = graphql_document(__file__, "revoke_grant")

ADMIN_GRANTS = (
    ("CONSULTANCY_ADMIN", "Consultancy admin"),
    ("COACH", "Coach"),
    ("ISMS_MANAGER", "ISMS manager: edits and approves the organisation's registers"),
    ("CONTRIBUTOR", "Contributor: edits, approves nothing"),
    ("VIEWER", "Viewer: reads"),
    ("AUDITOR", "Auditor: reads, within a window that ends"),
)
OWN_PEOPLE_GRANTS = ADMIN_GRANTS[2:5]
"""What an organisation's ISMS manager grants their own people."""


Redisplay = Callable[[FormState], Awaitable[Response]]


class GrantForms(PageBase):
    async def _grant(
        self, request: Request, account_id: str, roles: tuple[tuple[str, str], ...], redisplay: Redisplay
    ) -> Response:
        form = await self._submission(request, "grant")
        role = form.one_of("role", [value for value, _ in roles])
        variables = {
            "accountId": account_id,
            "role": role,
            "validFrom": form.day("validFrom") if form.text("validFrom") else None,
            "validUntil": form.day("validUntil") if form.text("validUntil") else None,
        }
        says = "The role is granted: it holds from its first day, from the person's next page on."
        base = request.url.path.removesuffix("/grants")
        beside = ("role", "validFrom", "validUntil")
        return await self._submit(request, form, GRANT_ROLE, variables, redisplay, base, says, beside)

    async def _revoke(self, request: Request, account_id: str, grant_id: str, redisplay: Redisplay) -> Response:
        form = await self._submission(request, f"revoke-{grant_id}")
        variables = {"accountId": account_id, "grantId": grant_id, "reason": form.required("reason")}
        says = "The grant is revoked: it ends at once, and stays in the history with your reason."
        base = request.url.path.split("/grants/")[0]
        return await self._submit(request, form, REVOKE_GRANT, variables, redisplay, base, says, ("reason",))

    async def account_grants(self, request: Request, account_id: str) -> list[dict[str, Any]]:
        data = await self._query(request, ACCOUNT_GRANTS, {"id": account_id})
        if data["accountGrants"]["__typename"] != "AccountGrants":
            raise NotInView("No account with this id.")
        grants: list[dict[str, Any]] = data["accountGrants"]["grants"]
        return grants
