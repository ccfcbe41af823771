"""The site's answers when a page cannot be shown: sign in first, a forged form, not in view, an unexpected error."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from frontend.ports import FrontendPorts
from frontend.site.page import CsrfRefused, NotInView, SignInRequired

FORGED_FORM = "This form has expired or did not come from Cordee. Go back, reload, and try again."
log = logging.getLogger("cordee.pages")


def install_error_pages(app: FastAPI, ports: FrontendPorts, templates: Jinja2Templates) -> None:
    pages = ErrorPages(ports, templates)
    app.add_exception_handler(SignInRequired, pages.to_sign_in)
    app.add_exception_handler(CsrfRefused, pages.refuse_forged_form)
    app.add_exception_handler(NotInView, pages.not_found)
    app.add_exception_handler(StarletteHTTPException, pages.no_such_page)
    app.add_exception_handler(RequestValidationError, pages.no_such_address)
    app.middleware("http")(pages.error_page)


class ErrorPages:
    """The product's pages for signing in first, a forged form, something out of view, and anything unexpected."""

    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        self.ports, self.templates = ports, templates

    async def to_sign_in(self, request: Request, _: Exception) -> Response:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    async def refuse_forged_form(self, request: Request, _: Exception) -> Response:
        context = {"message": FORGED_FORM}
        return self.templates.TemplateResponse(request, "site/refused.html", context, status_code=403)

    async def not_found(self, request: Request, error: Exception) -> Response:
        message = error.message if isinstance(error, NotInView) else "Not found."
        context = {"message": message, "viewer": self.ports.viewer(request)}
        return self.templates.TemplateResponse(request, "site/not_found.html", context, status_code=404)

    async def no_such_page(self, request: Request, error: Exception) -> Response:
        """An unknown address asked for by a browser gets the product's page; the API and other clients get JSON."""
        assert isinstance(error, StarletteHTTPException)
        if error.status_code == 404 and _wants_a_page(request):
            said = error.detail if isinstance(error.detail, str) and error.detail != "Not Found" else None
            context = {"message": said or "There is no page at this address.", "viewer": self.ports.viewer(request)}
            return self.templates.TemplateResponse(request, "site/not_found.html", context, status_code=404)
        return await http_exception_handler(request, error)

    async def no_such_address(self, request: Request, error: Exception) -> Response:
        """An address whose parts do not parse (`/coaching/abc/...`) names nothing: a browser gets the 404 page."""
        assert isinstance(error, RequestValidationError)
        if _wants_a_page(request):
            context = {"message": "There is no page at this address.", "viewer": self.ports.viewer(request)}
            return self.templates.TemplateResponse(request, "site/not_found.html", context, status_code=404)
        return await request_validation_exception_handler(request, error)

    async def error_page(self, request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        """Anything unexpected: the product's page with the request id, the trace in the log under the same id."""
        try:
            return await call_next(request)
        except Exception:
            request_id = getattr(request.state, "request_id", "")
            log.exception("Unexpected error on %s %s: request=%s", request.method, request.url.path, request_id)
            context = {"request_id": request_id}
            return self.templates.TemplateResponse(request, "site/error.html", context, status_code=500)


API_PATHS = ("/graphql", "/health")


def _wants_a_page(request: Request) -> bool:
    path = request.url.path
    return not path.startswith(API_PATHS) and "text/html" in request.headers.get("accept", "")
