"""The monthly service report of an organisation's service as files: XLSX and PDF, as the report's page shows it:
the availability, the incidents by severity with the targets they missed, and each incident of the month."""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, LongTable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from backend.exports.naming import one_line
from backend.exports.pdf import _fonts, _styles, _text
from backend.exports.soa import _text_cell
from projections.incidents.rows import IncidentRow, ServiceReportRow

INCIDENT_HEADINGS = ("Reported (UTC)", "Incident", "Severity", "Status", "Restored (UTC)", "Targets missed")
INCIDENT_WIDTHS = (18, 44, 10, 14, 18, 24)


@dataclass(frozen=True)
class IncidentReportFile:
    organisation: str
    consultancy: str
    report: ServiceReportRow

    @property
    def title(self) -> str:
        return f"Service report of {self.report.service}, {self.month}"

    @property
    def month(self) -> str:
        return self.report.month_start.strftime("%Y-%m")

    @property
    def summary(self) -> str:
        r = self.report
        return (
            f"{self.organisation}: available {r.availability_percent:.2f} % of the month "
            f"({r.outage_minutes:g} minutes in critical or high incidents); {r.missed_targets} targets missed."
        )


def _when(row: IncidentRow, restored: bool = False) -> str:
    value = row.recovery_met_at if restored else row.reported_at
    return "" if value is None else value.strftime("%Y-%m-%d %H:%M")


def _incident_cells(row: IncidentRow) -> tuple[str, ...]:
    return (_when(row), row.title, row.severity, row.status, _when(row, True), ", ".join(row.breached))


def incident_report_xlsx(file: IncidentReportFile) -> bytes:
    """Two tables on one sheet: the figures by severity, then the incidents; numbers stored as numbers."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one sheet
    sheet.title = "Service report"
    workbook.properties.title = one_line(file.title)
    _text_cell(sheet, 1, 1, file.title).font = Font(bold=True, size=14)
    _text_cell(sheet, 2, 1, f"Organisation: {file.organisation}")
    _text_cell(sheet, 3, 1, "Availability (%)").font = Font(bold=True)
    sheet.cell(row=3, column=2, value=file.report.availability_percent)
    _text_cell(sheet, 4, 1, "Outage (minutes)").font = Font(bold=True)
    sheet.cell(row=4, column=2, value=file.report.outage_minutes)
    _text_cell(sheet, 5, 1, "Targets missed").font = Font(bold=True)
    sheet.cell(row=5, column=2, value=file.report.missed_targets)
    for index, heading in enumerate(("Severity", "Incidents", "Targets missed"), start=1):
        _text_cell(sheet, 7, index, heading).font = Font(bold=True)
    for number, count in enumerate(file.report.by_severity, start=8):
        _text_cell(sheet, number, 1, count.severity)
        sheet.cell(row=number, column=2, value=count.incidents)
        sheet.cell(row=number, column=3, value=count.missed)
    first = 8 + len(file.report.by_severity) + 1
    for index, (heading, width) in enumerate(zip(INCIDENT_HEADINGS, INCIDENT_WIDTHS, strict=True), start=1):
        _text_cell(sheet, first, index, heading).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
    for number, row in enumerate(file.report.incidents, start=first + 1):
        for index, value in enumerate(_incident_cells(row), start=1):
            _text_cell(sheet, number, index, value)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def incident_report_pdf(file: IncidentReportFile) -> bytes:
    regular, bold = _fonts()
    styles = _styles(regular, bold)
    output = io.BytesIO()
    document = SimpleDocTemplate(
        output, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm
    )
    document.title = one_line(file.title)
    document.author = one_line(file.consultancy)
    document.subject = one_line(file.organisation)
    cell = ParagraphStyle("cell", fontName=regular, fontSize=8, leading=10)
    head = ParagraphStyle("head", parent=cell, fontName=bold)
    style = TableStyle([
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ])  # fmt: skip
    figures = [[Paragraph(h, head) for h in ("Severity", "Incidents", "Targets missed")]]
    figures += [[Paragraph(_text(c.severity), cell), str(c.incidents), str(c.missed)] for c in file.report.by_severity]
    by_severity = Table(figures, colWidths=(40 * mm, 30 * mm, 30 * mm), hAlign="LEFT")
    by_severity.setStyle(style)
    story: list[Flowable] = [Paragraph(_text(file.title), styles["Title"])]
    story += [Paragraph(_text(file.summary), styles["Normal"]), Spacer(1, 4 * mm), by_severity, Spacer(1, 6 * mm)]
    story.append(Paragraph("Incidents", styles["Heading2"]))
    rows = [[Paragraph(_text(h), head) for h in INCIDENT_HEADINGS]]
    rows += [[Paragraph(_text(v), cell) for v in _incident_cells(r)] for r in file.report.incidents]
    width = A4[0] - 30 * mm
    shares = (0.16, 0.34, 0.1, 0.12, 0.16, 0.12)
    incidents = LongTable(rows, colWidths=[width * s for s in shares], repeatRows=1)
    incidents.setStyle(style)
    story.append(incidents if file.report.incidents else Paragraph("No incidents this month.", styles["Normal"]))
    document.build(story)
    return output.getvalue()
