"""A management review's minutes as files: XLSX and PDF.

Both carry what the review kept: its date, chair and attendees, the inputs as gathered (with the day they were
read), the opportunities noted, each decision with how it was reached and the resources committed, and the actions
with their owners, due dates and status as they stand. A review not yet closed is marked as a draft of the minutes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from backend.exports.naming import one_line
from backend.exports.pdf import _fonts, _styles, _text
from backend.exports.soa import _text_cell
from domain.reviews.rules import is_overdue
from projections.reviews.rows import ActionRow, ReviewDetail


@dataclass(frozen=True)
class MinutesFile:
    organisation: str
    consultancy: str
    detail: ReviewDetail
    today: date

    @property
    def title(self) -> str:
        return f"Management review of {self.organisation}, {self.detail.review.held_on.isoformat()}"

    @property
    def stamp(self) -> str:
        review = self.detail.review
        closed = review.closed_at.date().isoformat() if review.closed_at else None
        state = f"Minutes approved on {closed}" if closed else f"Draft minutes: the review is {review.status}"
        gathered = review.gathered_on.isoformat() if review.gathered_on else "not yet"
        return f"{state}. Inputs gathered from the registers on {gathered}."

    def heading_lines(self) -> list[str]:
        review = self.detail.review
        return [self.stamp, f"Chair: {review.chair}", f"Attendees: {', '.join(review.attendees)}"]


def _action_line(action: ActionRow, today: date) -> str:
    late = " (overdue)" if is_overdue(action.status, action.due_on, today) else ""
    note = f"; {action.note}" if action.note else ""
    return (
        f"{action.title}: {action.owner}, due {action.due_on.isoformat()}, "
        f"{action.status.replace('_', ' ')}{late}{note}"
    )


def _sections(file: MinutesFile) -> list[tuple[str, list[str]]]:
    """The minutes as headed lists of lines, in the order both files give them."""
    detail = file.detail
    parts = [(f"Input: {i.title}", list(i.lines)) for i in detail.inputs]
    parts.append(("Opportunities for improvement", list(detail.opportunities) or ["None noted."]))
    for d in detail.decisions:
        lines = [d.text, f"How it was reached: {d.how_reached}", f"Resources committed: {d.resources}"]
        if d.correction_reason:
            lines.append(f"Corrected after closing: {d.correction_reason}")
        lines += [f"Action: {_action_line(a, file.today)}" for a in detail.actions if a.decision == d.number]
        parts.append((f"Decision {d.number}", lines))
    return parts


def minutes_xlsx(file: MinutesFile) -> bytes:
    """One sheet: the heading, then each part's title in bold and its lines below, every text stored as text."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one sheet
    sheet.title = "Management review"
    workbook.properties.title = one_line(file.title)
    sheet.column_dimensions["A"].width = 120
    _text_cell(sheet, 1, 1, file.title).font = Font(bold=True, size=14)
    row = 2
    for line in file.heading_lines():
        _text_cell(sheet, row, 1, line)
        row += 1
    for heading, lines in _sections(file):
        row += 1
        _text_cell(sheet, row, 1, heading).font = Font(bold=True)
        for line in lines:
            row += 1
            _text_cell(sheet, row, 1, line).alignment = Alignment(wrap_text=True, vertical="top")
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def minutes_pdf(file: MinutesFile) -> bytes:
    regular, bold = _fonts()
    styles = _styles(regular, bold)
    output = io.BytesIO()
    document = SimpleDocTemplate(
        output, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm
    )
    document.title = one_line(file.title)
    document.author = one_line(file.consultancy)
    document.subject = one_line(file.stamp)
    story: list[Flowable] = [Paragraph(_text(file.title), styles["Title"])]
    story += [Paragraph(_text(line), styles["Normal"]) for line in file.heading_lines()]
    for heading, lines in _sections(file):
        story += [Spacer(1, 3 * mm), Paragraph(_text(heading), styles["Heading2"])]
        story += [Paragraph(_text(line), styles["Normal"]) for line in lines]
    document.build(story)
    return output.getvalue()
