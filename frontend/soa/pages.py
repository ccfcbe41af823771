"""An organisation's Statement of Applicability: which organisation (a member goes straight to its own), the
statement with its controls grouped by theme or domain and their filters, a control's page with its decision form
and history, the review of Annex A, and the versions with their steps and downloads."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase

ORGANISATIONS = graphql_document(__file__, "organisations_with_soa")
STATEMENT = graphql_document(__file__, "statement")
CONTROLS = graphql_document(__file__, "controls")
CONTROL = graphql_document(__file__, "control")
REVIEW = graphql_document(__file__, "review")
START = graphql_document(__file__, "start_soa")
DECIDE = graphql_document(__file__, "decide_soa_control")

REASONS = (
    ("risk_treatment", "Risk treatment"),
    ("legal", "Legal"),
    ("contractual", "Contractual"),
    ("business", "Business"),
)
IMPLEMENTATION = (
    ("not_started", "Not started"),
    ("planned", "Planned"),
    ("partial", "Partial"),
    ("implemented", "Implemented"),
)
DECISIONS = (
    ("applicable", "Applicable"),
    ("not_applicable", "Not applicable"),
    ("undecided", "Not decided yet"),
    ("to_review", "To review (carried over)"),
)
CATALOGUES = (("iso27001-2022", "ISO/IEC 27001:2022 (93 controls)"), ("iso27001-2005", "ISO/IEC 27001:2005 (133)"))


def soa_path(organisation_id: str, rest: str = "") -> str:
    return f"/organisations/{organisation_id}/soa{rest}"


class StatementPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes, own = self.router, "/organisations/{organisation_id}/soa"
        routes.add_api_route("/soa", self.index, methods=["GET"])
        routes.add_api_route(own, self.statement, methods=["GET"])
        routes.add_api_route(f"{own}/start", self.start, methods=["POST"])
        routes.add_api_route(f"{own}/review", self.review, methods=["GET"])
        routes.add_api_route(own + "/controls/{control}", self.control, methods=["GET"])
        routes.add_api_route(own + "/controls/{control}", self.decide, methods=["POST"])

    async def index(self, request: Request) -> Response:
        """A member's own statement; for a coach or an admin, the organisations to choose from."""
        viewer = self._viewer(request)
        if viewer.organisation_id is not None:
            return RedirectResponse(soa_path(str(viewer.organisation_id)), status_code=303)
        data = await self._query(request, ORGANISATIONS, {})
        return self._render(request, "soa/index.html", viewer, {"organisations": data.get("organisations", [])})

    async def statement(self, request: Request, organisation_id: str) -> Response:
        return await self._statement(request, organisation_id)

    async def _statement(self, request: Request, organisation_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer, chosen = self._viewer(request), _chosen(request)
        data = await self._query(request, STATEMENT, {"organisationId": organisation_id})
        organisation, statement = _organisation(data), data.get("statement") or {}
        if statement.get("message") == NO_ORGANISATION:  # in the directory, its registers out of view
            raise NotInView(NO_ORGANISATION)
        listed: dict[str, Any] = {"edges": [], "pageInfo": {}, "totalCount": 0}
        if statement.get("__typename") == "StatementOfApplicability":
            found = await self._query(request, CONTROLS, {"organisationId": organisation_id, **_variables(chosen)})
            listed = found.get("soaControls") or listed
        context = {"organisation": organisation, "statement": statement, "listed": listed, "chosen": chosen}
        context["grouped"] = _grouped(statement.get("groups") or [], listed["edges"])
        return self._render(request, "soa/statement.html", viewer, context, shown)

    async def start(self, request: Request, organisation_id: str) -> Response:
        form = await self._submission(request, "start")
        variables = {"organisationId": organisation_id, "catalogue": form.required("catalogue")}  # the API checks it
        redisplay = partial(self._statement, request, organisation_id)
        says = "The statement is started: decide each control, then submit the version for approval."
        return await self._submit(request, form, START, variables, redisplay, soa_path(organisation_id), says)

    async def review(self, request: Request, organisation_id: str) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, REVIEW, {"organisationId": organisation_id})
        organisation, review = _organisation(data), data.get("review") or {}
        if review.get("__typename") != "SoaReview":
            raise NotInView(review.get("message", "This statement does not exist or is not yours to see."))
        return self._render(request, "soa/review.html", viewer, {"organisation": organisation, "review": review})

    async def control(self, request: Request, organisation_id: str, control: str) -> Response:
        return await self._control(request, organisation_id, control)

    async def _control(
        self, request: Request, organisation_id: str, control: str, shown: FormState = UNTOUCHED
    ) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, CONTROL, {"organisationId": organisation_id, "control": control})
        organisation, found = _organisation(data), data.get("control") or {}
        if found.get("__typename") != "SoaControl":
            raise NotInView(found.get("message", "This control does not exist or is not yours to see."))
        documents = [edge["node"] for edge in (data.get("documents") or {}).get("edges", [])]
        proposal = _itil_proposal(data, found["controlId"]) if found.get("applicable") is None else None
        context = {"organisation": organisation, "control": found, "documents": documents, "proposal": proposal}
        return self._render(request, "soa/control.html", viewer, context, shown)

    async def decide(self, request: Request, organisation_id: str, control: str) -> Response:
        form = await self._submission(request, "decide")
        applicable = form.one_of("applicable", ("yes", "no"))
        variables = {
            "organisationId": organisation_id,
            "control": control,
            "applicable": applicable == "yes",
            "justification": form.text("justification"),
            "reasons": [value for value, _ in REASONS if form.checked(f"reason-{value}")]
            if applicable == "yes"
            else [],
            "implementation": (form.text("implementation") or None) if applicable == "yes" else None,
            "evidence": [key.removeprefix("evidence-") for key in form.fields if key.startswith("evidence-")],
        }
        redisplay = partial(self._control, request, organisation_id, control)
        beside = ("applicable", "justification", "reasons", "implementation", "evidence")
        says = f"Control {control} is decided."
        done = soa_path(organisation_id, f"/controls/{control}")
        return await self._submit(request, form, DECIDE, variables, redisplay, done, says, beside)


NO_ORGANISATION = "No organisation with this id."
"""What the API answers for an organisation whose statement is out of the viewer's view."""


def _organisation(data: dict[str, Any]) -> dict[str, Any]:
    organisation: dict[str, Any] = data.get("organisation") or {}
    if organisation.get("__typename") != "Organisation":
        raise NotInView(organisation.get("message", "This organisation does not exist or is not yours to see."))
    return organisation


def _chosen(request: Request) -> dict[str, str]:
    """The filters and sort chosen in the list's form, kept only when they are among the options."""
    given = request.query_params
    chosen = {"orderBy": "STATUS" if given.get("orderBy") == "STATUS" else "CONTROL"}
    if given.get("decision") in dict(DECISIONS):
        chosen["decision"] = given["decision"]
    if given.get("implementation") in dict(IMPLEMENTATION):
        chosen["implementation"] = given["implementation"]
    for name in ("group", "search", "after"):
        if given.get(name):
            chosen[name] = given[name][:100]
    return chosen


def _variables(chosen: dict[str, str]) -> dict[str, Any]:
    names = ("group", "decision", "implementation", "search", "after")
    return {"orderBy": chosen["orderBy"], **{name: chosen.get(name) for name in names}}


def _grouped(groups: list[dict[str, Any]], edges: list[dict[str, Any]]) -> list[tuple[dict[str, Any], list[Any]]]:
    """The page's controls under their theme or domain, in the catalogue's order of groups."""
    found = [(group, [e["node"] for e in edges if e["node"]["group"] == group["id"]]) for group in groups]
    return [(group, controls) for group, controls in found if controls]


def _itil_proposal(data: dict[str, Any], control: str) -> dict[str, Any] | None:
    """What the organisation's ITIL declarations propose for an undecided control of the statement's catalogue."""
    catalogue = (data.get("statement") or {}).get("catalogueId")
    proposals = data.get("itilSoaProposals") or []
    found = (p for p in proposals if (p["catalogueId"], p["controlId"]) == (catalogue, control))
    return next(found, None)
