"""What the monitoring and measurement register's queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID


@dataclass(frozen=True)
class MetricRow:
    metric_id: UUID
    organisation_id: UUID
    name: str
    sort_name: str
    method: str
    frequency: str
    target: float
    direction: str
    unit: str
    reference: str | None
    owner_id: UUID
    owner_name: str | None
    evaluator_id: UUID | None
    evaluator_name: str | None
    status: str
    retired_reason: str | None
    defined_on: date
    measurements: int
    last_measured_on: date | None
    last_value: float | None
    last_met: int | None
    next_due_on: date


@dataclass(frozen=True)
class MetricPageRows:
    rows: list[MetricRow]
    has_next_page: bool
    total: int


@dataclass(frozen=True)
class MeasurementRow:
    measurement_id: UUID
    metric_id: UUID
    measured_on: date
    value: float
    note: str
    target: float
    direction: str
    met: bool
    corrections: int
    recorded_at: datetime


@dataclass(frozen=True)
class MetricEventRow:
    action: str
    details: str
    acted_by: str | None
    acted_at: datetime


@dataclass(frozen=True)
class MetricSummary:
    """An organisation's metrics in kept (not retired): how many, how many measured at least once, how many whose
    latest measurement missed its target, how many overdue."""

    metrics: int
    measured: int
    missed: int
    overdue: int
