"""An organisation's "Context and scope" page and its forms; `/context` leads a member to its own organisation's."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.filters import label
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase

CONTEXT = graphql_document(__file__, "organisation_context")
ORGANISATIONS = graphql_document(__file__, "context_organisations")
DOCUMENTS = {
    name: graphql_document(__file__, name)
    for name in (
        "raise_context_issue",
        "change_context_issue",
        "retire_context_issue",
        "identify_interested_party",
        "answer_party_question",
        "list_party_requirement",
        "withdraw_party_requirement",
        "retire_interested_party",
        "state_isms_scope",
        "define_isms_role",
        "change_isms_role",
        "retire_isms_role",
        "record_management_commitment",
    )
}
ISSUE_FIELDS = ("text", "side", "category", "effect")
ROLE_FIELDS = ("kind", "title", "responsibilities", "personName")


class ContextPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        add, page = self.router.add_api_route, "/organisations/{organisation_id}/context"
        add("/context", self.choose, methods=["GET"])
        add(page, self.context, methods=["GET"])
        add(f"{page}/issues", self.raise_issue, methods=["POST"])
        add(f"{page}/issues/{{item_id}}/change", self.change_issue, methods=["POST"])
        add(f"{page}/issues/{{item_id}}/retire", self.retire_issue, methods=["POST"])
        add(f"{page}/parties", self.identify_party, methods=["POST"])
        add(f"{page}/parties/{{item_id}}/answer", self.answer_question, methods=["POST"])
        add(f"{page}/parties/{{item_id}}/requirements", self.list_requirement, methods=["POST"])
        requirement = f"{page}/parties/{{item_id}}/requirements/{{number:int}}"
        add(f"{requirement}/withdraw", self.withdraw_requirement, methods=["POST"])
        add(f"{page}/parties/{{item_id}}/retire", self.retire_party, methods=["POST"])
        add(f"{page}/scope", self.state_scope, methods=["POST"])
        add(f"{page}/roles", self.define_role, methods=["POST"])
        add(f"{page}/roles/{{item_id}}/change", self.change_role, methods=["POST"])
        add(f"{page}/roles/{{item_id}}/retire", self.retire_role, methods=["POST"])
        add(f"{page}/commitment", self.record_commitment, methods=["POST"])

    async def choose(self, request: Request) -> Response:
        """A member goes straight to its organisation's context; a coach or an admin chooses an organisation."""
        viewer = self._viewer(request)
        organisations = (await self._query(request, ORGANISATIONS, {})).get("organisations", [])
        if len(organisations) == 1:
            return RedirectResponse(f"/organisations/{organisations[0]['id']}/context", status_code=303)
        return self._render(request, "context/choose.html", viewer, {"organisations": organisations})

    async def context(self, request: Request, organisation_id: str) -> Response:
        return await self._page(request, organisation_id)

    async def _page(self, request: Request, organisation_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer, wanted = self._viewer(request), _wanted(request)
        data = await self._query(request, CONTEXT, {"id": organisation_id, **wanted["variables"]})
        found = data.get("organisationContext") or {}
        if found.get("__typename") != "OrganisationContext":
            raise NotInView(found.get("message", "This organisation does not exist or is not yours to see."))
        context = {
            "context": found,
            "here": f"/organisations/{organisation_id}/context",
            "choices": data.get("contextChoices", {}),
            "options": _options(found, data),
            "wanted": wanted["shown"],
        }
        return self._render(request, "context/context.html", viewer, context, shown)

    async def _form(
        self,
        request: Request,
        organisation_id: str,
        form: Submission,
        document: str,
        variables: dict[str, Any],
        says: str,
    ) -> Response:
        redisplay = partial(self._page, request, organisation_id)
        done = f"/organisations/{organisation_id}/context"
        given = {"organisationId": organisation_id, **variables}
        beside = set(form.fields) - {"confirm"}
        return await self._submit(request, form, DOCUMENTS[document], given, redisplay, done, says, beside)

    # Issues

    async def raise_issue(self, request: Request, organisation_id: str) -> Response:
        form = await self._submission(request, "issue")
        variables = {name: form.required(name) for name in ISSUE_FIELDS}
        return await self._form(
            request, organisation_id, form, "raise_context_issue", variables, "The issue is raised."
        )

    async def change_issue(self, request: Request, organisation_id: str, item_id: str) -> Response:
        form = await self._submission(request, f"change-{item_id}")
        variables = {name: form.required(name) for name in (*ISSUE_FIELDS, "reason")} | {"itemId": item_id}
        says = "The issue is changed; its earlier wording stays in its history."
        return await self._form(request, organisation_id, form, "change_context_issue", variables, says)

    async def retire_issue(self, request: Request, organisation_id: str, item_id: str) -> Response:
        form = await self._retirement(request, item_id, "the issue is kept, retired, and no longer listed as current.")
        variables = {"itemId": item_id, "reason": form.required("reason")}
        return await self._form(
            request, organisation_id, form, "retire_context_issue", variables, "The issue is retired."
        )

    async def _retirement(self, request: Request, item_id: str, what: str) -> Submission:
        form = await self._submission(request, f"retire-{item_id}")
        form.confirmed("confirm", f"Tick the box to confirm: {what}")
        return form

    # Interested parties

    async def identify_party(self, request: Request, organisation_id: str) -> Response:
        form = await self._submission(request, "party")
        variables = {"name": form.required("name"), "kind": form.required("kind")}
        says = f"{form.text('name').strip()} is listed; answer its questions below."
        return await self._form(request, organisation_id, form, "identify_interested_party", variables, says)

    async def answer_question(self, request: Request, organisation_id: str, item_id: str) -> Response:
        form = await self._submission(request, f"answer-{item_id}")
        variables = {
            "itemId": item_id,
            "questionKey": form.required("questionKey"),
            "answer": form.required("answer"),
            "reason": form.text("reason").strip() or None,
        }
        return await self._form(
            request, organisation_id, form, "answer_party_question", variables, "The answer is saved."
        )

    async def list_requirement(self, request: Request, organisation_id: str, item_id: str) -> Response:
        form = await self._submission(request, f"requirement-{item_id}")
        variables = {"itemId": item_id, "text": form.required("text")}
        return await self._form(
            request, organisation_id, form, "list_party_requirement", variables, "The requirement is listed."
        )

    async def withdraw_requirement(self, request: Request, organisation_id: str, item_id: str, number: int) -> Response:
        form = await self._submission(request, f"withdraw-{item_id}-{number}")
        variables = {"itemId": item_id, "requirementNumber": number, "reason": form.required("reason")}
        says = "The requirement is withdrawn; it stays listed with the reason."
        return await self._form(request, organisation_id, form, "withdraw_party_requirement", variables, says)

    async def retire_party(self, request: Request, organisation_id: str, item_id: str) -> Response:
        form = await self._retirement(request, item_id, "the party is kept, retired, with its answers.")
        variables = {"itemId": item_id, "reason": form.required("reason")}
        says = "The interested party is retired."
        return await self._form(request, organisation_id, form, "retire_interested_party", variables, says)

    # Scope, roles, commitment

    async def state_scope(self, request: Request, organisation_id: str) -> Response:
        form = await self._submission(request, "scope")
        variables = {
            "statement": form.required("statement"),
            "boundaries": form.required("boundaries"),
            "interfaces": form.required("interfaces"),
            "exclusions": _exclusions(form),
            "reason": form.text("reason").strip() or None,
        }
        says = "The scope statement is saved as a new version."
        return await self._form(request, organisation_id, form, "state_isms_scope", variables, says)

    async def define_role(self, request: Request, organisation_id: str) -> Response:
        form = await self._submission(request, "role")
        variables: dict[str, Any] = {name: form.required(name) for name in ROLE_FIELDS}
        variables["accountId"] = form.text("accountId") or None
        says = f"The role {form.text('title').strip()} is defined."
        return await self._form(request, organisation_id, form, "define_isms_role", variables, says)

    async def change_role(self, request: Request, organisation_id: str, item_id: str) -> Response:
        form = await self._submission(request, f"role-{item_id}")
        variables: dict[str, Any] = {name: form.required(name) for name in (*ROLE_FIELDS, "reason")}
        variables |= {"itemId": item_id, "accountId": form.text("accountId") or None}
        says = "The role is changed; who held it before stays in its history."
        return await self._form(request, organisation_id, form, "change_isms_role", variables, says)

    async def retire_role(self, request: Request, organisation_id: str, item_id: str) -> Response:
        form = await self._retirement(request, item_id, "the role is kept, retired, with who held it.")
        variables = {"itemId": item_id, "reason": form.required("reason")}
        return await self._form(request, organisation_id, form, "retire_isms_role", variables, "The role is retired.")

    async def record_commitment(self, request: Request, organisation_id: str) -> Response:
        form = await self._submission(request, "commitment")
        variables = {
            "evidence": form.required("evidence"),
            "committedOn": form.day("committedOn"),
            "clusterId": form.text("clusterId") or None,
            "reason": form.text("reason").strip() or None,
        }
        says = "Management's commitment is recorded."
        return await self._form(request, organisation_id, form, "record_management_commitment", variables, says)


def _exclusions(form: Submission) -> list[dict[str, str]]:
    """One exclusion a line, "what: why"; a line without its reason is refused beside the field."""
    exclusions = []
    for number, line in enumerate(form.lines("exclusions"), start=1):
        what, _, justification = line.partition(":")
        if not justification.strip():
            form.errors["exclusions"] = f"Line {number}: say why {what.strip()} is left out, after a colon."
        exclusions.append({"what": what.strip(), "justification": justification.strip()})
    return exclusions


def _wanted(request: Request) -> dict[str, Any]:
    """The issues' filter, page and whether retired items show, from the page's address."""
    params = request.query_params
    retired = params.get("retired") == "yes"
    status = None if retired else "current"
    side = params.get("side") if params.get("side") in ("internal", "external") else None
    issue_filter = {"side": side, "search": params.get("q") or None, "status": status}
    variables = {"issueFilter": issue_filter, "after": params.get("after") or None}
    variables |= {"partyStatus": status, "roleStatus": status}
    shown = {"side": issue_filter["side"] or "", "q": params.get("q", ""), "retired": retired}
    return {"variables": variables, "shown": shown}


def _options(found: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """The choices of the page's forms as (value, text), and the current scope's exclusions as the form writes them."""
    choices = data.get("contextChoices", {})
    labelled = {name: [(value, label(value)) for value in choices.get(key, [])] for name, key in _CHOICES.items()}
    parties = [edge["node"] for edge in found["parties"]["edges"]]
    scope = found["scopeVersions"][0] if found["scopeVersions"] else {"exclusions": []}
    return labelled | {
        "kinds": [(kind["key"], kind["label"]) for kind in data.get("stakeholderKinds", [])],
        "questions": {p["id"]: [(q["key"], q["text"]) for q in p["questions"]] for p in parties},
        "clusters": [(a["clusterId"], a["clusterName"]) for a in found["admissionCommitments"]],
        "accounts": [(a["id"], a["displayName"]) for a in found["memberAccounts"]],
        "account_names": {a["id"]: a["displayName"] for a in found["memberAccounts"]},
        "exclusions": "\n".join(f"{e['what']}: {e['justification']}" for e in scope["exclusions"]),
    }


_CHOICES = {"sides": "issueSides", "categories": "issueCategories", "roles": "roleKinds"}
