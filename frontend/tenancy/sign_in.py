"""The sign-in page, signing out, and the home page that sends each to where they start."""

from __future__ import annotations

import secrets
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.page import PageBase, read_form

LOGIN_CSRF_COOKIE = "cordee_login_csrf"
SIGN_OUT_COOKIE = "cordee_sso_sign_out"
"""After a single sign-on: what signing out needs to end the session at the provider too (encrypted by the backend)."""
CODE_REFUSED = "This code is not right, or was used already. Wait for the next code, or use a recovery code."
CODE_EXPIRED = "Signing in took too long, or too many codes were wrong: enter your password again."
# One answer for a wrong password, an unknown e-mail and a locked sign-in: it must not tell which.
SIGN_IN_REFUSED = (
    "E-mail address or password is not right. After several wrong attempts, signing in pauses for a while."
)

# The same answer whether the address has an account or not: the provider is chosen by the address's domain, or by
# the consultancy the sign-in link names, never by looking the account up.
NO_SINGLE_SIGN_ON = (
    "No single sign-on is set up for the domain of this e-mail address. Use the sign-in link your consultancy gave "
    "you, or sign in with your password."
)
CONSULTANCY_SLUG_MAX_LENGTH = 64


class SignInPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes = self.router
        routes.add_api_route("/login", self.login_form, methods=["GET"], name="login_form")
        routes.add_api_route("/login", self.login, methods=["POST"])
        routes.add_api_route("/logout", self.logout, methods=["POST"])
        routes.add_api_route("/login/code", self.code_form, methods=["GET"])
        routes.add_api_route("/login/code", self.code, methods=["POST"])
        routes.add_api_route("/login/sso", self.single_sign_on, methods=["POST"])
        routes.add_api_route(
            "/login/sso/callback", self.single_sign_on_callback, methods=["GET"], name="single_sign_on_callback"
        )
        routes.add_api_route("/welcome", self.welcome, methods=["GET"])

    async def login_form(self, request: Request) -> Response:
        return await self._login_page(request)

    async def _login_page(self, request: Request, error: str | None = None, status: int = 200) -> Response:
        token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
        context = {
            "csrf_token": token,
            "error": error,
            "next": _safe_next(request.query_params.get("next")),
            "consultancy": request.query_params.get("consultancy", "")[:CONSULTANCY_SLUG_MAX_LENGTH],
        }
        response = self.templates.TemplateResponse(request, "tenancy/login.html", context, status_code=status)
        response.set_cookie(
            LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=self.ports.secure_cookies
        )
        return response

    async def login(self, request: Request) -> Response:
        form = await read_form(request)
        expected = request.cookies.get(LOGIN_CSRF_COOKIE)
        if not expected or not secrets.compare_digest(expected, form.get("csrf_token", "")):
            return await self._login_page(request, "Your sign-in form expired. Please try again.", 400)
        signed = await self.ports.sign_in(request, form.get("email", ""), form.get("password", ""))
        if signed is None:
            return await self._login_page(request, SIGN_IN_REFUSED, 401)
        self._end_earlier_session(request)
        security = self.ports.security
        if signed.pending and security is not None:  # the password was right; the code is still to come
            response = RedirectResponse(f"/login/code?next={quote(_safe_next(form.get('next')))}", status_code=303)
            response.set_cookie(
                security.pending_cookie,
                signed.token,
                httponly=True,
                samesite="strict",
                secure=self.ports.secure_cookies,
            )
            return response
        response = RedirectResponse(_safe_next(form.get("next")), status_code=303)
        self._set_session_cookie(response, signed.token)
        response.delete_cookie(LOGIN_CSRF_COOKIE)
        response.delete_cookie(SIGN_OUT_COOKIE)  # a password's session: signing out of it stays at Cordee
        return response

    def _end_earlier_session(self, request: Request) -> None:
        """Signing in starts a new session: one this browser held before ends, whoever it was for."""
        earlier = request.cookies.get(self.ports.session_cookie)
        if earlier:
            self.ports.sign_out(earlier)

    async def code_form(self, request: Request) -> Response:
        return await self._code_page(request)

    async def _code_page(self, request: Request, error: str | None = None, status: int = 200) -> Response:
        security = self.ports.security
        if security is None or not security.pending_works(request.cookies.get(security.pending_cookie, "")):
            return RedirectResponse("/login", status_code=303)
        token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
        context = {"csrf_token": token, "error": error, "next": _safe_next(request.query_params.get("next"))}
        response = self.templates.TemplateResponse(request, "tenancy/login_code.html", context, status_code=status)
        response.set_cookie(
            LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=self.ports.secure_cookies
        )
        return response

    async def code(self, request: Request) -> Response:
        security = self.ports.security
        if security is None:
            return RedirectResponse("/login", status_code=303)
        form = await read_form(request)
        expected = request.cookies.get(LOGIN_CSRF_COOKIE)
        if not expected or not secrets.compare_digest(expected, form.get("csrf_token", "")):
            return await self._code_page(request, "Your sign-in form expired. Please try again.", 400)
        pending = request.cookies.get(security.pending_cookie, "")
        code = form.get("code", "").strip()
        if not code:
            return await self._code_page(request, "Enter the code from your authenticator app.", 422)
        token = await security.second_step(request, pending, code)
        if token is None:
            if not security.pending_works(pending):
                response = await self._login_page(request, CODE_EXPIRED, 401)
                response.delete_cookie(security.pending_cookie)
                return response
            return await self._code_page(request, CODE_REFUSED, 401)
        response = RedirectResponse(_safe_next(form.get("next")), status_code=303)
        self._set_session_cookie(response, token)
        response.delete_cookie(LOGIN_CSRF_COOKIE)
        response.delete_cookie(security.pending_cookie)
        response.delete_cookie(SIGN_OUT_COOKIE)
        return response

    async def single_sign_on(self, request: Request) -> Response:
        """Sends the browser to the OpenID provider of the consultancy this address signs in through."""
        form = await read_form(request)
        expected = request.cookies.get(LOGIN_CSRF_COOKIE)
        start = self.ports.single_sign_on_start
        if not expected or not secrets.compare_digest(expected, form.get("csrf_token", "")):
            return await self._login_page(request, "Your sign-in form expired. Please try again.", 400)
        if start is None:
            return await self._login_page(request, NO_SINGLE_SIGN_ON, 400)
        consultancy = form.get("consultancy", "").strip().lower()[:CONSULTANCY_SLUG_MAX_LENGTH]
        target = await start(request, form.get("email", ""), _safe_next(form.get("next")), consultancy)
        if target is None:
            return await self._login_page(request, NO_SINGLE_SIGN_ON, 400)
        # A page that moves on by itself, not a redirect: the sign-in form may post only to Cordee (the policy's
        # `form-action 'self'`, which browsers apply to a form's redirects too).
        return self.templates.TemplateResponse(request, "tenancy/to_provider.html", {"target": target})

    async def single_sign_on_callback(self, request: Request) -> Response:
        """Where the provider sends the browser back: a session, or the sign-in page with the refusal."""
        finish = self.ports.single_sign_on_finish
        result = await finish(request) if finish is not None else None
        if result is None or result.token is None:
            refusal = result.refusal if result is not None else NO_SINGLE_SIGN_ON
            return await self._login_page(request, refusal, 401)
        response = RedirectResponse(result.next if result.has_role else "/welcome", status_code=303)
        self._set_session_cookie(response, result.token)
        response.delete_cookie(LOGIN_CSRF_COOKIE)
        if result.sign_out_hint:
            response.set_cookie(
                SIGN_OUT_COOKIE,
                result.sign_out_hint,
                max_age=self.ports.session_max_age_seconds,
                httponly=True,
                samesite="lax",
                secure=self.ports.secure_cookies,
            )
        return response

    async def welcome(self, request: Request) -> Response:
        """The page of someone signed in whose account holds no role yet."""
        viewer = self._viewer(request)
        if viewer.sees_anything:
            return RedirectResponse("/", status_code=303)
        return self._render(request, "tenancy/welcome.html", viewer, {})

    def _set_session_cookie(self, response: Response, token: str) -> None:
        set_session_cookie(self.ports, response, token)

    async def logout(self, request: Request) -> Response:
        await self._checked_form(request)
        self.ports.sign_out(request.cookies.get(self.ports.session_cookie, ""))
        hint, end = request.cookies.get(SIGN_OUT_COOKIE), self.ports.single_sign_on_end
        at_provider = await end(request, hint) if hint and end is not None else None
        response: Response = RedirectResponse("/login", status_code=303)
        if at_provider is not None:
            # Signed out of Cordee; the provider's session is ended on its own page. A page that moves on by itself,
            # as at sign-in: the sign-out form may post only to Cordee (`form-action 'self'`, redirects included).
            context = {"target": at_provider}
            response = self.templates.TemplateResponse(request, "tenancy/signed_out.html", context)
        response.delete_cookie(SIGN_OUT_COOKIE)
        response.delete_cookie(self.ports.session_cookie)
        if self.ports.security is not None:
            response.delete_cookie(self.ports.security.pending_cookie)
        return response


def set_session_cookie(ports: FrontendPorts, response: Response, token: str) -> None:
    response.set_cookie(
        ports.session_cookie,
        token,
        max_age=ports.session_max_age_seconds,
        httponly=True,
        samesite="lax",
        secure=ports.secure_cookies,
    )


def _safe_next(target: str | None) -> str:
    """Only local paths: a sign-in link must not send the user to another site."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"
