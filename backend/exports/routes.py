"""REST downloads: calendar feeds, the effort report, each member's coaching ledger, an organisation's registers and
its auditor's bundles. The principal comes from the session, the rows from the one query layer: a download shows
what the page of the same data shows the viewer, and anything out of view answers 404, as an unknown id does.

A download's reads share one read transaction, as a GraphQL document's do (`Reader.one_transaction`): on PostgreSQL
with row-level security, one of the tenant role with the principal's consultancy set for it alone, so the database
answers no other consultancy's row whatever a query asks (`docs/identity.md`, "Row-level security")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from uuid import UUID

from fastapi import APIRouter, HTTPException, Request, Response

from backend.audit.bundle import BundleRequest, build_bundle
from backend.audit.registers import register_sheets, registers_pdf
from backend.auth.current import principal_from_calendar_key, principal_from_request
from backend.auth.principal import Principal
from backend.exports.audits import AuditReport, audit_report_pdf, audit_report_xlsx
from backend.exports.calendar import ClusterSessions, calendar_of, cluster_calendar
from backend.exports.changes import change_log_sheet
from backend.exports.effort import EffortReportFile, effort_sheet
from backend.exports.incidents import IncidentReportFile, incident_report_pdf, incident_report_xlsx
from backend.exports.ledger import ledger_sheet
from backend.exports.metrics import metrics_xlsx
from backend.exports.naming import content_disposition, one_line
from backend.exports.pdf import effort_pdf
from backend.exports.reviews import MinutesFile, minutes_pdf, minutes_xlsx
from backend.exports.soa import SoaFile, soa_oscal, soa_pdf, soa_xlsx
from backend.exports.spreadsheet import CSV_TYPE, XLSX_TYPE, Sheet, csv_bytes, xlsx_bytes
from backend.graphql.effort.figures import effort_figures
from backend.graphql.incidents.queries import month_bounds
from backend.policy import scope_for
from backend.services import Services
from domain.evidence.bundles import audit_bundles_id
from domain.shared.errors import DomainError
from projections.clusters.rows import ClusterRow
from projections.queries import OrganisationRow, Scope
from projections.soa.catalogue import kept_catalogue

CALENDAR_TYPE = "text/calendar; charset=utf-8"
ZIP_TYPE = "application/zip"
PDF_TYPE = "application/pdf"
SOA_FILES: dict[str, tuple[str, Callable[[SoaFile], bytes]]] = {
    "xlsx": (XLSX_TYPE, soa_xlsx),
    "pdf": (PDF_TYPE, soa_pdf),
    "json": ("application/json", soa_oscal),
}
"""The formats an approved Statement of Applicability downloads in."""
MINUTES_FILES = {"xlsx": (XLSX_TYPE, minutes_xlsx), "pdf": (PDF_TYPE, minutes_pdf)}
"""The formats a management review's minutes download in."""
SPREADSHEETS = {"csv": (CSV_TYPE, csv_bytes), "xlsx": (XLSX_TYPE, xlsx_bytes)}
"""The formats a table downloads in: their media type and how the sheet is written."""


def export_routes(services: Services) -> APIRouter:
    router = APIRouter()

    @router.get("/clusters/{cluster_id}/calendar.ics", include_in_schema=False)
    def cluster_feed(cluster_id: str, request: Request) -> Response:
        """Every session in the viewer's view: all of them for the coach, the shared ones and one's own for a member."""
        return _feed(services, request, cluster_id, None)

    @router.get("/clusters/{cluster_id}/members/{organisation_id}/calendar.ics", include_in_schema=False)
    def member_feed(cluster_id: str, organisation_id: str, request: Request) -> Response:
        """The sessions one member attends: the cluster's training, and its own gap analysis and coaching."""
        return _feed(services, request, cluster_id, organisation_id)

    @router.get("/feeds/{key}.ics", include_in_schema=False)
    def personal_feed(key: str, request: Request) -> Response:
        """Every session the link's owner sees, in all their clusters: for calendar applications, which send no
        cookie. The key is the secret; a regenerated or stopped link answers 404, like one that never existed."""
        principal = principal_from_calendar_key(services, key) if KEY.fullmatch(key) else None
        if principal is None:
            raise HTTPException(status_code=404, detail="No calendar at this address.")
        with services.queries.one_transaction(principal.tenant_id):
            scope = scope_for(principal)
            clusters = services.queries.clusters
            entries = [_sessions_in_view(services, scope, row) for row in clusters.clusters(scope, 500, None)]
        body = calendar_of(f"Cordee: {one_line(principal.display_name)}", entries, request.url.hostname or "cordee")
        return Response(body, media_type=CALENDAR_TYPE, headers={"Cache-Control": "private, no-store"})

    @router.get("/clusters/{cluster_id}/effort.{extension}", include_in_schema=False)
    def effort_download(cluster_id: str, extension: str, request: Request) -> Response:
        """The effort report as the effort page shows it to the viewer: CSV, XLSX, or a PDF with its chart."""
        if extension not in (*SPREADSHEETS, "pdf"):
            raise HTTPException(status_code=404, detail="No such download.")
        with _reading_as_signed_in(services, request) as principal:
            report = _effort_report(services, principal, cluster_id)
        name = f"{report.cluster} - effort.{extension}"
        if extension == "pdf":
            return _download(effort_pdf(report), PDF_TYPE, name)
        return _spreadsheet(effort_sheet(report), extension, name)

    @router.get("/clusters/{cluster_id}/members/{organisation_id}/ledger.{extension}", include_in_schema=False)
    def ledger_download(cluster_id: str, organisation_id: str, extension: str, request: Request) -> Response:
        """One member's coaching ledger, for its coach and for the member itself: never another member's."""
        if extension not in SPREADSHEETS:
            raise HTTPException(status_code=404, detail="No such download.")
        with _reading_as_signed_in(services, request) as principal:
            scope, cluster = _cluster_in_view(services, principal, cluster_id)
            name, member = _member_in_view(services, scope, cluster, organisation_id)
            entries = services.queries.engagement.coaching_half_days(scope, cluster.cluster_id, member)
        return _spreadsheet(ledger_sheet(entries), extension, f"{cluster.name} - {name} - coaching ledger.{extension}")

    @router.get("/organisations/{organisation_id}/soa/versions/{number}/soa.{extension}", include_in_schema=False)
    def soa_download(organisation_id: str, number: int, extension: str, request: Request) -> Response:
        """An approved version of the Statement of Applicability, as its page offers it: XLSX, PDF or OSCAL JSON."""
        if extension not in SOA_FILES:
            raise HTTPException(status_code=404, detail="No such download.")
        with _reading_as_signed_in(services, request) as principal:
            file = _soa_file(services, principal, organisation_id, number)
        media_type, write = SOA_FILES[extension]
        name = f"{file.organisation} - Statement of Applicability v{number}.{extension}"
        return _download(write(file), media_type, name)

    _register_downloads(router, services)
    return router


def _register_downloads(router: APIRouter, services: Services) -> None:
    """The downloads of an organisation's registers (part 2 of the ISMS), each read as its page shows it."""

    @router.get("/organisations/{organisation_id}/changes.{extension}", include_in_schema=False)
    def change_log_download(organisation_id: str, extension: str, request: Request) -> Response:
        """The organisation's whole change log, in the paper's columns, as its log page shows it to the viewer."""
        if extension not in SPREADSHEETS:
            raise HTTPException(status_code=404, detail="No such download.")
        with _reading_as_signed_in(services, request) as principal:
            scope, found = _organisation_in_view(services, principal, organisation_id)
            rows = services.queries.changes.whole_log(scope, found.organisation_id)
        return _spreadsheet(change_log_sheet(rows), extension, f"{found.name} - change log.{extension}")

    @router.get("/organisations/{organisation_id}/metrics.xlsx", include_in_schema=False)
    def metrics_download(organisation_id: str, request: Request) -> Response:
        """The organisation's metrics and every measurement, as its register shows them to the viewer."""
        with _reading_as_signed_in(services, request) as principal:
            scope, found = _organisation_in_view(services, principal, organisation_id)
            queries, key = services.queries.metrics, found.organisation_id
            metrics, taken = queries.all_metrics(scope, key), queries.measurements_of(scope, key)
        content = metrics_xlsx(metrics, taken, services.app.today())
        return _download(content, XLSX_TYPE, f"{found.name} - metrics.xlsx")

    @router.get("/organisations/{organisation_id}/audits/{audit_id}/report.{extension}", include_in_schema=False)
    def audit_report(organisation_id: str, audit_id: str, extension: str, request: Request) -> Response:
        """An internal audit's report, as its page offers it: XLSX or PDF; an audit out of view answers 404."""
        writers = {"xlsx": (XLSX_TYPE, audit_report_xlsx), "pdf": (PDF_TYPE, audit_report_pdf)}
        if extension not in writers:
            raise HTTPException(status_code=404, detail="No such download.")
        with _reading_as_signed_in(services, request) as principal:
            report = _audit_report(services, principal, organisation_id, audit_id)
        media_type, write = writers[extension]
        return _download(write(report), media_type, f"{report.organisation} - {report.audit.title}.{extension}")

    @router.get("/organisations/{organisation_id}/incidents/monthly-report.{extension}", include_in_schema=False)
    def incident_report_download(organisation_id: str, extension: str, request: Request) -> Response:
        """One service's monthly report, as its page shows it to the viewer: XLSX or PDF."""
        writers = {"xlsx": (XLSX_TYPE, incident_report_xlsx), "pdf": (PDF_TYPE, incident_report_pdf)}
        if extension not in writers:
            raise HTTPException(status_code=404, detail="No such download.")
        with _reading_as_signed_in(services, request) as principal:
            file = _incident_report(services, principal, request, organisation_id)
        media_type, write = writers[extension]
        name = f"{file.organisation} - {file.report.service} - service report {file.month}.{extension}"
        return _download(write(file), media_type, name)

    @router.get("/organisations/{organisation_id}/audit-bundles/{number}.zip", include_in_schema=False)
    def audit_bundle_download(organisation_id: str, number: str, request: Request) -> Response:
        """An auditor's bundle exported for the organisation, built now from the log: the same bundle whenever it
        is downloaded, but for the checkpoint signed on its first download when none covered its export yet."""
        body, name = _audit_bundle(services, request, organisation_id, number)
        return _download(body, ZIP_TYPE, name)

    @router.get("/reviews/{review_id}/minutes.{extension}", include_in_schema=False)
    def minutes_download(review_id: str, extension: str, request: Request) -> Response:
        """A management review's minutes, as its page offers them: XLSX or PDF."""
        if extension not in MINUTES_FILES:
            raise HTTPException(status_code=404, detail="No such download.")
        with _reading_as_signed_in(services, request) as principal:
            file = _minutes_file(services, principal, review_id)
        media_type, write = MINUTES_FILES[extension]
        name = f"{file.organisation} - management review {file.detail.review.held_on.isoformat()}.{extension}"
        return _download(write(file), media_type, name)


def _organisation_in_view(
    services: Services, principal: Principal, organisation_id: str
) -> tuple[Scope, OrganisationRow]:
    """The viewer's scope and the organisation with its registers, when in view; else 404, as an unknown id."""
    scope, organisation_key = scope_for(principal), _uuid(organisation_id)
    found = services.queries.organisations.with_registers(scope, organisation_key) if organisation_key else None
    if found is None:
        raise HTTPException(status_code=404, detail="No organisation with this id in your view.")
    return scope, found


def _audit_bundle(services: Services, request: Request, organisation_id: str, given: str) -> tuple[bytes, str]:
    """The bundle's ZIP and file name; an organisation or a bundle out of view answers 404, as a missing one.

    The organisation and the bundle are read as the download's other reads are; the bundle itself is then built by
    the audit log (its leaves, checkpoints and events) and the registers as of a moment (`AsOfModels`), both of
    the services, for the tenant found in view here."""
    with _reading_as_signed_in(services, request) as principal:
        scope, organisation_key = scope_for(principal), _uuid(organisation_id)
        number = int(given) if given.isascii() and given.isdigit() and len(given) < 10 else None
        registers = services.queries.organisations.with_registers
        organisation = registers(scope, organisation_key) if organisation_key and number else None
        evidence = services.queries.evidence
        exported = (
            evidence.audit_bundle(scope, organisation.organisation_id, number) if organisation and number else None
        )
    if organisation is None or exported is None or number is None:
        raise HTTPException(status_code=404, detail="No auditor's bundle of this number in your view.")
    tenant, key, name = scope.tenant_id, organisation.organisation_id, organisation.name

    def registers_as_of(moment: datetime) -> tuple[list[Sheet], bytes]:
        sheets = register_sheets(services.read_store_as_of(tenant, moment), tenant, key)
        return sheets, registers_pdf(
            sheets, f"{one_line(name)}: registers", f"As recorded at {moment:%Y-%m-%d %H:%M:%S} UTC"
        )

    request_ = BundleRequest(
        tenant, key, name, audit_bundles_id(tenant, key), number, exported.window_from, exported.window_to
    )
    body = build_bundle(services.audit, request_, registers_as_of)
    window = f"{exported.window_from.isoformat()} to {exported.window_to.isoformat()}"
    return body, f"{name} - audit bundle {number} ({window}).zip"


def _audit_report(services: Services, principal: Principal, organisation_id: str, audit_id: str) -> AuditReport:
    scope, organisation_key, audit_key = scope_for(principal), _uuid(organisation_id), _uuid(audit_id)
    audit = services.queries.audits.audit(scope, audit_key) if audit_key else None
    organisation = services.queries.organisations.organisation(scope, organisation_key) if organisation_key else None
    if audit is None or organisation is None or audit.organisation_id != organisation.organisation_id:
        raise HTTPException(status_code=404, detail="No audit of this id in your view.")
    consultancy = services.queries.tenancy.consultancy(scope)
    findings = services.queries.audits.findings(scope, audit.audit_id)
    return AuditReport(organisation.name, consultancy.name if consultancy else "", audit, findings)


def _incident_report(
    services: Services, principal: Principal, request: Request, organisation_id: str
) -> IncidentReportFile:
    """The report of `?service=` in `?month=` (YYYY-MM, UTC), of an organisation in the viewer's view only."""
    scope, organisation_key = scope_for(principal), _uuid(organisation_id)
    registers = services.queries.organisations.with_registers
    organisation = registers(scope, organisation_key) if organisation_key else None
    if organisation is None:
        raise HTTPException(status_code=404, detail="No organisation of this id in your view.")
    service = request.query_params.get("service", "").strip()
    try:
        start, end = month_bounds(request.query_params.get("month", ""))
    except DomainError as error:
        raise HTTPException(status_code=422, detail=error.message) from None
    if not service or len(service) > 200:
        raise HTTPException(status_code=422, detail="Name the service, in at most 200 characters.")
    now = datetime.now(UTC)
    report = services.queries.incidents.monthly_report(scope, organisation.organisation_id, service, start, end, now)
    consultancy = services.queries.tenancy.consultancy(scope)
    return IncidentReportFile(organisation.name, consultancy.name if consultancy else "", report)


def _minutes_file(services: Services, principal: Principal, review_id: str) -> MinutesFile:
    """The review in the viewer's view; one out of view answers 404, as a missing one."""
    scope, key = scope_for(principal), _uuid(review_id)
    detail = services.queries.reviews.detail(scope, key) if key else None
    organisation = services.queries.organisations.organisation(scope, detail.review.organisation_id) if detail else None
    if detail is None or organisation is None:
        raise HTTPException(status_code=404, detail="No management review with this id in your view.")
    consultancy = services.queries.tenancy.consultancy(scope)
    return MinutesFile(organisation.name, consultancy.name if consultancy else "", detail, services.app.today())


def _soa_file(services: Services, principal: Principal, organisation_id: str, number: int) -> SoaFile:
    """The approved version in the viewer's view; a draft, a submitted version or one out of view answers 404."""
    scope, organisation_key = scope_for(principal), _uuid(organisation_id)
    organisation = services.queries.organisations.organisation(scope, organisation_key) if organisation_key else None
    versions = services.queries.soa.versions(scope, organisation_key) if organisation and organisation_key else []
    version = next((v for v in versions if v.number == number and v.status == "approved"), None)
    catalogue = (
        kept_catalogue(services.queries.catalogues, scope, version.catalogue_id, version.catalogue_version)
        if version
        else None
    )
    if organisation is None or version is None or catalogue is None:
        raise HTTPException(status_code=404, detail="No approved version of this number in your view.")
    consultancy = services.queries.tenancy.consultancy(scope)
    controls = services.queries.soa.version_controls(scope, organisation.organisation_id, number)
    return SoaFile(
        organisation.organisation_id, organisation.name, consultancy.name if consultancy else "", catalogue, version,
        controls,
    )  # fmt: skip


def _effort_report(services: Services, principal: Principal, cluster_id: str) -> EffortReportFile:
    scope, cluster = _cluster_in_view(services, principal, cluster_id)
    consultancy = services.queries.tenancy.consultancy(scope)
    return EffortReportFile(
        cluster=cluster.name,
        consultancy=consultancy.name if consultancy else "",
        coach=cluster.coach_name,
        period=(cluster.planned_start, cluster.planned_end),
        produced_on=services.app.today(),
        figures=effort_figures(services.queries, scope, cluster.cluster_id),
    )


def _member_in_view(services: Services, scope: Scope, cluster: ClusterRow, organisation_id: str) -> tuple[str, UUID]:
    """The member's name and id, when the viewer sees it: a member sees its own organisation only."""
    member = _uuid(organisation_id)
    names = {
        m.organisation.organisation_id: m.organisation.name
        for m in services.queries.clusters.members(scope, cluster.cluster_id)
    }
    if member is None or member not in names:
        raise HTTPException(status_code=404, detail="No such member in your view.")
    return names[member], member


def _spreadsheet(sheet: Sheet, extension: str, name: str) -> Response:
    media_type, write = SPREADSHEETS[extension]
    return _download(write(sheet), media_type, name)


def _download(body: bytes, media_type: str, name: str) -> Response:
    headers = {"Content-Disposition": content_disposition(name, "attachment"), "Cache-Control": "private, no-store"}
    return Response(body, media_type=media_type, headers=headers)


KEY = re.compile(r"[A-Za-z0-9_-]{43}")
"""A calendar key as `secrets.token_urlsafe(32)` makes it: anything else is not looked up."""


def _sessions_in_view(services: Services, scope: Scope, cluster: ClusterRow) -> ClusterSessions:
    clusters = services.queries.clusters
    names = {m.organisation.organisation_id: m.organisation.name for m in clusters.members(scope, cluster.cluster_id)}
    return ClusterSessions(cluster, clusters.sessions(scope, cluster.cluster_id), names)


def _feed(services: Services, request: Request, cluster_id: str, organisation_id: str | None) -> Response:
    with _reading_as_signed_in(services, request) as principal:
        scope, cluster = _cluster_in_view(services, principal, cluster_id)
        clusters = services.queries.clusters
        members = clusters.members(scope, cluster.cluster_id)
        names = {m.organisation.organisation_id: m.organisation.name for m in members}
        member = _uuid(organisation_id) if organisation_id is not None else None
        if organisation_id is not None and member not in names:
            raise HTTPException(status_code=404, detail="No such member in your view.")
        sessions = [
            s
            for s in clusters.sessions(scope, cluster.cluster_id)
            if s.organisation_id in (None, member or s.organisation_id)
        ]
    body = cluster_calendar(cluster, sessions, names, request.url.hostname or "cordee")
    disposition = content_disposition(f"{cluster.name}.ics")
    return Response(body, media_type=CALENDAR_TYPE, headers={"Content-Disposition": disposition})


@contextmanager
def _reading_as_signed_in(services: Services, request: Request) -> Iterator[Principal]:
    """The request's principal (none answers 401), with every read of the query layer inside in one read
    transaction of the principal's consultancy: on PostgreSQL with row-level security, of the tenant role with that
    consultancy set for it alone, as for a GraphQL document (`OneReadTransaction`)."""
    principal = principal_from_request(services, request)
    if principal is None:
        raise HTTPException(status_code=401, detail="Sign in first.")
    with services.queries.one_transaction(principal.tenant_id):
        yield principal


def _cluster_in_view(services: Services, principal: Principal, cluster_id: str) -> tuple[Scope, ClusterRow]:
    scope, cluster_key = scope_for(principal), _uuid(cluster_id)
    cluster = services.queries.clusters.cluster(scope, cluster_key) if cluster_key else None
    if cluster is None:
        raise HTTPException(status_code=404, detail="No such cluster in your view.")
    return scope, cluster


def _uuid(value: str | None) -> UUID | None:
    try:
        return UUID(str(value))
    except ValueError:
        return None
