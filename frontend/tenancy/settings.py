"""The consultancy's settings, for its admins: the programme template (each save a new version), the
single-organisation baseline the effort report compares with, and whether clusters may grow above the standard size."""

from __future__ import annotations

import math
from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase

SETTINGS = graphql_document(__file__, "settings")
CHANGE_PROGRAMME_TEMPLATE = graphql_document(__file__, "change_programme_template")
SET_SINGLE_ORGANISATION_BASELINE = graphql_document(__file__, "set_single_organisation_baseline")
SET_COMPARISON_THRESHOLD = graphql_document(__file__, "set_comparison_threshold")
SET_LARGE_CLUSTERS_ALLOWED = graphql_document(__file__, "set_large_clusters_allowed")
SET_SECOND_FACTOR_REQUIRED = graphql_document(__file__, "set_second_factor_required")
CONFIGURE_SINGLE_SIGN_ON = graphql_document(__file__, "configure_single_sign_on")

COUNTS = (
    ("gapAnalysisOnSiteHalfDays", "Gap analysis on site (half-days)"),
    ("gapAnalysisResultHalfDays", "Gap analysis result (half-days)"),
    ("initialTrainingHalfDays", "Initial training (half-days)"),
    ("coachingCeilingHalfDays", "Coaching per member, at most (half-days)"),
    ("cycleWeeksMin", "Weeks between modules, at least"),
    ("cycleWeeksMax", "Weeks between modules, at most"),
    ("clusterSizeMin", "Members of a cluster, at least"),
    ("clusterSizeMax", "Members of a cluster, at most"),
)
"""The template's whole numbers, in the order the form shows them, with their labels."""
MODULE_NUMBERS = {str(number) for number in range(1, 31)}


class SettingsPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes = self.router
        routes.add_api_route("/settings", self.settings, methods=["GET"])
        routes.add_api_route("/settings/template", self.change_template, methods=["POST"])
        routes.add_api_route("/settings/baseline", self.set_baseline, methods=["POST"])
        routes.add_api_route("/settings/comparison", self.set_comparison_threshold, methods=["POST"])
        routes.add_api_route("/settings/large-clusters", self.set_large_clusters, methods=["POST"])
        routes.add_api_route("/settings/second-factor", self.set_second_factor_required, methods=["POST"])
        routes.add_api_route("/settings/single-sign-on", self.configure_single_sign_on, methods=["POST"])

    async def settings(self, request: Request) -> Response:
        return await self._settings(request)

    async def _settings(self, request: Request, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        found = await self._query(request, SETTINGS, {})
        data = found["viewer"]
        if not data["can"]["changeSettings"]:
            raise NotInView
        callback = str(request.url_for("single_sign_on_callback"))
        context = {
            "consultancy": data["consultancy"],
            "comparison_threshold": found["comparisonThreshold"],
            "counts": COUNTS,
            "sso_callback": callback,
        }
        return self._render(request, "tenancy/settings.html", viewer, context, shown)

    async def change_template(self, request: Request) -> Response:
        form = await self._submission(request, "template")
        variables: dict[str, Any] = {name: form.number(name) for name, _ in COUNTS}
        variables["modules"] = form.lines("modules")
        variables["timeZone"] = form.required("timeZone")
        if not variables["modules"]:
            form.errors["modules"] = "List at least one training module, one a line."

        beside = {*form.fields, *MODULE_NUMBERS}  # a refused module title is named by its number: `modules.3`
        outcome = await self._mutate(request, CHANGE_PROGRAMME_TEMPLATE, variables, form.errors, beside)
        for number in MODULE_NUMBERS & set(form.errors):
            form.errors["modules"] = f"Module {number}: {form.errors.pop(number)}"
        if form.errors:
            return await self._settings(request, form.refused())
        version = outcome["programmeTemplate"]["version"]
        says = f"Version {version} of the programme template is saved; clusters planned from now on follow it."
        return self._done(request, "/settings", says)

    async def set_baseline(self, request: Request) -> Response:
        form = await self._submission(request, "baseline")
        days: Any = _decimal(form.required("days"))
        if days is None and "days" not in form.errors:
            form.errors["days"] = "Enter a number of days, such as 42 or 42.5."
        redisplay = partial(self._settings, request)
        says = f"A single-organisation project now counts as {form.text('days').strip()} days in the effort report."
        beside = ("days",)
        return await self._submit(
            request, form, SET_SINGLE_ORGANISATION_BASELINE, days, redisplay, "/settings", says, beside
        )

    async def set_comparison_threshold(self, request: Request) -> Response:
        """k: how many member organisations must contribute before a cluster's members see their comparison."""
        form = await self._submission(request, "comparison")
        variables: Any = {"k": form.number("k")}
        redisplay = partial(self._settings, request)
        says = f"A cluster's comparison is now shown once {form.text('k').strip()} member organisations contribute."
        return await self._submit(request, form, SET_COMPARISON_THRESHOLD, variables, redisplay, "/settings", says)

    async def set_large_clusters(self, request: Request) -> Response:
        form = await self._submission(request, "large")
        allowed: Any = form.one_of("allowed", ("yes", "no")) == "yes"
        redisplay = partial(self._settings, request)
        says = (
            "Clusters may now grow above the template's maximum."
            if allowed
            else "Clusters keep to the template's maximum size."
        )
        return await self._submit(
            request, form, SET_LARGE_CLUSTERS_ALLOWED, allowed, redisplay, "/settings", says, ("allowed",)
        )

    async def set_second_factor_required(self, request: Request) -> Response:
        form = await self._submission(request, "factor")
        required: Any = form.one_of("required", ("yes", "no")) == "yes"
        redisplay = partial(self._settings, request)
        says = (
            "Admins and coaches now sign in with a second factor; those without one set it up first."
            if required
            else "A second factor is now each person's choice."
        )
        return await self._submit(
            request, form, SET_SECOND_FACTOR_REQUIRED, required, redisplay, "/settings", says, ("required",)
        )

    async def configure_single_sign_on(self, request: Request) -> Response:
        form = await self._submission(request, "sso")
        secret = form.fields.pop("clientSecret", "")  # never shown again, even on a refusal
        enabled = form.one_of("enabled", ("yes", "no")) == "yes"
        variables: Any = {
            "issuer": form.required("issuer"),
            "clientIdentifier": form.required("clientIdentifier"),
            "clientSecret": secret or None,
            "allowedDomains": [d for line in form.lines("allowedDomains") for d in line.replace(",", " ").split()],
            "enabled": enabled,
        }
        says = "Single sign-on is saved." + (
            " People of the allowed domains may now sign in through your provider." if enabled else " It is off."
        )
        beside = ("issuer", "clientIdentifier", "clientSecret", "allowedDomains", "enabled")
        redisplay = partial(self._settings, request)
        return await self._submit(
            request, form, CONFIGURE_SINGLE_SIGN_ON, variables, redisplay, "/settings", says, beside
        )


def _decimal(text: str) -> float | None:
    try:
        number = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None
