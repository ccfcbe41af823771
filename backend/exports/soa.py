"""An approved version of a Statement of Applicability as files: XLSX, PDF and OSCAL-style JSON.

Each file is stamped with the version's number, its approval date and its approver, and lists every control of the
version's catalogue with its decision as frozen at submission. The JSON's shape is described in
`docs/soa-exports.md`.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid5

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from backend.exports.naming import one_line
from backend.exports.pdf import _fonts, _styles, _text
from domain.catalogues.catalogue import Catalogue
from projections.soa.rows import ControlRow, VersionRow

OSCAL_VERSION = "1.1.2"
NAMESPACE = "https://cordee.eu/ns/soa"
HEADINGS = ("Control", "Title", "Theme or domain", "Applicable", "Reasons", "Implementation", "Justification",
            "Evidence")  # fmt: skip
WIDTHS = (10, 40, 22, 12, 30, 14, 60, 40)


@dataclass(frozen=True)
class SoaFile:
    """What every file of an approved version holds."""

    organisation_id: UUID
    organisation: str
    consultancy: str
    catalogue: Catalogue
    version: VersionRow
    controls: list[ControlRow]

    @property
    def approved_on(self) -> str:
        return self.version.approved_at.date().isoformat() if self.version.approved_at else ""

    @property
    def stamp(self) -> str:
        """The line every file carries: which version, approved when and by whom."""
        return (
            f"Version {self.version.number}, approved on {self.approved_on} by {self.version.approved_by or ''}; "
            f"catalogue {self.catalogue.edition} ({self.catalogue.id}, version {self.version.catalogue_version})"
        )


def _applicable(row: ControlRow) -> str:
    return "Not decided" if row.applicable is None else ("Yes" if row.applicable else "No")


def _words(value: str | None) -> str:
    return (value or "").replace("_", " ")


def _cells(file: SoaFile, row: ControlRow) -> tuple[str, ...]:
    group = file.catalogue.group(row.group_id)
    return (
        row.control_id, row.title, group.title if group else row.group_id, _applicable(row),
        ", ".join(_words(r) for r in row.reasons), _words(row.implementation), row.justification or "",
        ", ".join(e.title for e in row.evidence),
    )  # fmt: skip


def soa_xlsx(file: SoaFile) -> bytes:
    """One sheet: the stamp above the table, the header in bold and frozen; every text stored as text."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one sheet
    sheet.title = "Statement of Applicability"
    workbook.properties.title = f"Statement of Applicability of {one_line(file.organisation)}"
    workbook.properties.version = str(file.version.number)
    _text_cell(sheet, 1, 1, f"Statement of Applicability of {file.organisation}").font = Font(bold=True, size=14)
    _text_cell(sheet, 2, 1, file.stamp)
    _text_cell(sheet, 3, 1, f"Consultancy: {file.consultancy}")
    for index, (heading, width) in enumerate(zip(HEADINGS, WIDTHS, strict=True), start=1):
        _text_cell(sheet, 5, index, heading).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
    for number, row in enumerate(file.controls, start=6):
        for index, value in enumerate(_cells(file, row), start=1):
            _text_cell(sheet, number, index, value).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A6"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _text_cell(sheet: Worksheet, row: int, column: int, value: str) -> Cell:
    cell = sheet.cell(row=row, column=column)
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.data_type = "s"  # text, even when it starts with "=": never a formula
    return cell


def soa_pdf(file: SoaFile) -> bytes:
    regular, bold = _fonts()
    styles = _styles(regular, bold)
    output = io.BytesIO()
    page = landscape(A4)
    document = SimpleDocTemplate(
        output, pagesize=page, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=12 * mm
    )
    document.title = f"Statement of Applicability of {one_line(file.organisation)}"
    document.author = one_line(file.consultancy)
    document.subject = one_line(file.stamp)
    story: list[Flowable] = [Paragraph(_text(document.title), styles["Title"])]
    story += [Paragraph(_text(file.stamp), styles["Normal"]), Spacer(1, 4 * mm)]
    story.append(_table(file, regular, bold, page[0] - 24 * mm))
    document.build(story)
    return output.getvalue()


def _table(file: SoaFile, regular: str, bold: str, width: float) -> LongTable:
    cell = ParagraphStyle("cell", fontName=regular, fontSize=7.5, leading=9)
    head = ParagraphStyle("head", parent=cell, fontName=bold)
    shares = (0.06, 0.18, 0.1, 0.06, 0.1, 0.08, 0.28, 0.14)
    rows = [[Paragraph(_text(h), head) for h in HEADINGS]]
    rows += [[Paragraph(_text(value), cell) for value in _cells(file, row)] for row in file.controls]
    table = LongTable(rows, colWidths=[width * share for share in shares], repeatRows=1)
    table.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))  # fmt: skip
    return table


def soa_oscal(file: SoaFile) -> bytes:
    """An OSCAL-style component definition: one component (the organisation) implementing the catalogue's
    controls, each with its applicability, reasons, implementation status and justification. Ids are derived from
    the organisation, the version and the control, so the same version always gives the same file."""
    root = uuid5(file.organisation_id, f"soa:{file.version.number}")
    approved = file.version.approved_at or datetime.min
    document = {
        "component-definition": {
            "uuid": str(root),
            "metadata": {
                "title": f"Statement of Applicability of {file.organisation}",
                "last-modified": approved.isoformat(),
                "version": str(file.version.number),
                "oscal-version": OSCAL_VERSION,
                "props": [
                    _prop("approved-by", file.version.approved_by or ""),
                    _prop("approved-on", file.approved_on),
                    _prop("catalogue", file.catalogue.id),
                    _prop("catalogue-version", file.version.catalogue_version),
                ],
                "parties": [{"uuid": str(uuid5(root, "party")), "type": "organization", "name": file.organisation}],
            },
            "components": [_component(file, root)],
        }
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _component(file: SoaFile, root: UUID) -> dict[str, object]:
    return {
        "uuid": str(uuid5(root, "component")),
        "type": "this-system",
        "title": file.organisation,
        "description": f"The ISMS of {file.organisation}, as its Statement of Applicability decides Annex A.",
        "control-implementations": [
            {
                "uuid": str(uuid5(root, "implementation")),
                "source": f"cordee:catalogue:{file.catalogue.id}@{file.version.catalogue_version}",
                "description": file.stamp,
                "implemented-requirements": [_requirement(row, root) for row in file.controls],
            }
        ],
    }


def _requirement(row: ControlRow, root: UUID) -> dict[str, object]:
    state = "undecided" if row.applicable is None else (row.implementation if row.applicable else "not-applicable")
    props = [_prop("applicable", _applicable(row).lower()), _prop("implementation-status", state or "")]
    props += [_prop("inclusion-reason", reason) for reason in row.reasons]
    requirement: dict[str, object] = {
        "uuid": str(uuid5(root, f"control:{row.control_id}")),
        "control-id": row.control_id,
        "description": row.justification or "",
        "props": props,
    }
    if row.evidence:
        requirement["links"] = [
            {"href": f"cordee:document:{e.document_id}", "rel": "evidence", "text": e.title} for e in row.evidence
        ]
    return requirement


def _prop(name: str, value: str) -> dict[str, str]:
    return {"name": name, "ns": NAMESPACE, "value": value}
