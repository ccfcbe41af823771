"""The effort report as a table: a row per member in view, then the cluster's totals, as the effort page shows them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from backend.exports.spreadsheet import Cell, Column, Sheet
from backend.graphql.effort.figures import EffortFigures
from projections.queries import EffortRow

DAYS = "0.0#"
COLUMNS = (
    Column("Member", 40),
    Column("Gap analysis days", 18, DAYS),
    Column("Training days attended", 22, DAYS),
    Column("Coaching days", 15, DAYS),
    Column("Total days", 12, DAYS),
)
WITHHELD_NOTE = (
    "Members see the cluster's totals only when the cluster has at least three members, so that no member's days "
    "can be worked out."
)


@dataclass(frozen=True)
class EffortReportFile:
    """The effort report with what a reader of the file needs to know it: whose, by whom, when."""

    cluster: str
    consultancy: str
    coach: str
    period: tuple[date | None, date | None]
    produced_on: date
    figures: EffortFigures


def effort_sheet(report: EffortReportFile) -> Sheet:
    figures = report.figures
    rows = [_member(row) for row in figures.members]
    totals = list(_totals(figures))
    formats = {(len(rows) + index, 4): "0.0%" for index, (label, _) in enumerate(totals) if label.startswith("Share")}
    rows += [(label, None, None, None, value) for label, value in totals]
    return Sheet("Effort", COLUMNS, rows, formats)


def _member(row: EffortRow) -> tuple[Cell, ...]:
    total = row.gap_analysis_days + row.training_days_attended + row.coaching_days
    return (row.organisation_name, row.gap_analysis_days, row.training_days_attended, row.coaching_days, total)


def _totals(figures: EffortFigures) -> list[tuple[str, Cell]]:
    """The cluster's figures, each a labelled row with its value in the last column."""
    totals = figures.totals
    rows: list[tuple[str, Cell]] = [
        ("Members in the cluster", figures.member_count),
        ("Training days held for the whole cluster", figures.training_days_held),
    ]
    if totals is not None:
        rows += [
            ("Consultancy days (gap analyses, training held once, coaching)", totals.consultancy_days),
            ("Days per organisation (consultancy days / members)", totals.days_per_organisation),
        ]
    rows.append(("Single-organisation baseline days", figures.baseline_days))
    if totals is not None:
        rows.append(("Share of the baseline", totals.share_of_baseline))
    return rows


def what_the_figures_mean(figures: EffortFigures) -> list[str]:
    """The note that goes with the figures, in the PDF and on the page."""
    notes = [
        "A member's days are its gap analyses, the training its people attended, and its coaching half-days. "
        "The consultancy's days count every gap analysis and coaching half-day, and the training held once for the "
        "whole cluster. Days per organisation divide them by the members; the single-organisation baseline is what "
        "the consultancy spends on one organisation coached alone."
    ]
    if figures.members_not_shown:
        notes.append(
            f"Only your organisation's row is shown: the cluster's other {figures.members_not_shown} member(s) are "
            "not named. The cluster's totals count every member, as the coach sees them."
        )
    if figures.totals is None:
        notes.append(WITHHELD_NOTE)
    return notes
