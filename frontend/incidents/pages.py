"""The incident register: the list with its filters, an incident's page with its timeline and forms, the service
levels, the monthly service report and the monitoring tokens."""

from __future__ import annotations

from functools import partial
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from frontend.incidents import views
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.listing import read_listing
from frontend.site.page import NotInView, PageBase

REGISTERS = graphql_document(__file__, "registers")
INCIDENTS = graphql_document(__file__, "incidents")
INCIDENT = graphql_document(__file__, "incident")
REPORT = graphql_document(__file__, "report_incident")
LINK = graphql_document(__file__, "link_incident")
LINK_CHOICES = graphql_document(__file__, "link_choices")
ACKNOWLEDGE = graphql_document(__file__, "acknowledge_incident")
ESCALATE = graphql_document(__file__, "escalate_incident")
RESTORE = graphql_document(__file__, "restore_incident")
CLOSE = graphql_document(__file__, "close_incident")
OPEN_NONCONFORMITY = graphql_document(__file__, "raise_nonconformity_from_incident")
SERVICE_LEVELS = graphql_document(__file__, "service_levels")
AGREE = graphql_document(__file__, "agree_service_levels")
SERVICE_REPORT = graphql_document(__file__, "service_report")
TOKENS = graphql_document(__file__, "monitoring_tokens")
ISSUE = graphql_document(__file__, "issue_monitoring_token")
REVOKE = graphql_document(__file__, "revoke_monitoring_token")
TARGET_FIELDS = ("reaction", "escalation", "recovery")


class IncidentPages(PageBase):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        add, register = self.router.add_api_route, "/organisations/{org}/incidents"
        add("/incidents", self.registers, methods=["GET"])
        add(register, self.register, methods=["GET"])
        add(register, self.report, methods=["POST"])
        add(f"{register}/monthly-report", self.monthly_report, methods=["GET"])
        add("/organisations/{org}/service-levels", self.service_levels, methods=["GET"])
        add("/organisations/{org}/service-levels", self.agree, methods=["POST"])
        add("/organisations/{org}/monitoring-tokens", self.tokens, methods=["GET"])
        add("/organisations/{org}/monitoring-tokens", self.issue, methods=["POST"])
        add("/organisations/{org}/monitoring-tokens/{token_id}/revoke", self.revoke, methods=["POST"])
        add(f"{register}/{{incident_id}}", self.incident, methods=["GET"])
        for action in ("acknowledge", "escalate", "restore", "close", "link", "lessons"):
            add(f"{register}/{{incident_id}}/{action}", getattr(self, action), methods=["POST"])

    async def registers(self, request: Request) -> Response:
        """A member goes to its own register; a coach or an admin chooses among the organisations in view."""
        viewer = self._viewer(request)
        if viewer.organisation_id:
            return RedirectResponse(f"/organisations/{viewer.organisation_id}/incidents", status_code=303)
        data = await self._query(request, REGISTERS, {})
        context = {"organisations": data.get("organisations", [])}
        return self._render(request, "incidents/registers.html", viewer, context)

    async def register(self, request: Request, org: str) -> Response:
        return await self._register(request, org)

    async def _register(self, request: Request, org: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        listing = await read_listing(
            self.ports, request, INCIDENTS, views.list_filters, partial(views.list_variables, org)
        )
        path, filters = f"/organisations/{org}/incidents", listing.filters
        context = {
            "organisation": listing.organisation,
            "incidents": listing.data.get("incidents"),
            "services": listing.data.get("incidentServices") or [],
            "filters": filters,
            "filter_error": listing.filter_error,
            "next_page": listing.next_page("incidents", partial(views.next_page, path, filters)),
            "views": views,
        }
        return self._render(request, "incidents/register.html", viewer, context, shown)

    async def report(self, request: Request, org: str) -> Response:
        form = await self._submission(request, "report")
        variables = {
            "organisationId": org,
            "title": form.required("title"),
            "service": form.required("service"),
            "severity": form.one_of("severity", dict(views.SEVERITIES)),
            "reportedAt": _time(form, "reportedAt"),
            "description": form.text("description").strip() or None,
        }
        says = f"{form.text('title').strip()} is reported; its targets run from the time it was reported."
        redisplay = partial(self._register, request, org)
        return await self._submit(request, form, REPORT, variables, redisplay, f"/organisations/{org}/incidents", says)

    async def incident(self, request: Request, org: str, incident_id: str) -> Response:
        return await self._incident(request, org, incident_id)

    async def _incident(self, request: Request, org: str, incident_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, INCIDENT, {"id": incident_id})
        incident = data.get("incident") or {}
        if incident.get("__typename") != "Incident" or incident["organisationId"] != org:
            raise NotInView(incident.get("message", "This incident does not exist or is not yours to see."))
        choices: dict[str, Any] = {}
        if incident["viewerCan"]["link"] or incident["assetIds"] or incident["riskIds"]:
            choices = await self._query(request, LINK_CHOICES, {"org": org})
        context = {
            "incident": incident,
            "org": org,
            "views": views,
            "asset_names": views.names_of(choices, "assets", "name"),
            "risk_names": views.names_of(choices, "risks", "title"),
            "ticked": _ticked(incident, shown),
        }
        return self._render(request, "incidents/incident.html", viewer, context, shown)

    async def acknowledge(self, request: Request, org: str, incident_id: str) -> Response:
        form = await self._submission(request, "acknowledge")
        variables = {"incidentId": incident_id, "at": _time(form, "at"), "note": form.text("note").strip() or None}
        return await self._on_incident(request, org, incident_id, form, ACKNOWLEDGE, variables, "Acknowledged.")

    async def escalate(self, request: Request, org: str, incident_id: str) -> Response:
        form = await self._submission(request, "escalate")
        variables = {
            "incidentId": incident_id,
            "level": form.one_of("level", dict(views.LEVELS)),
            "handledBy": form.required("handledBy"),
            "at": _time(form, "at"),
            "note": form.text("note").strip() or None,
        }
        says = f"Escalated to {form.text('handledBy').strip()}."
        return await self._on_incident(request, org, incident_id, form, ESCALATE, variables, says)

    async def restore(self, request: Request, org: str, incident_id: str) -> Response:
        form = await self._submission(request, "restore")
        variables = {"incidentId": incident_id, "at": _time(form, "at"), "note": form.text("note").strip() or None}
        says = "The service is restored; close the incident with its lessons."
        return await self._on_incident(request, org, incident_id, form, RESTORE, variables, says)

    async def close(self, request: Request, org: str, incident_id: str) -> Response:
        form = await self._submission(request, "close")
        variables = {
            "incidentId": incident_id,
            "at": _time(form, "at"),
            "lessonsLearned": form.required("lessonsLearned"),
        }
        return await self._on_incident(request, org, incident_id, form, CLOSE, variables, "The incident is closed.")

    async def link(self, request: Request, org: str, incident_id: str) -> Response:
        """The assets and risks ticked replace the earlier list; the API checks each is the organisation's."""
        form = await self._submission(request, "link")
        variables = {
            "incidentId": incident_id,
            "assetIds": views.picked(form.fields, "asset"),
            "riskIds": views.picked(form.fields, "risk"),
        }
        redisplay = partial(self._incident, request, org, incident_id)
        done = f"/organisations/{org}/incidents/{incident_id}"
        says = "The incident's assets and risks are saved."
        return await self._submit(request, form, LINK, variables, redisplay, done, says, ("assetIds", "riskIds"))

    async def lessons(self, request: Request, org: str, incident_id: str) -> Response:
        """A closed incident's lessons open a nonconformity; on success its page says so, with a link back."""
        form = await self._submission(request, "lessons")
        variables = {
            "incidentId": incident_id,
            "title": form.required("title"),
            "severity": form.one_of("severity", dict(views.NONCONFORMITY_SEVERITIES)),
            "description": form.text("description").strip() or None,
        }
        beside = ("title", "severity", "description")
        outcome = await self._mutate(request, OPEN_NONCONFORMITY, variables, form.errors, fields=beside)
        if form.errors:
            return await self._incident(request, org, incident_id, form.refused())
        opened = outcome["nonconformity"]
        says = "The nonconformity is opened from the incident's lessons learned."
        return self._done(request, f"/organisations/{opened['organisationId']}/nonconformities/{opened['id']}", says)

    async def _on_incident(
        self,
        request: Request,
        org: str,
        incident_id: str,
        form: Any,
        document: str,
        variables: dict[str, Any],
        says: str,
    ) -> Response:
        redisplay = partial(self._incident, request, org, incident_id)
        done = f"/organisations/{org}/incidents/{incident_id}"
        return await self._submit(request, form, document, variables, redisplay, done, says)

    async def service_levels(self, request: Request, org: str) -> Response:
        return await self._service_levels(request, org)

    async def _service_levels(self, request: Request, org: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, SERVICE_LEVELS, {"org": org})
        levels = data.get("serviceLevels")
        current = {t["severity"]: t for t in (levels or {}).get("targets", [])}
        context = {
            "organisation": _organisation(data),
            "levels": levels,
            "current": current,
            "may_agree": ((data.get("incidents") or {}).get("viewerCan") or {}).get("agreeServiceLevels"),
            "views": views,
        }
        return self._render(request, "incidents/service_levels.html", viewer, context, shown)

    async def agree(self, request: Request, org: str) -> Response:
        form = await self._submission(request, "agree")
        targets = [
            {"severity": severity} | {f"{t}Minutes": form.number(f"{severity}-{t}") for t in TARGET_FIELDS}
            for severity, _ in views.SEVERITIES
        ]
        variables = {"organisationId": org, "targets": targets, "reason": form.text("reason").strip() or None}
        says = "The service levels are agreed: incidents reported from now on are measured against them."
        redisplay = partial(self._service_levels, request, org)
        done = f"/organisations/{org}/service-levels"
        return await self._submit(request, form, AGREE, variables, redisplay, done, says)

    async def monthly_report(self, request: Request, org: str) -> Response:
        viewer = self._viewer(request)
        month = request.query_params.get("month", "").strip() or views.this_month()
        service = request.query_params.get("service", "").strip()
        after = request.query_params.get("after", "").strip() or None
        result = await self.ports.execute(
            request, SERVICE_REPORT, {"org": org, "service": service or "-", "month": month, "after": after}
        )
        problem = None
        if result.errors:  # a refused month or cursor empties the whole answer: the page is read again without them
            problem = result.errors[0]["message"]
            blank = {"org": org, "service": "-", "month": views.this_month(), "after": None}
            result = await self.ports.execute(request, SERVICE_REPORT, blank)
        data = result.data or {}
        organisation = _organisation(data)
        services = data.get("incidentServices") or []
        if not service and services and not problem:  # the first service by name, until one is chosen
            service = services[0]
            variables = {"org": org, "service": service, "month": month}
            result = await self.ports.execute(request, SERVICE_REPORT, variables)
            data = result.data or data
        if result.errors and service and not problem:
            problem = result.errors[0]["message"]
        report = data.get("serviceReport") if service and not problem else None
        next_page = None
        if report and report["incidents"]["pageInfo"]["hasNextPage"]:
            cursor = report["incidents"]["pageInfo"]["endCursor"]
            query = urlencode({"service": service, "month": month, "after": cursor})
            next_page = f"/organisations/{org}/incidents/monthly-report?{query}"
        context = {
            "organisation": organisation,
            "services": services,
            "service": service,
            "month": month,
            "report": report,
            "problem": problem,
            "next_page": next_page,
            "later_page": after is not None,
            "views": views,
        }
        return self._render(request, "incidents/monthly_report.html", viewer, context)

    async def tokens(self, request: Request, org: str) -> Response:
        return await self._tokens(request, org)

    async def _tokens(
        self, request: Request, org: str, shown: FormState = UNTOUCHED, issued: dict[str, Any] | None = None
    ) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, TOKENS, {"org": org})
        context = {
            "organisation": _organisation(data),
            "tokens": data.get("monitoringTokens") or [],
            "may_manage": ((data.get("incidents") or {}).get("viewerCan") or {}).get("manageMonitoringTokens"),
            "issued": issued,
            "views": views,
        }
        return self._render(request, "incidents/monitoring_tokens.html", viewer, context, shown)

    async def issue(self, request: Request, org: str) -> Response:
        """The secret is shown on the answer to this form, once: no redirect, nothing kept to show it again."""
        form = await self._submission(request, "issue")
        variables = {"organisationId": org, "label": form.required("label")}
        outcome = await self._mutate(request, ISSUE, variables, form.errors)
        if form.errors:
            return await self._tokens(request, org, form.refused())
        response = await self._tokens(request, org, issued=outcome)
        response.headers["Cache-Control"] = "no-store"
        return response

    async def revoke(self, request: Request, org: str, token_id: str) -> Response:
        form = await self._submission(request, "revoke")
        variables = {"organisationId": org, "tokenId": token_id}
        says = "The token is revoked: alerts sent with it are refused from now on."
        redisplay = partial(self._tokens, request, org)
        done = f"/organisations/{org}/monitoring-tokens"
        return await self._submit(request, form, REVOKE, variables, redisplay, done, says, ())


def _ticked(incident: dict[str, Any], shown: FormState) -> set[str]:
    """The link form's boxes to tick: as posted when it was refused, otherwise the incident's links."""
    posted = {name.removeprefix("link-") for name in shown.values if name.startswith("link-")}
    if posted or any(name.startswith("link-") for name in shown.errors):
        return posted
    return {f"asset-{i}" for i in incident["assetIds"]} | {f"risk-{i}" for i in incident["riskIds"]}


def _time(form: Submission, name: str) -> str | None:
    """A time of the timeline as entered (datetime-local, in UTC); a value that is not one is refused beside it."""
    try:
        return views.entered_time(form.text(name))
    except ValueError:
        form.errors[name] = "Enter a date and a time, such as 2026-11-30 14:05."
        return None


def _organisation(data: dict[str, Any]) -> dict[str, Any]:
    organisation: dict[str, Any] = data.get("organisation") or {}
    if organisation.get("__typename") != "Organisation":
        raise NotInView(organisation.get("message", "This organisation does not exist or is not yours to see."))
    return organisation
