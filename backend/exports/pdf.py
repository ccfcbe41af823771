"""The effort report as a PDF for funders: a title block, the table, the chart and what the figures mean.

The chart is drawn by reportlab's own charts: a stacked bar per member (gap analysis, training attended, coaching)
beside a bar of the single-organisation baseline. Text is set in DejaVu Sans when the system has it (any Latin,
Greek or Cyrillic name), else in Helvetica.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from backend.exports.effort import EffortReportFile, effort_sheet, what_the_figures_mean
from backend.exports.naming import one_line
from backend.exports.spreadsheet import Cell

FONTS = Path("/usr/share/fonts/truetype/dejavu")
SERIES = (
    ("Gap analysis", colors.HexColor("#1f6f8b")),
    ("Training attended", colors.HexColor("#99a8b2")),
    ("Coaching", colors.HexColor("#e6a157")),
    ("Single-organisation baseline", colors.HexColor("#5b5b5b")),
)
WIDTH = A4[0] - 40 * mm


def effort_pdf(report: EffortReportFile) -> bytes:
    regular, bold = _fonts()
    styles = _styles(regular, bold)
    output = io.BytesIO()
    document = SimpleDocTemplate(
        output, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=18 * mm
    )
    document.title = f"Effort of {one_line(report.cluster)}"
    document.author = one_line(report.consultancy)
    story: list[Flowable] = [Paragraph(_text(document.title), styles["Title"])]
    story += [Paragraph(_text(line), styles["Normal"]) for line in _title_lines(report)]
    story += [Spacer(1, 6 * mm), _table(report, regular, bold), Spacer(1, 8 * mm)]
    story += [Paragraph("Days per member", styles["Heading2"]), effort_chart(report, regular), Spacer(1, 6 * mm)]
    story += [Paragraph("What the figures mean", styles["Heading2"])]
    story += [Paragraph(_text(note), styles["Normal"]) for note in what_the_figures_mean(report.figures)]
    document.build(story)
    return output.getvalue()


def _title_lines(report: EffortReportFile) -> list[str]:
    starts, ends = report.period
    period = f"{_day(starts)} to {_day(ends)}" if starts and ends else "not planned yet"
    return [
        f"Cluster: {report.cluster}",
        f"Consultancy: {report.consultancy}",
        f"Coach: {report.coach}",
        f"Period: {period}",
        f"Produced on {_day(report.produced_on)}",
    ]


def _table(report: EffortReportFile, regular: str, bold: str) -> Table:
    sheet = effort_sheet(report)
    cell = ParagraphStyle("cell", fontName=regular, fontSize=9, leading=11)
    head = ParagraphStyle("head", parent=cell, fontName=bold)
    rows = [[Paragraph(_text(column.heading), head) for column in sheet.columns]]
    for index, row in enumerate(sheet.rows):
        percent = (index, 4) in sheet.formats
        rows.append([Paragraph(_text(_shown(value, percent)), cell) for value in row])
    table = Table(rows, colWidths=[WIDTH * 0.36] + [WIDTH * 0.16] * 4, repeatRows=1)
    members = len(report.figures.members)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, members), (-1, members), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                *[("SPAN", (0, row), (3, row)) for row in range(members + 1, len(rows))],
            ]
        )
    )
    return table


def effort_chart(report: EffortReportFile, font: str = "Helvetica") -> Drawing:
    """Stacked bars of each member's days, and the baseline as a bar of its own beside them."""
    figures = report.figures
    members = figures.members
    baseline = figures.baseline_days or 0.0
    drawing = Drawing(WIDTH, 95 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 30 * mm, WIDTH - 20 * mm, 55 * mm
    chart.data = [
        [m.gap_analysis_days for m in members] + [0.0],
        [m.training_days_attended for m in members] + [0.0],
        [m.coaching_days for m in members] + [0.0],
        [0.0] * len(members) + [baseline],
    ]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = [_short(m.organisation_name) for m in members] + ["Baseline"]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 20
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.valueAxis.valueMin = 0
    for index, (_, colour) in enumerate(SERIES):
        chart.bars[index].fillColor = colour
    drawing.add(chart)
    drawing.add(_legend(font))
    drawing.add(String(0, 88 * mm, "Days", fontName=font, fontSize=8))
    return drawing


def _legend(font: str) -> Legend:
    legend = Legend()
    legend.x, legend.y = 12 * mm, 14 * mm  # the top of the legend: its rows go down from here
    legend.columnMaximum, legend.fontName, legend.fontSize = 2, font, 8
    legend.alignment = "right"
    legend.colorNamePairs = [(colour, label) for label, colour in SERIES]
    return legend


def _shown(value: Cell, percent: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1%}" if percent else f"{value:g}"
    return str(value)


def _short(name: str) -> str:
    name = one_line(name)
    return name if len(name) <= 24 else name[:23] + "…"


def _day(day: date | None) -> str:
    return day.isoformat() if day else "—"


def _text(text: str) -> str:
    """Text as a paragraph reads it: its markup characters escaped, on one line."""
    return escape(one_line(text))


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    sample = getSampleStyleSheet()
    return {
        "Title": ParagraphStyle("title", parent=sample["Title"], fontName=bold, alignment=0),
        "Heading2": ParagraphStyle("h2", parent=sample["Heading2"], fontName=bold),
        "Normal": ParagraphStyle("normal", parent=sample["Normal"], fontName=regular, spaceAfter=2),
    }


def _fonts() -> tuple[str, str]:
    """The regular and bold font names, registered once."""
    if "CordeeSans" in pdfmetrics.getRegisteredFontNames():
        return "CordeeSans", "CordeeSans-Bold"
    regular, bold = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
    if not (regular.is_file() and bold.is_file()):
        return "Helvetica", "Helvetica-Bold"
    pdfmetrics.registerFont(TTFont("CordeeSans", str(regular)))
    pdfmetrics.registerFont(TTFont("CordeeSans-Bold", str(bold)))
    return "CordeeSans", "CordeeSans-Bold"
