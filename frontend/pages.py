"""Page routes. Each page runs GraphQL as the signed-in user and renders a template."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from frontend import documents
from frontend.base import CsrfRefused, NotInView, PageBase, SignInRequired, read_form
from frontend.forms import FormErrors, Submission, optional_date, whole_number
from frontend.ports import FrontendPorts
from frontend.programme.effort import EffortPages
from frontend.programme.members import MemberPages, coaching_variables
from frontend.programme.plan import PlanPages
from frontend.programme.sessions import SessionPages
from frontend.programme.views import install_filters, module_options

HERE = Path(__file__).parent
LOGIN_CSRF_COOKIE = "cordee_login_csrf"
# One answer for a wrong password, an unknown e-mail and a locked sign-in: it must not tell which.
SIGN_IN_REFUSED = (
    "E-mail address or password is not right. After several wrong attempts, signing in pauses for a while."
)
log = logging.getLogger("cordee.pages")


def mount_pages(app: FastAPI, ports: FrontendPorts) -> None:
    templates = Jinja2Templates(directory=HERE / "templates")
    install_filters(templates.env)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for pages in (Pages, PlanPages, SessionPages, MemberPages, EffortPages):
        app.include_router(pages(ports, templates).router)

    @app.exception_handler(SignInRequired)
    async def to_sign_in(request: Request, _: SignInRequired) -> Response:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(CsrfRefused)
    async def refuse_forged_form(request: Request, _: CsrfRefused) -> Response:
        context = {"message": "This form has expired or did not come from Cordee. Go back, reload, and try again."}
        return templates.TemplateResponse(request, "refused.html", context, status_code=403)

    @app.exception_handler(NotInView)
    async def not_found(request: Request, error: NotInView) -> Response:
        context = {"message": error.message, "viewer": ports.viewer(request)}
        return templates.TemplateResponse(request, "not_found.html", context, status_code=404)

    @app.middleware("http")
    async def error_page(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        """Anything unexpected: the product's page with the request id, the trace in the log under the same id."""
        try:
            return await call_next(request)
        except Exception:
            request_id = getattr(request.state, "request_id", "")
            log.exception("Unexpected error on %s %s: request=%s", request.method, request.url.path, request_id)
            context = {"request_id": request_id}
            return templates.TemplateResponse(request, "error.html", context, status_code=500)


class Pages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes = self.router
        routes.add_api_route("/", self.home, methods=["GET"])
        routes.add_api_route("/login", self.login_form, methods=["GET"])
        routes.add_api_route("/login", self.login, methods=["POST"])
        routes.add_api_route("/logout", self.logout, methods=["POST"])
        routes.add_api_route("/clusters", self.clusters, methods=["GET"])
        routes.add_api_route("/clusters", self.form_cluster, methods=["POST"])
        routes.add_api_route("/clusters/{cluster_id}", self.dashboard, methods=["GET"])
        routes.add_api_route("/clusters/{cluster_id}/admissions", self.admit, methods=["POST"])
        routes.add_api_route("/clusters/{cluster_id}/start", self.start, methods=["POST"])
        routes.add_api_route("/clusters/{cluster_id}/coaching", self.log_coaching, methods=["POST"])
        routes.add_api_route("/organisations", self.organisations, methods=["GET"])
        routes.add_api_route("/organisations", self.register_organisation, methods=["POST"])

    # Signing in and out

    async def home(self, request: Request) -> Response:
        return RedirectResponse("/clusters" if self.ports.viewer(request) else "/login", status_code=303)

    async def login_form(self, request: Request) -> Response:
        return await self._login_page(request)

    async def _login_page(self, request: Request, error: str | None = None, status: int = 200) -> Response:
        token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
        context = {"csrf_token": token, "error": error, "next": _safe_next(request.query_params.get("next"))}
        response = self.templates.TemplateResponse(request, "login.html", context, status_code=status)
        response.set_cookie(
            LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=self.ports.secure_cookies
        )
        return response

    async def login(self, request: Request) -> Response:
        form = await read_form(request)
        expected = request.cookies.get(LOGIN_CSRF_COOKIE)
        if not expected or not secrets.compare_digest(expected, form.get("csrf_token", "")):
            return await self._login_page(request, "Your sign-in form expired. Please try again.", 400)
        token = await self.ports.sign_in(request, form.get("email", ""), form.get("password", ""))
        if token is None:
            return await self._login_page(request, SIGN_IN_REFUSED, 401)
        response = RedirectResponse(_safe_next(form.get("next")), status_code=303)
        response.set_cookie(
            self.ports.session_cookie,
            token,
            max_age=self.ports.session_max_age_seconds,
            httponly=True,
            samesite="lax",
            secure=self.ports.secure_cookies,
        )
        response.delete_cookie(LOGIN_CSRF_COOKIE)
        return response

    async def logout(self, request: Request) -> Response:
        await self._checked_form(request)
        self.ports.sign_out(request.cookies.get(self.ports.session_cookie, ""))
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(self.ports.session_cookie)
        return response

    # Clusters

    async def clusters(self, request: Request) -> Response:
        return await self._clusters(request)

    async def _clusters(
        self,
        request: Request,
        errors: FormErrors | None = None,
        values: dict[str, str] | None = None,
        status: int = 200,
    ) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, documents.CLUSTERS, {"after": request.query_params.get("after")})
        context = {
            "clusters": [edge["node"] for edge in data["clusters"]["edges"]],
            "page_info": data["clusters"]["pageInfo"],
            "coach_options": [(coach["id"], coach["displayName"]) for coach in data["coaches"]],
        }
        return self._render(request, "clusters.html", viewer, context, errors, values, status)

    async def form_cluster(self, request: Request) -> Response:
        form = await self._checked_form(request)
        errors = FormErrors()
        variables = {
            "name": form.get("name", ""),
            "coachId": form.get("coachId", ""),
            "plannedStart": optional_date(form, "plannedStart", errors),
            "plannedEnd": optional_date(form, "plannedEnd", errors),
        }
        outcome = await self._mutate(request, documents.FORM_CLUSTER, variables, errors)
        if errors:
            return await self._clusters(request, errors, form, 422)
        return RedirectResponse(f"/clusters/{outcome['cluster']['id']}", status_code=303)

    async def dashboard(self, request: Request, cluster_id: str) -> Response:
        return await self._dashboard(request, cluster_id)

    async def _dashboard(
        self,
        request: Request,
        cluster_id: str,
        errors: FormErrors | None = None,
        values: dict[str, str] | None = None,
        status: int = 200,
    ) -> Response:
        viewer = self._viewer(request)
        data = await self._cluster(request, documents.DASHBOARD, {"id": cluster_id})
        cluster = data["cluster"]
        member_ids = {member["organisation"]["id"] for member in cluster["members"]}
        candidates = [org for org in data["organisations"] if org["id"] not in member_ids]
        context = {
            "cluster": cluster,
            "candidates": [(org["id"], org["name"]) for org in candidates],
            "members": [(m["organisation"]["id"], m["organisation"]["name"]) for m in cluster["members"]],
            "coaches": [(coach["id"], coach["displayName"]) for coach in data["coaches"]],
            "modules": module_options(cluster["moduleTitles"]),
        }
        return self._render(request, "cluster.html", viewer, context, errors, values, status)

    async def admit(self, request: Request, cluster_id: str) -> Response:
        form = await self._submission(request)
        variables = {
            "clusterId": cluster_id,
            "organisationId": form.text("organisationId"),
            "criteria": {
                key: form.text(key) for key in ("smallEnterprise", "managementCommitment", "resourcesAvailable")
            },
        }
        return await self._dashboard_form(request, cluster_id, form, documents.ADMIT_ORGANISATION, variables)

    async def start(self, request: Request, cluster_id: str) -> Response:
        form = await self._submission(request)
        variables = {"clusterId": cluster_id, "startedOn": form.day("startedOn")}
        return await self._dashboard_form(request, cluster_id, form, documents.START_CLUSTER, variables)

    async def log_coaching(self, request: Request, cluster_id: str) -> Response:
        form = await self._submission(request)
        variables = coaching_variables(cluster_id, form.text("organisationId"), form)
        return await self._dashboard_form(request, cluster_id, form, documents.LOG_COACHING, variables)

    async def _dashboard_form(
        self, request: Request, cluster_id: str, form: Submission, document: str, variables: dict[str, Any]
    ) -> Response:
        redisplay = partial(self._dashboard, request, cluster_id)
        return await self._submit(request, form, document, variables, redisplay, f"/clusters/{cluster_id}")

    # Organisations

    async def organisations(self, request: Request) -> Response:
        return await self._organisations(request)

    async def _organisations(
        self,
        request: Request,
        errors: FormErrors | None = None,
        values: dict[str, str] | None = None,
        status: int = 200,
    ) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, documents.ORGANISATIONS, {})
        context = {"organisations": data.get("organisations", [])}
        return self._render(request, "organisations.html", viewer, context, errors, values, status)

    async def register_organisation(self, request: Request) -> Response:
        form = await self._checked_form(request)
        errors = FormErrors()
        variables = {
            "name": form.get("name", ""),
            "sector": form.get("sector", ""),
            "employeeCount": whole_number(form, "employeeCount", errors),
        }
        await self._mutate(request, documents.REGISTER_ORGANISATION, variables, errors)
        if errors:
            return await self._organisations(request, errors, form, 422)
        return RedirectResponse("/organisations", status_code=303)


def _safe_next(target: str | None) -> str:
    """Only local paths: a sign-in link must not send the user to another site."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/clusters"
