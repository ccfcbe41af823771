"""Commands on an organisation's metrics and their measurements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID


@dataclass(frozen=True)
class DefineMetric:
    """`target` is met by a value at least or at most it (`direction`); `evaluator_id` analyses and evaluates the
    results (the owner when none is named); `reference` is the control or clause it evidences."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    name: str
    method: str
    frequency: str
    target: float
    direction: str
    unit: str
    owner_id: UUID
    evaluator_id: UUID | None = None
    reference: str | None = None


@dataclass(frozen=True)
class ReviseMetric:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    metric_id: UUID
    name: str
    method: str
    frequency: str
    target: float
    direction: str
    unit: str
    owner_id: UUID
    evaluator_id: UUID | None = None
    reference: str | None = None


@dataclass(frozen=True)
class RetireMetric:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    metric_id: UUID
    reason: str


@dataclass(frozen=True)
class RecordMeasurement:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    metric_id: UUID
    measured_on: date
    value: float
    note: str | None = None


@dataclass(frozen=True)
class CorrectMeasurement:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    metric_id: UUID
    measurement_id: UUID
    value: float
    reason: str
    note: str | None = None
