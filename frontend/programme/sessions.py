"""A session of the plan: its moves, holding or cancelling it, who came, and the feedback members shared."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.base import NotInView, PageBase
from frontend.documents import LOG_COACHING
from frontend.forms import FormErrors, Submission
from frontend.ports import FrontendPorts
from frontend.programme import documents
from frontend.programme.members import coaching_variables
from frontend.programme.views import FEEDBACK_KINDS, active_members, clashing

ATTENDEES = "attendees-"
"""Prefix of the hold form's textareas, one per member organisation: `attendees-<organisation id>`."""


class SessionPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes = self.router
        session = "/clusters/{cluster_id}/sessions/{key}"
        routes.add_api_route(session, self.session, methods=["GET"])
        routes.add_api_route(f"{session}/hold", self.hold, methods=["POST"])
        routes.add_api_route(f"{session}/coaching", self.log_coaching, methods=["POST"])
        routes.add_api_route(f"{session}/cancel", self.cancel, methods=["POST"])
        routes.add_api_route(f"{session}/feedback", self.share_feedback, methods=["POST"])
        routes.add_api_route(f"{session}/feedback/{{item_id}}/withdraw", self.withdraw_feedback, methods=["POST"])
        routes.add_api_route(f"{session}/feedback/{{item_id}}/hide", self.hide_feedback, methods=["POST"])

    async def session(self, request: Request, cluster_id: str, key: str) -> Response:
        return await self._session(request, cluster_id, key)

    async def _session(
        self,
        request: Request,
        cluster_id: str,
        key: str,
        errors: FormErrors | None = None,
        values: dict[str, str] | None = None,
        status: int = 200,
    ) -> Response:
        viewer = self._viewer(request)
        data = await self._cluster(request, documents.SESSION, {"id": cluster_id, "key": key})
        cluster, session = data["cluster"], data["cluster"]["session"]
        if session is None:
            raise NotInView("No session with this key in the cluster's plan.")
        context = {
            "cluster": cluster,
            "session": session,
            "expected": [
                m for m in active_members(cluster) if session["organisationId"] in (None, m["organisation"]["id"])
            ],
            "unavailable": clashing(cluster["clashes"]).get(key, []),
            "coaches": [(coach["id"], coach["displayName"]) for coach in data["coaches"]],
            "feedback_kinds": FEEDBACK_KINDS,
        }
        return self._render(request, "session.html", viewer, context, errors, values, status)

    async def hold(self, request: Request, cluster_id: str, key: str) -> Response:
        form = await self._submission(request, "hold")
        attendance = [
            {"organisationId": name.removeprefix(ATTENDEES), "attendees": form.lines(name)}
            for name in form.fields
            if name.startswith(ATTENDEES)
        ]
        variables = {
            "clusterId": cluster_id,
            "sessionKey": key,
            "heldOn": form.day("heldOn"),
            "halfDays": form.number("halfDays"),
            "attendance": attendance,
        }
        return await self._session_form(request, cluster_id, key, form, documents.HOLD_SESSION, variables)

    async def log_coaching(self, request: Request, cluster_id: str, key: str) -> Response:
        """A coaching slot is held by logging the half-day in the member's coaching ledger."""
        form = await self._submission(request, "coaching")
        variables = coaching_variables(cluster_id, form.text("organisationId"), form)
        beside = set(form.fields) - {"organisationId", "moduleNumber"}
        return await self._session_form(request, cluster_id, key, form, LOG_COACHING, variables, beside)

    async def cancel(self, request: Request, cluster_id: str, key: str) -> Response:
        form = await self._submission(request, "cancel")
        variables = {"clusterId": cluster_id, "sessionKey": key, "reason": form.text("reason")}
        return await self._session_form(request, cluster_id, key, form, documents.CANCEL_SESSION, variables)

    async def share_feedback(self, request: Request, cluster_id: str, key: str) -> Response:
        form = await self._submission(request, "share")
        variables = {
            "clusterId": cluster_id,
            "sessionKey": key,
            "kind": form.one_of("kind", dict(FEEDBACK_KINDS)),
            "text": form.text("text"),
            "signed": form.checked("signed"),
        }
        return await self._session_form(request, cluster_id, key, form, documents.SHARE_FEEDBACK, variables)

    async def withdraw_feedback(self, request: Request, cluster_id: str, key: str, item_id: str) -> Response:
        form = await self._submission(request, f"withdraw-{item_id}")
        variables = {"clusterId": cluster_id, "itemId": item_id}
        return await self._session_form(request, cluster_id, key, form, documents.WITHDRAW_FEEDBACK, variables)

    async def hide_feedback(self, request: Request, cluster_id: str, key: str, item_id: str) -> Response:
        form = await self._submission(request, f"hide-{item_id}")
        variables = {"clusterId": cluster_id, "itemId": item_id, "reason": form.text("reason")}
        return await self._session_form(request, cluster_id, key, form, documents.HIDE_FEEDBACK, variables)

    async def _session_form(
        self,
        request: Request,
        cluster_id: str,
        key: str,
        form: Submission,
        document: str,
        variables: dict[str, Any],
        beside: set[str] | None = None,
    ) -> Response:
        redisplay = partial(self._session, request, cluster_id, key)
        done = f"/clusters/{cluster_id}/sessions/{key}"
        return await self._submit(request, form, document, variables, redisplay, done, beside)
