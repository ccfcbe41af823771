"""The signed-in person's second factor (set up, recovery codes, turn off) and their sessions (list, end)."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import AccountSecurity, FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState
from frontend.site.page import NotInView, PageBase

CODE_REFUSED = "This code is not right, or was used already: wait for the next one."
CODE_MISSING = "Enter the code from your authenticator app."


class SecurityPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes = self.router
        routes.add_api_route("/account/second-factor", self.second_factor, methods=["GET"])
        routes.add_api_route("/account/second-factor/confirm", self.confirm, methods=["POST"])
        routes.add_api_route("/account/second-factor/disable", self.disable, methods=["POST"])
        routes.add_api_route("/account/second-factor/recovery-codes", self.recovery_codes, methods=["POST"])
        routes.add_api_route("/account/sessions", self.sessions, methods=["GET"])
        routes.add_api_route("/account/sessions/end", self.end_session, methods=["POST"])
        routes.add_api_route("/account/sessions/end-others", self.end_others, methods=["POST"])

    def _security(self) -> AccountSecurity:
        if self.ports.security is None:
            raise NotInView
        return self.ports.security

    async def second_factor(self, request: Request) -> Response:
        return self._factor_page(request)

    def _factor_page(self, request: Request, shown: FormState = UNTOUCHED, codes: list[str] | None = None) -> Response:
        viewer, security = self._viewer(request), self._security()
        enabled = security.second_factor_enabled(request)
        context: dict[str, object] = {"enabled": enabled, "codes": codes}
        if enabled:
            context["codes_left"] = security.recovery_codes_left(request)
        else:
            context["enrolment"] = security.enrolment(request)
        return self._render(request, "tenancy/second_factor.html", viewer, context, shown)

    async def _code(self, request: Request, scope: str) -> tuple[str, FormState | None]:
        form = await self._checked_form(request)
        code = form.get(f"{scope}-code", "").strip()
        if not code:
            return "", FormState({f"{scope}-code": CODE_MISSING}, status=422)
        if len(code) > 64:
            return "", FormState({f"{scope}-code": "A code is six digits, or a recovery code of twelve."}, status=422)
        return code, None

    async def confirm(self, request: Request) -> Response:
        code, refused = await self._code(request, "enrol")
        if refused is not None:
            return self._factor_page(request, refused)
        codes = await self._security().confirm_enrolment(request, code)
        if codes is None:
            return self._factor_page(request, FormState({"enrol-code": CODE_REFUSED}, status=422))
        return self._factor_page(request, codes=codes)

    async def disable(self, request: Request) -> Response:
        code, refused = await self._code(request, "disable")
        if refused is not None:
            return self._factor_page(request, refused)
        if not await self._security().disable(request, code):
            return self._factor_page(request, FormState({"disable-code": CODE_REFUSED}, status=422))
        return self._done(request, "/account/second-factor", "Your second factor is off: a password alone signs in.")

    async def recovery_codes(self, request: Request) -> Response:
        code, refused = await self._code(request, "codes")
        if refused is not None:
            return self._factor_page(request, refused)
        codes = await self._security().new_recovery_codes(request, code)
        if codes is None:
            return self._factor_page(request, FormState({"codes-code": CODE_REFUSED}, status=422))
        return self._factor_page(request, codes=codes)

    async def sessions(self, request: Request) -> Response:
        viewer, security = self._viewer(request), self._security()
        context = {"sessions": security.sessions(request)}
        return self._render(request, "tenancy/sessions.html", viewer, context)

    async def end_session(self, request: Request) -> Response:
        form = await self._checked_form(request)
        if not self._security().end_session(request, form.get("session_id", "")):
            raise NotInView("This session has ended already, or is not yours.")
        return self._done(request, "/account/sessions", "That session is ended: its browser is signed out.")

    async def end_others(self, request: Request) -> Response:
        await self._checked_form(request)
        self._security().end_other_sessions(request)
        return self._done(request, "/account/sessions", "Every other session is ended; this one goes on.")
