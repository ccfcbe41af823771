"""Forgotten password: a link by e-mail, then a new password. Nobody is signed in, so the forms carry the sign-in
page's CSRF cookie; the answer to a request never tells whether the address has an account."""

from __future__ import annotations

import secrets

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.page import PageBase, read_form
from frontend.tenancy.sign_in import LOGIN_CSRF_COOKIE

ASKED = (
    "If this address belongs to an account, a message with a link to choose a new password is on its way. "
    "The link works once, for a short while."
)
FIELD_NAMES = {"new_password": "newPassword", "token": "form"}


class PasswordResetPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes = self.router
        routes.add_api_route("/password/forgot", self.forgot_form, methods=["GET"])
        routes.add_api_route("/password/forgot", self.forgot, methods=["POST"])
        routes.add_api_route("/password/reset/{token}", self.reset_form, methods=["GET"])
        routes.add_api_route("/password/reset/{token}", self.reset, methods=["POST"])

    def _page(self, request: Request, template: str, context: dict[str, object], status: int = 200) -> Response:
        csrf = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
        response = self.templates.TemplateResponse(
            request, template, {**context, "csrf_token": csrf}, status_code=status
        )
        response.set_cookie(LOGIN_CSRF_COOKIE, csrf, httponly=True, samesite="strict", secure=self.ports.secure_cookies)
        return response

    def _form_expired(self, request: Request, form: dict[str, str]) -> bool:
        expected = request.cookies.get(LOGIN_CSRF_COOKIE)
        return not expected or not secrets.compare_digest(expected, form.get("csrf_token", ""))

    async def forgot_form(self, request: Request) -> Response:
        return self._page(request, "tenancy/password_forgot.html", {"errors": {}})

    async def forgot(self, request: Request) -> Response:
        form = await read_form(request)
        if self._form_expired(request, form):
            errors = {"form": "Your form expired. Please try again."}
            return self._page(request, "tenancy/password_forgot.html", {"errors": errors}, 400)
        email = form.get("email", "").strip()
        if not email or "@" not in email or len(email) > 254:
            errors = {"email": "Enter the e-mail address you sign in with."}
            return self._page(request, "tenancy/password_forgot.html", {"errors": errors, "email": email[:254]}, 422)
        if self.ports.security is not None:
            await self.ports.security.request_reset(request, email)
        return self._page(request, "tenancy/password_forgot.html", {"errors": {}, "asked": ASKED})

    async def reset_form(self, request: Request, token: str) -> Response:
        works = self.ports.security is not None and self.ports.security.reset_works(token)
        return self._page(request, "tenancy/password_reset.html", {"errors": {}, "works": works}, 200 if works else 404)

    async def reset(self, request: Request, token: str) -> Response:
        security = self.ports.security
        form = await read_form(request)
        if self._form_expired(request, form) or security is None:
            errors = {"form": "Your form expired. Please try again."}
            return self._page(request, "tenancy/password_reset.html", {"errors": errors, "works": True}, 400)
        password = form.get("newPassword", "")
        if not password:
            errors = {"newPassword": "This field is required."}
        elif password != form.get("repeated", ""):
            errors = {"repeated": "The two passwords differ: type the same one twice."}
        else:
            refused = await security.complete_reset(request, token, password)
            errors = {FIELD_NAMES.get(name, "form"): message for name, message in refused.items()}
        if errors:
            works = security.reset_works(token)
            return self._page(request, "tenancy/password_reset.html", {"errors": errors, "works": works}, 422)
        response = RedirectResponse("/login?reset=done", status_code=303)
        response.delete_cookie(self.ports.session_cookie)
        return response
