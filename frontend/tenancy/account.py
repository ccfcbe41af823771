"""The signed-in person's own account: who they are, and changing their password."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState
from frontend.site.graphql_files import graphql_document
from frontend.site.page import PageBase

ACCOUNT = graphql_document(__file__, "account")
CHANGE_PASSWORD = graphql_document(__file__, "change_password")
MAKE_CALENDAR_LINK = graphql_document(__file__, "make_calendar_link")
STOP_CALENDAR_LINK = graphql_document(__file__, "stop_calendar_link")


class AccountPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        self.router.add_api_route("/account", self.account, methods=["GET"])
        self.router.add_api_route("/account/password", self.change_password, methods=["POST"])
        self.router.add_api_route("/account/calendar-link", self.make_calendar_link, methods=["POST"])
        self.router.add_api_route("/account/calendar-link/stop", self.stop_calendar_link, methods=["POST"])

    async def account(self, request: Request) -> Response:
        return await self._account(request)

    async def _account(self, request: Request, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, ACCOUNT, {})
        return self._render(request, "tenancy/account.html", viewer, {"account": data["viewer"]}, shown)

    async def change_password(self, request: Request) -> Response:
        form = await self._submission(request, "password")
        variables = {"currentPassword": form.required("currentPassword"), "newPassword": form.required("newPassword")}
        if form.text("newPassword") != form.text("repeated") and "newPassword" not in form.errors:
            form.errors["repeated"] = "The two new passwords differ: type the same one twice."
        form.fields = {}  # passwords are never sent back into the page
        redisplay = partial(self._account, request)
        says = "Your password is changed: use it the next time you sign in."
        beside = ("currentPassword", "newPassword")
        return await self._submit(request, form, CHANGE_PASSWORD, variables, redisplay, "/account", says, beside)

    async def make_calendar_link(self, request: Request) -> Response:
        """The new link is said once, on the next page: Cordee keeps only its hash."""
        form = await self._submission(request, "link")
        redisplay = partial(self._account, request)
        base = str(request.base_url).rstrip("/")

        def says(outcome: dict[str, Any]) -> str:
            link = f"{base}{outcome['path']}"
            return f"Your calendar link: {link} Add it to your calendar application now; it is not shown again."

        return await self._submit(request, form, MAKE_CALENDAR_LINK, {}, redisplay, "/account", says, beside=())

    async def stop_calendar_link(self, request: Request) -> Response:
        form = await self._submission(request, "stop")
        form.confirmed("confirm", "Tick the box to confirm: calendars subscribed to the link stop updating.")
        redisplay = partial(self._account, request)
        says = "Your calendar link is stopped: it no longer answers."
        return await self._submit(request, form, STOP_CALENDAR_LINK, {}, redisplay, "/account", says, beside=())
