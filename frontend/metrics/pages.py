"""An organisation's metrics: the register with its filters and a form to define one, and a metric's page with its
measurements drawn over time against the target, the forms to record, correct, revise and retire, and its history."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from frontend.metrics import views
from frontend.metrics.chart import measurement_chart
from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase

ORGANISATIONS = graphql_document(__file__, "metric_organisations")
LIST = graphql_document(__file__, "metrics")
ONE = graphql_document(__file__, "metric")
DEFINE = graphql_document(__file__, "define_metric")
REVISE = graphql_document(__file__, "revise_metric")
RETIRE = graphql_document(__file__, "retire_metric")
RECORD = graphql_document(__file__, "record_measurement")
CORRECT = graphql_document(__file__, "correct_measurement")
DEFINITION = ("name", "method", "frequency", "target", "direction", "unit", "ownerId", "evaluatorId", "reference")


class MetricPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        add, register = self.router.add_api_route, "/organisations/{org}/metrics"
        add("/metrics", self.organisations, methods=["GET"])
        add(register, self.register, methods=["GET"])
        add(register, self.define, methods=["POST"])
        add(f"{register}/{{metric}}", self.metric, methods=["GET"])
        for action in ("revise", "retire", "record", "correct"):
            add(f"{register}/{{metric}}/{action}", getattr(self, action), methods=["POST"])

    async def organisations(self, request: Request) -> Response:
        viewer = self._viewer(request)
        if viewer.organisation_id:
            return RedirectResponse(f"/organisations/{viewer.organisation_id}/metrics", status_code=303)
        data = await self._query(request, ORGANISATIONS, {})
        organisations = data.get("organisations", [])
        return self._render(request, "metrics/organisations.html", viewer, {"organisations": organisations})

    async def register(self, request: Request, org: str) -> Response:
        return await self._register(request, org)

    async def _register(self, request: Request, org: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        filters = views.list_filters(dict(request.query_params))
        result = await self.ports.execute(request, LIST, views.list_variables(org, filters))
        refused = result.errors[0] if result.errors else None
        if refused:
            result = await self.ports.execute(request, LIST, views.list_variables(org, views.list_filters({})))
        data = result.data or {}
        organisation = data.get("organisation") or {}
        if organisation.get("__typename") != "Organisation":
            raise NotInView(organisation.get("message", "This organisation does not exist or is not yours to see."))
        connection = data.get("metrics") or {}
        page_info = connection.get("pageInfo") or {}
        more = page_info.get("hasNextPage")
        context = {
            "organisation": organisation,
            "register": connection,
            "people": views.people_options(data.get("ismsPeople") or []),
            "filters": filters,
            "filter_error": refused and refused["message"],
            "next_page": views.next_page(org, filters, page_info["endCursor"]) if more else None,
            "views": views,
        }
        return self._render(request, "metrics/register.html", viewer, context, shown)

    async def define(self, request: Request, org: str) -> Response:
        form = await self._submission(request, "define")
        variables = {"organisationId": org, **_definition(form)}
        redisplay = partial(self._register, request, org)
        return await self._submit(
            request, form, DEFINE, variables, redisplay, f"/organisations/{org}/metrics", "The metric is defined.",
            DEFINITION,
        )  # fmt: skip

    async def metric(self, request: Request, org: str, metric: str) -> Response:
        return await self._metric(request, org, metric)

    async def _metric(self, request: Request, org: str, metric: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        result = await self.ports.execute(request, ONE, {"id": metric, "org": org})
        data = result.data or {}
        self._note_history(request, data, metric)
        found = data.get("metric") or {}
        if found.get("__typename") != "Metric" or found["organisationId"] != org:
            raise NotInView(found.get("message", "This metric does not exist or is not yours to see."))
        context = {
            "metric": found,
            "org": org,
            "chart": measurement_chart(found["measurements"], found["unit"]),
            "people": views.people_options(data.get("ismsPeople") or []),
            "measurement_options": views.measurement_options(found["measurements"], found["unit"]),
            "views": views,
        }
        return self._render(request, "metrics/metric.html", viewer, context, shown)

    async def revise(self, request: Request, org: str, metric: str) -> Response:
        form = await self._submission(request, "revise")
        variables = {"metricId": metric, **_definition(form)}
        return await self._on(request, org, metric, form, REVISE, variables, "The metric is revised.", DEFINITION)

    async def retire(self, request: Request, org: str, metric: str) -> Response:
        form = await self._submission(request, "retire")
        variables = {"metricId": metric, "reason": form.required("reason")}
        return await self._on(request, org, metric, form, RETIRE, variables, "The metric is retired.", ("reason",))

    async def record(self, request: Request, org: str, metric: str) -> Response:
        form = await self._submission(request, "record")
        variables = {"metricId": metric, "measuredOn": form.day("measuredOn"), "value": views.decimal(form, "value"),
                     "note": form.text("note").strip() or None}  # fmt: skip
        beside = ("measuredOn", "value", "note")
        return await self._on(request, org, metric, form, RECORD, variables, "The measurement is recorded.", beside)

    async def correct(self, request: Request, org: str, metric: str) -> Response:
        form = await self._submission(request, "correct")
        variables = {"metricId": metric, "measurementId": form.required("measurementId"),
                     "value": views.decimal(form, "value"), "reason": form.required("reason"),
                     "note": form.text("note").strip() or None}  # fmt: skip
        says = "The measurement is corrected: its first value stays in the history."
        return await self._on(
            request, org, metric, form, CORRECT, variables, says, ("measurementId", "value", "reason", "note")
        )

    async def _on(
        self,
        request: Request,
        org: str,
        metric: str,
        form: Submission,
        document: str,
        variables: dict[str, Any],
        says: str,
        beside: tuple[str, ...] | None = None,
    ) -> Response:
        redisplay = partial(self._metric, request, org, metric)
        done = f"/organisations/{org}/metrics/{metric}"
        return await self._submit(request, form, document, variables, redisplay, done, says, beside)


def _definition(form: Submission) -> dict[str, Any]:
    return {
        "name": form.required("name"),
        "method": form.required("method"),
        "frequency": form.one_of("frequency", dict(views.FREQUENCIES)),
        "target": views.decimal(form, "target"),
        "direction": form.one_of("direction", dict(views.DIRECTIONS)),
        "unit": form.required("unit"),
        "ownerId": form.required("ownerId"),
        "evaluatorId": form.text("evaluatorId").strip() or None,
        "reference": form.text("reference").strip() or None,
    }
