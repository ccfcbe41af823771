"""The management reviews' pages: which organisation (a member goes straight to its own), the list with its
filters, a review's page with what it kept, and the form of each step. Closing asks for confirmation."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase

REVIEWS = graphql_document(__file__, "reviews")
REVIEW = graphql_document(__file__, "review")
ORGANISATIONS = graphql_document(__file__, "organisations_with_reviews")
PLAN = graphql_document(__file__, "plan_review")
GATHER = graphql_document(__file__, "gather_review_inputs")
NOTE = graphql_document(__file__, "note_improvement_opportunity")
HOLD = graphql_document(__file__, "hold_review")
DECIDE = graphql_document(__file__, "record_review_decision")
CLOSE = graphql_document(__file__, "close_review")
CORRECT = graphql_document(__file__, "correct_review_decision")
CHANGE_ACTION = graphql_document(__file__, "change_review_action")

REVIEW_STATUSES = (("planned", "Planned"), ("held", "Held"), ("closed", "Closed"))
ACTION_STATUSES = (("in_progress", "In progress"), ("done", "Done"), ("cancelled", "Cancelled"))
NOT_IN_VIEW = "This management review does not exist or is not yours to see."


class ReviewPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes, listed, one = self.router, "/organisations/{organisation_id}/reviews", "/reviews/{review_id}"
        routes.add_api_route("/reviews", self.index, methods=["GET"])
        routes.add_api_route(listed, self.reviews, methods=["GET"])
        routes.add_api_route(listed, self.plan, methods=["POST"])
        routes.add_api_route(one, self.review, methods=["GET"])
        for step in ("gather", "opportunities", "hold", "decisions", "close"):
            routes.add_api_route(f"{one}/{step}", getattr(self, step), methods=["POST"])
        routes.add_api_route(f"{one}/decisions/{{number:int}}/correct", self.correct, methods=["POST"])
        routes.add_api_route(f"{one}/actions/{{number:int}}", self.change_action, methods=["POST"])

    async def index(self, request: Request) -> Response:
        viewer = self._viewer(request)
        if viewer.organisation_id is not None:
            return RedirectResponse(f"/organisations/{viewer.organisation_id}/reviews", status_code=303)
        data = await self._query(request, ORGANISATIONS, {})
        return self._render(request, "reviews/index.html", viewer, {"organisations": data.get("organisations", [])})

    async def reviews(self, request: Request, organisation_id: str) -> Response:
        return await self._reviews(request, organisation_id)

    async def _reviews(self, request: Request, organisation_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer, chosen = self._viewer(request), _chosen(request)
        variables = {"organisationId": organisation_id, "status": chosen.get("status"), "orderBy": chosen["orderBy"]}
        data = await self._query(request, REVIEWS, variables | {"after": chosen.get("after")})
        organisation = data.get("organisation") or {}
        if organisation.get("__typename") != "Organisation" or data.get("managementReviews") is None:
            raise NotInView("This organisation does not exist or is not yours to see.")
        context = {"organisation": organisation, "listed": data["managementReviews"], "chosen": chosen}
        return self._render(request, "reviews/reviews.html", viewer, context, shown)

    async def plan(self, request: Request, organisation_id: str) -> Response:
        form = await self._submission(request, "plan")
        variables = {
            "heldOn": form.day("heldOn"),
            "chair": form.required("chair"),
            "attendees": form.lines("attendees"),
        }
        outcome = await self._mutate(request, PLAN, variables, form.errors, fields=form.fields)
        if form.errors:
            return await self._reviews(request, organisation_id, form.refused())
        says = "The review is planned: gather its inputs from the registers before the meeting."
        return self._done(request, f"/reviews/{outcome['review']['id']}", says)

    async def review(self, request: Request, review_id: str) -> Response:
        return await self._review(request, review_id)

    async def _review(self, request: Request, review_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        found = (await self._query(request, REVIEW, {"id": review_id})).get("review") or {}
        if found.get("__typename") != "ManagementReview":
            raise NotInView(found.get("message", NOT_IN_VIEW))
        return self._render(request, "reviews/review.html", viewer, {"review": found}, shown)

    async def gather(self, request: Request, review_id: str) -> Response:
        form = await self._submission(request, "gather")
        says = "The inputs are read from the registers and kept with the review."
        return await self._step(request, review_id, form, GATHER, {}, says)

    async def opportunities(self, request: Request, review_id: str) -> Response:
        form = await self._submission(request, "opportunity")
        says = "The opportunity for improvement is noted."
        return await self._step(request, review_id, form, NOTE, {"text": form.required("text")}, says)

    async def hold(self, request: Request, review_id: str) -> Response:
        form = await self._submission(request, "hold")
        says = "The review is held: its inputs are fixed; record its decisions."
        return await self._step(request, review_id, form, HOLD, {}, says)

    async def decisions(self, request: Request, review_id: str) -> Response:
        form = await self._submission(request, "decision")
        variables: dict[str, Any] = {
            "text": form.required("text"),
            "howReached": form.required("howReached"),
            "resources": form.required("resources"),
            "actions": [],
        }
        if form.text("title").strip():  # an action is optional; named as the API names its fields, to show refusals
            action = {"title": form.text("title"), "owner": form.required("owner")}
            variables["actions"] = [action | {"dueOn": form.day("dueOn")}]
        return await self._step(request, review_id, form, DECIDE, variables, "The decision is recorded.")

    async def close(self, request: Request, review_id: str) -> Response:
        form = await self._submission(request, "close")
        form.confirmed("confirm", "Tick the box to confirm: a closed review is frozen.")
        says = "The review is closed and its minutes approved: it no longer changes."
        return await self._step(request, review_id, form, CLOSE, {}, says)

    async def correct(self, request: Request, review_id: str, number: int) -> Response:
        form = await self._submission(request, f"correct-{number}")
        variables = {
            "number": number,
            "text": form.required("text"),
            "howReached": form.required("howReached"),
            "resources": form.required("resources"),
            "reason": form.required("reason"),
        }
        says = f"Decision {number} is corrected; the reason is kept with it."
        return await self._step(request, review_id, form, CORRECT, variables, says)

    async def change_action(self, request: Request, review_id: str, number: int) -> Response:
        form = await self._submission(request, f"action-{number}")
        variables = {
            "number": number,
            "status": form.one_of("status", dict(ACTION_STATUSES)),
            "note": form.text("note"),
        }
        return await self._step(request, review_id, form, CHANGE_ACTION, variables, f"Action {number} is updated.")

    async def _step(
        self, request: Request, review_id: str, form: Submission, document: str, variables: dict[str, Any],
        says: str,
    ) -> Response:  # fmt: skip
        redisplay = partial(self._review, request, review_id)
        given = {"reviewId": review_id} | variables
        return await self._submit(request, form, document, given, redisplay, f"/reviews/{review_id}", says)


def _chosen(request: Request) -> dict[str, str]:
    """The filter and sort chosen in the list's form, kept only when they are among the options."""
    given = request.query_params
    chosen = {"orderBy": "oldest" if given.get("orderBy") == "oldest" else "newest"}
    if given.get("status") in dict(REVIEW_STATUSES):
        chosen["status"] = given["status"]
    if given.get("after"):
        chosen["after"] = given["after"]
    return chosen
