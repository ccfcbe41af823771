"""Feedback on a training session: members share and withdraw theirs, the cluster's coach hides what must not stay."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.clusters.sessions import SessionPage
from frontend.ports import FrontendPorts
from frontend.site.graphql_files import graphql_document

SHARE_FEEDBACK = graphql_document(__file__, "share_feedback")
WITHDRAW_FEEDBACK = graphql_document(__file__, "withdraw_feedback")
HIDE_FEEDBACK = graphql_document(__file__, "hide_feedback")
UNHIDE_FEEDBACK = graphql_document(__file__, "unhide_feedback")

FEEDBACK_KINDS = (("worked", "What worked"), ("hard", "What was hard"))


class FeedbackPages(SessionPage):
    """The feedback forms of the session page; a refused one shows the session page again."""

    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes = self.router
        feedback = "/clusters/{cluster_id}/sessions/{key}/feedback"
        routes.add_api_route(feedback, self.share_feedback, methods=["POST"])
        routes.add_api_route(f"{feedback}/{{item_id}}/withdraw", self.withdraw_feedback, methods=["POST"])
        routes.add_api_route(f"{feedback}/{{item_id}}/hide", self.hide_feedback, methods=["POST"])
        routes.add_api_route(f"{feedback}/{{item_id}}/unhide", self.unhide_feedback, methods=["POST"])

    async def share_feedback(self, request: Request, cluster_id: str, key: str) -> Response:
        form = await self._submission(request, "share")
        variables = {
            "clusterId": cluster_id,
            "sessionKey": key,
            "kind": form.one_of("kind", dict(FEEDBACK_KINDS)),
            "text": form.required("text"),
            "signed": form.checked("signed"),
        }
        says = "Your feedback is shared, signed." if variables["signed"] else "Your feedback is shared anonymously."
        return await self._session_form(request, cluster_id, key, form, SHARE_FEEDBACK, variables, says)

    async def withdraw_feedback(self, request: Request, cluster_id: str, key: str, item_id: str) -> Response:
        form = await self._submission(request, f"withdraw-{item_id}")
        variables = {"clusterId": cluster_id, "itemId": item_id}
        form.confirmed("confirm", "Tick the box to confirm: a withdrawn feedback cannot be shared again.")
        says = "Your feedback is withdrawn."
        return await self._session_form(request, cluster_id, key, form, WITHDRAW_FEEDBACK, variables, says)

    async def hide_feedback(self, request: Request, cluster_id: str, key: str, item_id: str) -> Response:
        form = await self._submission(request, f"hide-{item_id}")
        variables = {"clusterId": cluster_id, "itemId": item_id, "reason": form.required("reason")}
        says = "The feedback is hidden; the reason is kept with it."
        return await self._session_form(request, cluster_id, key, form, HIDE_FEEDBACK, variables, says)

    async def unhide_feedback(self, request: Request, cluster_id: str, key: str, item_id: str) -> Response:
        """The correction of a hiding made by mistake: the item is visible again, the reason kept beside the hiding."""
        form = await self._submission(request, f"unhide-{item_id}")
        variables = {"clusterId": cluster_id, "itemId": item_id, "reason": form.required("reason")}
        says = "The feedback is shown again; its history keeps the hiding and why it was undone."
        return await self._session_form(request, cluster_id, key, form, UNHIDE_FEEDBACK, variables, says)
