"""A session of the plan: its moves, holding or cancelling it, and who came. Its feedback forms are `feedback`'s."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.clusters.views import HALF_DAYS, active_members, clashing, moved
from frontend.engagement.coaching import LOG_COACHING, coaching_variables
from frontend.ports import FrontendPorts
from frontend.site.filters import day
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase, Said

SESSION = graphql_document(__file__, "session")
HOLD_SESSION = graphql_document(__file__, "hold_session")
CANCEL_SESSION = graphql_document(__file__, "cancel_session")
MOVE_SESSION = graphql_document(__file__, "move_session")
UNDO_SESSION_HELD = graphql_document(__file__, "undo_session_held")
RESTORE_SESSION = graphql_document(__file__, "restore_session")

ATTENDEES = "attendees-"
"""Prefix of the hold form's textareas, one per member organisation: `attendees-<organisation id>`."""


class SessionPage(PageBase):
    """Shows one session of the plan; the forms on it, the session's own and others', answer through `show`."""

    async def show(self, request: Request, cluster_id: str, key: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._cluster(request, SESSION, {"id": cluster_id, "key": key})
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
            "half_days": HALF_DAYS,
        }
        return self._render(request, "clusters/session.html", viewer, context, shown)

    async def _session_form(
        self,
        request: Request,
        cluster_id: str,
        key: str,
        form: Submission,
        document: str,
        variables: dict[str, Any],
        says: Said,
        beside: set[str] | None = None,
    ) -> Response:
        redisplay = partial(self.show, request, cluster_id, key)
        done = f"/clusters/{cluster_id}/sessions/{key}"
        return await self._submit(request, form, document, variables, redisplay, done, says, beside)


class SessionPages(SessionPage):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes = self.router
        session = "/clusters/{cluster_id}/sessions/{key}"
        routes.add_api_route(session, self.session, methods=["GET"])
        routes.add_api_route(f"{session}/hold", self.hold, methods=["POST"])
        routes.add_api_route(f"{session}/coaching", self.log_coaching, methods=["POST"])
        routes.add_api_route(f"{session}/move", self.move, methods=["POST"])
        routes.add_api_route(f"{session}/cancel", self.cancel, methods=["POST"])
        routes.add_api_route(f"{session}/undo-held", self.undo_held, methods=["POST"])
        routes.add_api_route(f"{session}/restore", self.restore, methods=["POST"])

    async def session(self, request: Request, cluster_id: str, key: str) -> Response:
        return await self.show(request, cluster_id, key)

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
        says = f"The session is recorded as held on {day(variables['heldOn'])}."
        return await self._session_form(request, cluster_id, key, form, HOLD_SESSION, variables, says)

    async def log_coaching(self, request: Request, cluster_id: str, key: str) -> Response:
        """A coaching slot is held by logging the half-day in the member's coaching ledger."""
        form = await self._submission(request, "coaching")
        variables = coaching_variables(cluster_id, form.text("organisationId"), form)
        beside = set(form.fields) - {"organisationId", "moduleNumber"}
        says = f"The coaching half-day of {day(variables['heldOn'])} is logged; the session is recorded as held."
        return await self._session_form(request, cluster_id, key, form, LOG_COACHING, variables, says, beside)

    async def move(self, request: Request, cluster_id: str, key: str) -> Response:
        """The session moved from its own page; a refusal shows the page again with the form in view."""
        form = await self._submission(request, "move")
        variables = {
            "clusterId": cluster_id,
            "sessionKey": key,
            "on": form.day("on"),
            "halfDay": form.one_of("halfDay", dict(HALF_DAYS)),
            "reason": form.required("reason"),
            "onDayOff": form.checked("onDayOff"),
        }
        says = partial(moved, key)
        return await self._session_form(request, cluster_id, key, form, MOVE_SESSION, variables, says)

    async def cancel(self, request: Request, cluster_id: str, key: str) -> Response:
        form = await self._submission(request, "cancel")
        variables = {"clusterId": cluster_id, "sessionKey": key, "reason": form.required("reason")}
        form.confirmed("confirm", "Tick the box to confirm that the session is cancelled.")
        says = "The session is cancelled; the plan shows it as cancelled."
        return await self._session_form(request, cluster_id, key, form, CANCEL_SESSION, variables, says)

    async def undo_held(self, request: Request, cluster_id: str, key: str) -> Response:
        """The correction of a holding recorded by mistake: planned again, its attendance out of the effort."""
        form = await self._submission(request, "undo")
        variables = {"clusterId": cluster_id, "sessionKey": key, "reason": form.required("reason")}
        form.confirmed("confirm", "Tick the box to confirm that the session was not held.")
        says = "The session is planned again: its holding is undone, and its attendance no longer counts."
        return await self._session_form(request, cluster_id, key, form, UNDO_SESSION_HELD, variables, says)

    async def restore(self, request: Request, cluster_id: str, key: str) -> Response:
        """The correction of a cancellation made by mistake: the session is planned again at its date."""
        form = await self._submission(request, "restore")
        variables = {"clusterId": cluster_id, "sessionKey": key, "reason": form.required("reason")}
        says = "The session is restored: it is planned again at its date."
        return await self._session_form(request, cluster_id, key, form, RESTORE_SESSION, variables, says)
