"""What every page shares: the viewer, checked forms, running mutations, showing refusals, rendering."""

from __future__ import annotations

import inspect
import secrets
from collections.abc import Awaitable, Callable, Collection
from datetime import datetime
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.convertors import IntegerConvertor
from starlette.routing import Route, compile_path

from frontend.ports import FrontendPorts, Viewer
from frontend.site import said
from frontend.site.forms import UNTOUCHED, FormErrors, FormState, Submission, refusal
from frontend.site.history import history_context, shown_as_of

Redisplay = Callable[[FormState], Awaitable[Response]]
"""Shows a page again with a form's errors and the values typed."""

Said = str | Callable[[dict[str, Any]], str]
"""What a page says after a success: a sentence, or one made from the mutation's result."""


class SignInRequired(Exception):
    """Raised by a page when nobody is signed in; answered with a redirect to the sign-in page."""


class CsrfRefused(Exception):
    """A form came without the session's CSRF token: it was not sent from our page."""


OUTSIDE_PAGES = ("/account",)
"""The pages, besides their own home, of a professional and of a labelling body's staff: their own account."""


class NotInView(Exception):
    """What the page is about does not exist, or the API shows the viewer nothing of it; answered with a 404."""

    def __init__(self, message: str = "This page does not exist or is not yours to see.") -> None:
        super().__init__(message)
        self.message = message


PageHandler = Callable[..., Awaitable[Response]]


class PageRouter:
    """A feature's page routes as plain Starlette routes: a page takes the request and its path's parameters (text,
    or a whole number for `{name:int}`), and answers a response. Nothing for FastAPI to analyse (no dependencies,
    bodies or models), so building an application's 270 page routes costs milliseconds rather than half a second."""

    def __init__(self) -> None:
        self.routes: list[Route] = []

    def add_api_route(self, path: str, endpoint: PageHandler, methods: list[str], name: str | None = None) -> None:
        self.routes.append(Route(path, _with_path_parameters(path, endpoint), methods=methods, name=name))


def _with_path_parameters(path: str, endpoint: PageHandler) -> Callable[[Request], Awaitable[Response]]:
    """The endpoint called with the request and the path's parameters by name; refused at start-up when the
    handler asks for anything else, or for a parameter as another type than its path converts it to."""
    _, _, convertors = compile_path(path)
    given = {name: "int" if isinstance(kind, IntegerConvertor) else "str" for name, kind in convertors.items()}
    parameters = list(inspect.signature(endpoint).parameters.values())[1:]
    asked = {p.name: getattr(p.annotation, "__name__", p.annotation) for p in parameters if p.default is p.empty}
    if asked != given:
        raise TypeError(f"{endpoint.__qualname__} must take the request and {given}: {path}")

    async def page(request: Request) -> Response:
        return await endpoint(request, **request.path_params)

    return page


class PageBase:
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        self.ports = ports
        self.templates = templates
        self.router = PageRouter()

    def _viewer(self, request: Request) -> Viewer:
        viewer = self.ports.viewer(request)
        if viewer is None:
            raise SignInRequired
        path = request.url.path
        if viewer.home != "/" and path != "/" and not path.startswith((viewer.home, *OUTSIDE_PAGES)):
            raise NotInView  # a professional or a labelling body's staff: no consultancy's page is theirs
        return viewer

    async def _checked_form(self, request: Request) -> dict[str, str]:
        viewer = self._viewer(request)
        form = await read_form(request)
        if not secrets.compare_digest(viewer.csrf_token, form.get("csrf_token", "")):
            raise CsrfRefused
        return form

    async def _submission(self, request: Request, scope: str = "") -> Submission:
        return Submission.read(await self._checked_form(request), scope)

    async def _query(self, request: Request, document: str, variables: dict[str, Any]) -> dict[str, Any]:
        result = await self.ports.execute(request, document, variables)
        data = result.data or {}
        self._note_history(request, data, variables.get("id"))
        return data

    def _note_history(self, request: Request, data: dict[str, Any], item_id: object) -> None:
        """Keeps an item page's audit trail, when its document asked for it (`history: itemTrail(id: $id, …)`),
        for the page's audit trail section (`trail/_history_section.html`)."""
        if "history" in data:
            request.state.item_history = {"trail": data["history"], "item_id": item_id}

    async def _cluster(self, request: Request, document: str, variables: dict[str, Any]) -> dict[str, Any]:
        """Runs a document whose `cluster` answers a Cluster or a typed error; the error is a 404."""
        data = await self._query(request, document, variables)
        cluster: dict[str, Any] = data.get("cluster") or {}
        if cluster.get("__typename") != "Cluster":
            raise NotInView(cluster.get("message", "This cluster does not exist or is not yours to see."))
        return data

    async def _mutate(
        self,
        request: Request,
        document: str,
        variables: dict[str, Any],
        errors: FormErrors,
        fields: Collection[str] | None = None,
    ) -> dict[str, Any]:
        """Runs the mutation unless the form already has errors; adds the refusal, if any, to `errors`.

        A refusal naming one of `fields` (by default, the variables' names) is shown beside it, any other for the form.
        """
        if errors:
            return {}
        result = await self.ports.execute(request, document, {"input": variables})
        shown = _field_names(variables) if fields is None else set(fields)
        if result.errors:  # refused before it ran (a number too large for the API): beside the fields it names
            for error in result.errors:
                named = str((error.get("extensions") or {}).get("field") or "").split(".")[-1]
                errors.setdefault(named if named in shown else "form", error["message"])
            return {}
        outcome: dict[str, Any] = (result.data or {})["result"]
        errors.update({key if key in shown else "form": message for key, message in refusal(outcome).items()})
        return outcome

    async def _submit(
        self,
        request: Request,
        submission: Submission,
        document: str,
        variables: dict[str, Any],
        redisplay: Redisplay,
        done: str,
        says: Said,
        beside: Collection[str] | None = None,
    ) -> Response:
        """Post/redirect/get: on success to `done`, which then says `says`; on a refusal the page again, in view.

        A refusal is shown beside the field it names among `beside` (by default, every field posted; leave out the
        hidden ones), any other for the whole form.
        """
        fields = submission.fields if beside is None else beside
        outcome = await self._mutate(request, document, variables, submission.errors, fields=fields)
        if submission.errors:
            return await redisplay(submission.refused())
        return self._done(request, done, says if isinstance(says, str) else says(outcome))

    def _done(self, request: Request, to: str, message: str) -> Response:
        """The redirect after a success; the page it leads to says `message` once, at its top."""
        response = RedirectResponse(to, status_code=303)
        said.say(response, self._viewer(request).csrf_token, message, secure=self.ports.secure_cookies)
        return response

    def _render(
        self, request: Request, template: str, viewer: Viewer, context: dict[str, Any], shown: FormState = UNTOUCHED
    ) -> Response:
        context = {**context, "viewer": viewer, "errors": shown.errors, "values": shown.values}
        context.setdefault("item_history", getattr(request.state, "item_history", None))
        context |= {"labels": {}, "claimed": []}  # filled while rendering: fields' labels, forms whose errors show
        context["said"] = said.said(request, viewer.csrf_token) if shown is UNTOUCHED else None
        context |= history_context(request)
        response = self.templates.TemplateResponse(request, template, context, status_code=shown.status)
        if context["history"].moment is not None:
            _as_of(response, context["history"].moment)
        said.forget(request, response)
        return response


def _as_of(response: Response, moment: datetime) -> None:
    """The page as recorded at `moment`: its links keep the moment, and it shows no form that changes anything."""
    body = shown_as_of(bytes(response.body).decode(), moment).encode()
    response.body = body
    response.headers["content-length"] = str(len(body))


def _field_names(variables: dict[str, Any]) -> set[str]:
    """The form fields behind the variables, so a refusal naming another input is shown for the whole form."""
    names: set[str] = set()
    for key, value in variables.items():
        names |= _field_names(value) if isinstance(value, dict) else {key}
    return names


async def read_form(request: Request) -> dict[str, str]:
    return {key: str(value) for key, value in (await request.form()).items()}
