"""An organisation's monitoring and measurement as a workbook: one sheet of its metrics (each with its target, owner,
latest result and the day it is next due), one of every measurement, judged against the target in force when it was
recorded."""

from __future__ import annotations

from datetime import date

from backend.exports.spreadsheet import Cell, Column, Sheet, xlsx_workbook_bytes
from domain.metrics.rules import is_overdue
from projections.metrics.rows import MeasurementRow, MetricRow

METRIC_COLUMNS = (
    Column("Metric", 36),
    Column("What it measures and how", 50),
    Column("Frequency", 12),
    Column("Direction", 10),
    Column("Target", 10, "0.##"),
    Column("Unit", 12),
    Column("Evidences", 10),
    Column("Owner", 22),
    Column("Analysed and evaluated by", 22),
    Column("Status", 10),
    Column("Last measured", 13, "yyyy-mm-dd"),
    Column("Last value", 10, "0.##"),
    Column("Last result", 10),
    Column("Next due", 12, "yyyy-mm-dd"),
    Column("Overdue", 9),
)
MEASUREMENT_COLUMNS = (
    Column("Metric", 36),
    Column("Measured on", 13, "yyyy-mm-dd"),
    Column("Value", 10, "0.##"),
    Column("Unit", 12),
    Column("Direction", 10),
    Column("Target", 10, "0.##"),
    Column("Result", 8),
    Column("Corrected", 10),
    Column("Note", 50),
)
DIRECTIONS = {"at_least": "at least", "at_most": "at most"}


def metrics_xlsx(metrics: list[MetricRow], measurements: list[MeasurementRow], today: date) -> bytes:
    names = {m.metric_id: (m.name, m.unit) for m in metrics}
    rows = [_metric(m, today) for m in metrics]
    taken = sorted(
        (m for m in measurements if m.metric_id in names),
        key=lambda m: (names[m.metric_id][0].casefold(), str(m.metric_id), m.measured_on),
    )
    measured = [_measurement(m, *names[m.metric_id]) for m in taken]
    return xlsx_workbook_bytes((Sheet("Metrics", METRIC_COLUMNS, rows), Sheet("Measurements", MEASUREMENT_COLUMNS,
                                                                               measured)))  # fmt: skip


def _metric(m: MetricRow, today: date) -> tuple[Cell, ...]:
    retired = m.status == "retired"
    result = "" if m.last_met is None else ("missed" if m.last_met == 0 else "met")
    overdue = is_overdue(m.frequency, m.last_measured_on or m.defined_on, today, retired)
    return (
        m.name, m.method, m.frequency.replace("_", "-"), DIRECTIONS[m.direction], m.target, m.unit,
        m.reference or "", m.owner_name or "", m.evaluator_name or m.owner_name or "",
        "retired" if retired else "kept", m.last_measured_on, m.last_value, result,
        None if retired else m.next_due_on, "yes" if overdue else "no",
    )  # fmt: skip


def _measurement(m: MeasurementRow, name: str, unit: str) -> tuple[Cell, ...]:
    return (
        name, m.measured_on, m.value, unit, DIRECTIONS[m.direction], m.target, "met" if m.met else "missed",
        "yes" if m.corrections else "no", m.note,
    )  # fmt: skip
