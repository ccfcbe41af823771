"""An internal audit's report as files: XLSX and PDF, each with the audit's scope, criteria, date, auditor, status
and conclusion above its findings (kind, clause or control, finding, evidence, whether it raised a nonconformity)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from backend.exports.naming import one_line
from backend.exports.pdf import _fonts, _styles, _text
from backend.exports.soa import _text_cell
from projections.audits.rows import AuditRow, FindingRow

HEADINGS = ("Kind", "Clause or control", "Finding", "Evidence", "Nonconformity raised")
WIDTHS = (24, 16, 50, 50, 14)
KIND_NAMES = {
    "major_nonconformity": "Major nonconformity",
    "minor_nonconformity": "Minor nonconformity",
    "observation": "Observation",
    "opportunity": "Opportunity for improvement",
}


@dataclass(frozen=True)
class AuditReport:
    organisation: str
    consultancy: str
    audit: AuditRow
    findings: list[FindingRow]

    @property
    def title(self) -> str:
        return f"Internal audit report: {self.audit.title}"

    def facts(self) -> list[tuple[str, str]]:
        audit = self.audit
        held = f"completed, held on {audit.held_on.isoformat()}" if audit.held_on else "planned, not yet completed"
        return [
            ("Organisation", self.organisation),
            ("Programme", str(audit.year)),
            ("Areas audited", audit.scope),
            ("Criteria", audit.criteria),
            ("Planned on", audit.planned_on.isoformat()),
            ("Auditor", audit.auditor_name or ""),
            ("Status", held),
            ("Conclusion", audit.conclusion or ""),
        ]


def _cells(row: FindingRow) -> tuple[str, ...]:
    raised = "Yes" if row.nonconformity_id else "No"
    return (KIND_NAMES.get(row.kind, row.kind), row.reference, row.statement, row.evidence, raised)


def audit_report_xlsx(report: AuditReport) -> bytes:
    """One sheet: the audit's facts, then its findings under a bold, frozen header; every text stored as text."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one sheet
    sheet.title = "Audit report"
    workbook.properties.title = one_line(report.title)
    _text_cell(sheet, 1, 1, report.title).font = Font(bold=True, size=14)
    facts = report.facts()
    for number, (name, value) in enumerate(facts, start=2):
        _text_cell(sheet, number, 1, name).font = Font(bold=True)
        _text_cell(sheet, number, 2, value).alignment = Alignment(wrap_text=True, vertical="top")
    header = len(facts) + 3
    for index, (heading, width) in enumerate(zip(HEADINGS, WIDTHS, strict=True), start=1):
        _text_cell(sheet, header, index, heading).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
    for number, row in enumerate(report.findings, start=header + 1):
        for index, value in enumerate(_cells(row), start=1):
            _text_cell(sheet, number, index, value).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = f"A{header + 1}"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def audit_report_pdf(report: AuditReport) -> bytes:
    regular, bold = _fonts()
    styles = _styles(regular, bold)
    output = io.BytesIO()
    document = SimpleDocTemplate(
        output, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm
    )
    document.title = one_line(report.title)
    document.author = one_line(report.consultancy)
    document.subject = one_line(f"{report.organisation}, {report.audit.year}")
    story: list[Flowable] = [Paragraph(_text(report.title), styles["Title"])]
    story += [Paragraph(_text(f"{name}: {value}"), styles["Normal"]) for name, value in report.facts()]
    story += [Spacer(1, 5 * mm), Paragraph("Findings", styles["Heading2"])]
    if report.findings:
        story.append(_table(report, regular, bold, A4[0] - 30 * mm))
    else:
        story.append(Paragraph("No findings recorded.", styles["Normal"]))
    document.build(story)
    return output.getvalue()


def _table(report: AuditReport, regular: str, bold: str, width: float) -> LongTable:
    cell = ParagraphStyle("cell", fontName=regular, fontSize=8, leading=10)
    head = ParagraphStyle("head", parent=cell, fontName=bold)
    shares = (0.16, 0.1, 0.32, 0.32, 0.1)
    rows = [[Paragraph(_text(h), head) for h in HEADINGS]]
    rows += [[Paragraph(_text(value), cell) for value in _cells(row)] for row in report.findings]
    table = LongTable(rows, colWidths=[width * share for share in shares], repeatRows=1)
    table.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))  # fmt: skip
    return table
