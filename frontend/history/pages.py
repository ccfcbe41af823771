"""Comparing an organisation's register at two dates: a GET form, then each item added, changed or removed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.forms import FormState
from frontend.site.graphql_files import graphql_document
from frontend.site.history import NotAMoment, parse_moment
from frontend.site.page import NotInView, PageBase

CHANGES = graphql_document(__file__, "register_changes")
ORGANISATION = graphql_document(__file__, "compared_organisation")

REGISTERS = (
    ("context", "Context and scope"),
    ("documents", "Documents"),
    ("assets", "Assets"),
    ("risks", "Risks and their treatment"),
    ("soa", "Statement of applicability"),
    ("changes", "Changes"),
    ("incidents", "Incidents"),
    ("audits", "Internal audits"),
    ("nonconformities", "Nonconformities"),
    ("reviews", "Management reviews"),
    ("competence", "Competence and awareness"),
    ("metrics", "Metrics"),
    ("itil", "ITIL practices"),
)
"""The registers a person can compare, as the API names them."""
KINDS = {"ADDED": "Added", "CHANGED": "Changed", "REMOVED": "Removed"}
FIELDS = {"register": "register", "from": "from", "to": "to"}
"""The form's fields by the API's names for them."""


class HistoryPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        self.router.add_api_route("/organisations/{organisation_id}/history/compare", self.compare, methods=["GET"])

    async def compare(self, request: Request, organisation_id: str) -> Response:
        viewer = self._viewer(request)
        found = (await self._query(request, ORGANISATION, {"organisationId": organisation_id})).get("organisation")
        if (found or {}).get("__typename") != "Organisation":
            raise NotInView((found or {}).get("message", "This organisation does not exist or is not yours to see."))
        given = {name: request.query_params.get(name, "").strip() for name in FIELDS}
        errors: dict[str, str] = {}
        changes: dict[str, Any] | None = None
        if any(given.values()):
            variables = _variables(organisation_id, given, errors)
            if not errors:
                variables["after"] = request.query_params.get("after") or None
                answer = (await self._query(request, CHANGES, variables)).get("registerChanges") or {}
                if answer.get("__typename") == "RegisterChanges":
                    changes = answer
                else:
                    field = str(answer.get("field") or "form")
                    errors[field if field in FIELDS else "form"] = answer.get("message", "This comparison failed.")
        context = {
            "organisation": found,
            "registers": REGISTERS,
            "register_names": dict(REGISTERS),
            "kinds": KINDS,
            "changes": changes,
            "given": given,
            "more": _more(request, changes),
        }
        shown = FormState(errors, given, 400 if errors else 200)
        return self._render(request, "history/compare.html", viewer, context, shown)


def _variables(organisation_id: str, given: dict[str, str], errors: dict[str, str]) -> dict[str, Any]:
    now = datetime.now(UTC)
    variables: dict[str, Any] = {"organisationId": organisation_id, "register": given["register"]}
    if not given["register"]:
        errors["register"] = "Choose a register."
    for name in ("from", "to"):
        if not given[name]:
            errors[name] = "Give a date, or a date and time (UTC)."
            continue
        try:
            variables[name] = parse_moment(given[name], now).isoformat()
        except NotAMoment:
            errors[name] = "Give a date, or a date and time (UTC), up to now."
    return variables


def _more(request: Request, changes: dict[str, Any] | None) -> str | None:
    """The address of the next page of changes, if any."""
    if not changes or not changes["pageInfo"]["hasNextPage"]:
        return None
    return str(request.url.include_query_params(after=changes["pageInfo"]["endCursor"]))
