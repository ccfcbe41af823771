"""The documents of an organisation: which organisation (a member goes straight to its own), the list with its
filters, and the forms that create a document or start the security policy from the consultancy's skeleton."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase, Redisplay

DOCUMENTS = graphql_document(__file__, "documents")
ORGANISATIONS = graphql_document(__file__, "organisations_with_documents")
CREATE_DOCUMENT = graphql_document(__file__, "create_document")

DOCUMENT_KINDS = (("policy", "Policy"), ("procedure", "Procedure"), ("record", "Record"))
DOCUMENT_STATUSES = tuple(
    (status, status.capitalize())
    for status in ("draft", "submitted", "approved", "published", "superseded", "withdrawn")
)
SECURITY_POLICY = "information-security-policy"


class DocumentListPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes, listed = self.router, "/organisations/{organisation_id}/documents"
        routes.add_api_route("/documents", self.index, methods=["GET"])
        routes.add_api_route(listed, self.documents, methods=["GET"])
        routes.add_api_route(listed, self.create_document, methods=["POST"])
        routes.add_api_route(f"{listed}/security-policy", self.start_security_policy, methods=["POST"])

    async def index(self, request: Request) -> Response:
        """A member's own organisation's documents; for a coach or an admin, the organisations to choose from."""
        viewer = self._viewer(request)
        if viewer.organisation_id is not None:
            return RedirectResponse(f"/organisations/{viewer.organisation_id}/documents", status_code=303)
        data = await self._query(request, ORGANISATIONS, {})
        context = {"organisations": data.get("organisations", [])}
        return self._render(request, "documents/index.html", viewer, context)

    async def documents(self, request: Request, organisation_id: str) -> Response:
        return await self._documents(request, organisation_id)

    async def _documents(self, request: Request, organisation_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer, chosen = self._viewer(request), _chosen(request)
        data = await self._query(request, DOCUMENTS, {"organisationId": organisation_id, **_variables(chosen)})
        organisation = data.get("organisation") or {}
        if organisation.get("__typename") != "Organisation":
            raise NotInView(organisation.get("message", "This organisation does not exist or is not yours to see."))
        if data.get("documents") is None:  # its registers out of view (the API refused the list)
            raise NotInView("This organisation does not exist or is not yours to see.")
        listed = data["documents"]
        context = {"organisation": organisation, "listed": listed, "chosen": chosen}
        return self._render(request, "documents/documents.html", viewer, context, shown)

    async def create_document(self, request: Request, organisation_id: str) -> Response:
        form = await self._submission(request, "create")
        variables = {
            "organisationId": organisation_id,
            "kind": form.one_of("kind", dict(DOCUMENT_KINDS)),
            "title": form.required("title"),
            "owner": form.required("owner"),
            "text": form.required("text"),
        }
        redisplay = partial(self._documents, request, organisation_id)
        says = f"{form.text('title').strip()} is drafted: submit it for approval when it is ready."
        return await self._create(request, form, variables, redisplay, says)

    async def start_security_policy(self, request: Request, organisation_id: str) -> Response:
        form = await self._submission(request, "policy")
        variables = {"organisationId": organisation_id, "owner": form.required("owner"), "skeleton": SECURITY_POLICY}
        redisplay = partial(self._documents, request, organisation_id)
        says = (
            "The information security policy is drafted from the consultancy's skeleton: complete it, then submit it."
        )
        return await self._create(request, form, variables, redisplay, says, ("owner",))

    async def _create(
        self, request: Request, form: Submission, variables: dict[str, Any], redisplay: Redisplay, says: str,
        beside: tuple[str, ...] | None = None,
    ) -> Response:  # fmt: skip
        """As `_submit`, on to the new document's page."""
        fields = form.fields if beside is None else beside
        outcome = await self._mutate(request, CREATE_DOCUMENT, variables, form.errors, fields=fields)
        if form.errors:
            return await redisplay(form.refused())
        return self._done(request, f"/documents/{outcome['document']['id']}", says)


def _chosen(request: Request) -> dict[str, str]:
    """The filters and sort chosen in the list's form (a query string), kept only when they are among the options."""
    given = request.query_params
    chosen = {"orderBy": "review" if given.get("orderBy") == "review" else "title"}
    if given.get("kind") in dict(DOCUMENT_KINDS):
        chosen["kind"] = given["kind"]
    if given.get("status") in dict(DOCUMENT_STATUSES):
        chosen["status"] = given["status"]
    if given.get("overdue") == "yes":
        chosen["overdue"] = "yes"
    if given.get("after"):
        chosen["after"] = given["after"]
    return chosen


def _variables(chosen: dict[str, str]) -> dict[str, Any]:
    filter_ = {"kind": chosen.get("kind"), "status": chosen.get("status"), "reviewOverdue": "overdue" in chosen}
    return {"filter": filter_, "orderBy": chosen["orderBy"], "after": chosen.get("after")}
