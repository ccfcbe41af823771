"""The audit evidence page: what a bundle is, the bundles exported with their downloads, the form to export one
(for those the API lets export: the consultancy's admins and the organisation's coach), and the published keys."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState
from frontend.site.graphql_files import graphql_document
from frontend.site.listing import read_listing
from frontend.site.page import NotInView, PageBase

EVIDENCE = graphql_document(__file__, "audit_bundles")
EXPORT = graphql_document(__file__, "export_audit_bundle")
KEYS = "/audit/keys"
"""Where the instance publishes the keys that sign its checkpoints and bundles."""


class EvidencePages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        page = "/organisations/{organisation_id}/evidence"
        self.router.add_api_route(page, self.evidence, methods=["GET"])
        self.router.add_api_route(page, self.export, methods=["POST"])

    async def evidence(self, request: Request, organisation_id: str) -> Response:
        return await self._evidence(request, organisation_id)

    async def _evidence(self, request: Request, organisation_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        listing = await read_listing(
            self.ports, request, EVIDENCE, _chosen, lambda chosen: {"organisationId": organisation_id} | chosen
        )
        if listing.data.get("auditBundles") is None:
            raise NotInView("This organisation does not exist or is not yours to see.")
        today = date.fromisoformat(listing.data["viewer"]["today"])
        page = f"/organisations/{organisation_id}/evidence"
        context = {
            "organisation": listing.organisation,
            "listed": listing.data["auditBundles"],
            "list_error": listing.filter_error,
            "next_page": listing.next_page("auditBundles", lambda cursor: f"{page}?after={quote(cursor)}"),
            "window": {"from": year_before(today).isoformat(), "to": today.isoformat()},
            "keys_url": KEYS,
        }
        return self._render(request, "evidence/evidence.html", viewer, context, shown)

    async def export(self, request: Request, organisation_id: str) -> Response:
        form = await self._submission(request, "export")
        variables: dict[str, Any] = {
            "organisationId": organisation_id,
            "windowFrom": form.day("windowFrom"),
            "windowTo": form.day("windowTo"),
        }
        redisplay = partial(self._evidence, request, organisation_id)
        page = f"/organisations/{organisation_id}/evidence"

        def says(outcome: dict[str, Any]) -> str:
            return f"Bundle {outcome['bundle']['number']} is exported: download it below and hand it to the auditor."

        return await self._submit(request, form, EXPORT, variables, redisplay, page, says, beside=DATES)


DATES = ("windowFrom", "windowTo")


def _chosen(given: dict[str, str]) -> dict[str, str]:
    return {"after": given["after"]} if given.get("after") else {}


def year_before(day: date) -> date:
    """The first day of the twelve months ending on `day`: the window the form proposes."""
    try:
        return day.replace(year=day.year - 1) + timedelta(days=1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28) + timedelta(days=1)
