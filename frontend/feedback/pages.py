"""Feedback on a training session: members share and withdraw theirs, the cluster's coach hides what must not stay;
and the cluster's feedback, grouped by module and theme (the kind: what worked, what was hard), in the order of the
text within a group: no time nor order of sharing that could single out the author of an unsigned item."""

from __future__ import annotations

from typing import Any

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
CLUSTER_FEEDBACK = graphql_document(__file__, "feedback")

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
        routes.add_api_route("/clusters/{cluster_id}/feedback", self.cluster_feedback, methods=["GET"])

    async def cluster_feedback(self, request: Request, cluster_id: str) -> Response:
        viewer = self._viewer(request)
        cluster = (await self._cluster(request, CLUSTER_FEEDBACK, {"id": cluster_id}))["cluster"]
        context = {"cluster": cluster, "modules": by_module_and_theme(cluster["sessions"], cluster["feedback"])}
        return self._render(request, "feedback/by_module.html", viewer, context)

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


def by_module_and_theme(sessions: list[dict[str, Any]], feedback: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sessions with feedback, in the plan's order, each with its themes in a fixed order and their items in the
    API's order (by text)."""
    groups = []
    for session in sessions:
        shared = [item for item in feedback if item["sessionKey"] == session["key"]]
        themes = [
            {"kind": kind, "label": label, "items": [item for item in shared if item["kind"] == kind]}
            for kind, label in FEEDBACK_KINDS
        ]
        if shared:
            groups.append({"session": session, "themes": [theme for theme in themes if theme["items"]]})
    return groups
