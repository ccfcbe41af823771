"""A professional's portfolio as a PDF: every mission the consultancies attested, across consultancies, with exactly
the facts an attestation holds (`domain/labels/missions.py`), and nothing of any client's ISMS.

One table, a mission a row, in the order the missions started; then the totals (missions, days of coaching and of
training, outcomes). Text is set as the other exports set it (`backend/exports/pdf.py`)."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from backend.exports.naming import one_line
from backend.exports.pdf import _fonts, _styles, _text
from domain.labels.missions import MissionFacts

SIZE_BANDS = {
    "micro": "micro (under 10)",
    "small": "small (10 to 49)",
    "medium": "medium (50 to 249)",
    "large": "large (250 or more)",
}
OUTCOMES = {
    "under_way": "under way",
    "isms_established": "ISMS established",
    "certified": "certified",
    "withdrawn": "withdrawn before the end",
}
COLUMNS = ("Consultancy", "Cluster", "Sector", "Size", "From", "To", "Coaching days", "Training days", "Outcome")
WIDTHS = (0.15, 0.16, 0.13, 0.12, 0.08, 0.08, 0.08, 0.08, 0.12)


@dataclass(frozen=True)
class PortfolioFile:
    professional: str
    missions: tuple[MissionFacts, ...]
    produced_on: date

    @property
    def title(self) -> str:
        return f"Coached missions of {one_line(self.professional)}"


def mission_row(mission: MissionFacts) -> tuple[str, ...]:
    """A mission as the portfolio shows it, column by column (`COLUMNS`)."""
    return (
        mission.consultancy,
        mission.cluster,
        mission.sector,
        SIZE_BANDS.get(mission.size_band, mission.size_band),
        mission.started_on.isoformat(),
        mission.ended_on.isoformat() if mission.ended_on else "under way",
        f"{mission.coaching_days:g}",
        f"{mission.training_days:g}",
        OUTCOMES.get(mission.outcome, mission.outcome),
    )


def _counted(count: float, one: str, more: str) -> str:
    """ "1 mission", "2 missions", "0.5 days": the singular for exactly one."""
    return f"{count:g} {one if count == 1 else more}"


def totals(missions: tuple[MissionFacts, ...]) -> list[str]:
    outcomes = Counter(OUTCOMES.get(m.outcome, m.outcome) for m in missions)
    consultancies = len({m.consultancy for m in missions})
    coaching, training = sum(m.coaching_days for m in missions), sum(m.training_days for m in missions)
    return [
        f"{_counted(len(missions), 'mission', 'missions')} for "
        f"{_counted(consultancies, 'consultancy', 'consultancies')}.",
        f"{_counted(coaching, 'day', 'days')} of coaching, {_counted(training, 'day', 'days')} of training.",
        "Outcomes: " + ", ".join(f"{outcome} {count}" for outcome, count in sorted(outcomes.items())) + ".",
    ]


def portfolio_pdf(file: PortfolioFile) -> bytes:
    regular, bold = _fonts()
    styles = _styles(regular, bold)
    output = io.BytesIO()
    page = landscape(A4)
    document = SimpleDocTemplate(
        output, pagesize=page, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm
    )
    document.title = file.title
    document.author = one_line(file.professional)
    story: list[Flowable] = [Paragraph(_text(file.title), styles["Title"])]
    story.append(
        Paragraph(
            _text(f"Produced on {file.produced_on.isoformat()}. Each mission as the consultancy attested it."),
            styles["Normal"],
        )
    )
    missions = tuple(sorted(file.missions, key=lambda m: (m.started_on, m.consultancy, m.cluster)))
    if missions:
        story += [Spacer(1, 5 * mm), _table(missions, page[0] - 30 * mm, regular, bold), Spacer(1, 5 * mm)]
        story += [Paragraph(_text(line), styles["Normal"]) for line in totals(missions)]
    else:
        story.append(Paragraph(_text("No mission has been attested yet."), styles["Normal"]))
    document.build(story)
    return output.getvalue()


def _table(missions: tuple[MissionFacts, ...], width: float, regular: str, bold: str) -> Table:
    cell = ParagraphStyle("cell", fontName=regular, fontSize=8, leading=10)
    head = ParagraphStyle("head", parent=cell, fontName=bold)
    rows = [[Paragraph(_text(column), head) for column in COLUMNS]]
    rows += [[Paragraph(_text(value), cell) for value in mission_row(m)] for m in missions]
    table = Table(rows, colWidths=[width * share for share in WIDTHS], repeatRows=1)
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table
