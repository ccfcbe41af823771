"""Opening an invitation link: the invited person chooses their password and is signed in.

Nobody is signed in here, so the form is guarded as the sign-in form is (a cookie and a field that must match), and
the page asks the backend through its ports, as signing in does.
"""

from __future__ import annotations

import secrets

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts, InvitedPerson
from frontend.site.page import PageBase, read_form
from frontend.tenancy.sign_in import LOGIN_CSRF_COOKIE, set_session_cookie

NOT_WORKING = (
    "This invitation link does not work: it was used, replaced or has expired. Ask your consultancy for a new one."
)


class InvitationPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        self.router.add_api_route("/invitations/{key}", self.invitation, methods=["GET"])
        self.router.add_api_route("/invitations/{key}", self.accept, methods=["POST"])

    async def invitation(self, request: Request, key: str) -> Response:
        return self._page(request, self.ports.invitation(key))

    async def accept(self, request: Request, key: str) -> Response:
        invited = self.ports.invitation(key)
        form = await read_form(request)
        expected = request.cookies.get(LOGIN_CSRF_COOKIE)
        if not expected or not secrets.compare_digest(expected, form.get("csrf_token", "")):
            return self._page(request, invited, {"form": "Your form expired. Please try again."}, 400)
        if invited is None:
            return self._page(request, None, status=404)
        password = form.get("newPassword", "")
        errors = await self._accepted(key, password, form.get("repeated", ""))
        if errors:
            return self._page(request, self.ports.invitation(key), errors, 422)
        signed = await self.ports.sign_in(request, invited.email, password)
        token = signed.token if signed is not None and not signed.pending else None
        response = RedirectResponse("/" if token else "/login", status_code=303)
        if token:
            set_session_cookie(self.ports, response, token)
        response.delete_cookie(LOGIN_CSRF_COOKIE)
        return response

    async def _accepted(self, key: str, password: str, repeated: str) -> dict[str, str]:
        """The refusals by field; none once the password is set."""
        if not password:
            return {"newPassword": "This field is required."}
        if password != repeated:
            return {"repeated": "The two passwords differ: type the same one twice."}
        refused = await self.ports.accept_invitation(key, password)
        return {"newPassword" if name == "new_password" else "form": message for name, message in refused.items()}

    def _page(
        self, request: Request, invited: InvitedPerson | None, errors: dict[str, str] | None = None, status: int = 200
    ) -> Response:
        token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
        context: dict[str, object] = {"csrf_token": token, "invited": invited, "errors": errors or {}}
        context |= {"not_working": NOT_WORKING, "claimed": [""]}  # its own summary shows the errors, not the layout's
        status = status if invited is not None or status != 200 else 404
        response = self.templates.TemplateResponse(request, "tenancy/invitation.html", context, status_code=status)
        response.set_cookie(
            LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=self.ports.secure_cookies
        )
        return response
