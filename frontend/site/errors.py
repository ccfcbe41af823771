"""The site's answers when a page cannot be shown: sign in first, a forged form, not in view, an unexpected error."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.page import CsrfRefused, NotInView, SignInRequired

FORGED_FORM = "This form has expired or did not come from Cordee. Go back, reload, and try again."
log = logging.getLogger("cordee.pages")


def install_error_pages(app: FastAPI, ports: FrontendPorts, templates: Jinja2Templates) -> None:
    @app.exception_handler(SignInRequired)
    async def to_sign_in(request: Request, _: SignInRequired) -> Response:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(CsrfRefused)
    async def refuse_forged_form(request: Request, _: CsrfRefused) -> Response:
        context = {"message": FORGED_FORM}
        return templates.TemplateResponse(request, "site/refused.html", context, status_code=403)

    @app.exception_handler(NotInView)
    async def not_found(request: Request, error: NotInView) -> Response:
        context = {"message": error.message, "viewer": ports.viewer(request)}
        return templates.TemplateResponse(request, "site/not_found.html", context, status_code=404)

    @app.middleware("http")
    async def error_page(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        """Anything unexpected: the product's page with the request id, the trace in the log under the same id."""
        try:
            return await call_next(request)
        except Exception:
            request_id = getattr(request.state, "request_id", "")
            log.exception("Unexpected error on %s %s: request=%s", request.method, request.url.path, request_id)
            context = {"request_id": request_id}
            return templates.TemplateResponse(request, "site/error.html", context, status_code=500)
