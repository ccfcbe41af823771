"""GraphQL shapes of an organisation's metrics and their measurements."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Annotated
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import NotFoundError, Refusal, ValidationError
from backend.graphql.core.pagination import PageInfo
from backend.graphql.metrics.viewer_can import MetricsViewerCan, MetricViewerCan, on_metric
from domain.metrics.rules import is_overdue
from projections.metrics.rows import MeasurementRow, MetricEventRow, MetricRow


@strawberry.enum(description="How the register is sorted.")
class MetricOrder(Enum):
    NAME = "name"
    DUE = "due"
    """The day each is next to be measured, soonest (or most overdue) first."""


@strawberry.type(description="Something done to a metric, by whom and when.")
class MetricEvent:
    action: str
    details: str
    acted_by: str | None
    acted_at: datetime

    @classmethod
    def from_row(cls, row: MetricEventRow) -> MetricEvent:
        return cls(action=row.action, details=row.details, acted_by=row.acted_by, acted_at=row.acted_at)


@strawberry.type(description="A value measured on a day, judged against the target in force when it was recorded.")
class Measurement:
    id: strawberry.ID
    measured_on: date
    value: float
    note: str
    target: float = strawberry.field(description="The target it was judged against.")
    direction: str
    met: bool
    missed: bool = strawberry.field(description="It missed its target.")
    corrected: bool = strawberry.field(description="Its value was corrected (the history keeps the first one).")
    recorded_at: datetime

    @classmethod
    def from_row(cls, row: MeasurementRow) -> Measurement:
        return cls(
            id=strawberry.ID(str(row.measurement_id)),
            measured_on=row.measured_on,
            value=row.value,
            note=row.note,
            target=row.target,
            direction=row.direction,
            met=row.met,
            missed=not row.met,
            corrected=row.corrections > 0,
            recorded_at=row.recorded_at,
        )


@strawberry.type(description="A metric of the organisation's monitoring and measurement (ISO/IEC 27001 9.1).")
class Metric:
    id: strawberry.ID
    organisation_id: strawberry.ID
    name: str
    method: str = strawberry.field(description="What it measures and how.")
    frequency: str = strawberry.field(description="weekly, monthly, quarterly, half_yearly or yearly.")
    target: float
    direction: str = strawberry.field(description="at_least or at_most.")
    unit: str
    reference: str | None = strawberry.field(description="The clause or control it evidences.")
    owner_id: strawberry.ID
    owner_name: str | None
    evaluator_id: strawberry.ID | None = strawberry.field(description="Who analyses and evaluates the results.")
    evaluator_name: str | None
    status: str = strawberry.field(description="active or retired.")
    retired_reason: str | None
    measurement_count: int
    last_measured_on: date | None
    last_value: float | None
    missed: bool = strawberry.field(description="Its latest measurement missed its target.")
    overdue: bool = strawberry.field(description="Kept, and not measured again by the day its frequency gives.")
    next_due_on: date

    @strawberry.field(description="Oldest first.")
    def measurements(self, info: Info[Context, None]) -> list[Measurement]:
        rows = info.context.services.queries.metrics.measurements(info.context.scope, _uuid(self.id))
        return [Measurement.from_row(row) for row in rows]

    @strawberry.field(description="Defined, then every step, oldest first.")
    def history(self, info: Info[Context, None]) -> list[MetricEvent]:
        rows = info.context.services.queries.metrics.history(info.context.scope, _uuid(self.id))
        return [MetricEvent.from_row(row) for row in rows]

    @strawberry.field
    def viewer_can(self, info: Info[Context, None]) -> MetricViewerCan:
        organisation = _uuid(self.organisation_id)
        return on_metric(info, organisation, self.status == "retired", self.measurement_count > 0)

    @classmethod
    def from_row(cls, row: MetricRow, today: date) -> Metric:
        retired = row.status == "retired"
        return cls(
            id=strawberry.ID(str(row.metric_id)),
            organisation_id=strawberry.ID(str(row.organisation_id)),
            name=row.name,
            method=row.method,
            frequency=row.frequency,
            target=row.target,
            direction=row.direction,
            unit=row.unit,
            reference=row.reference,
            owner_id=strawberry.ID(str(row.owner_id)),
            owner_name=row.owner_name,
            evaluator_id=None if row.evaluator_id is None else strawberry.ID(str(row.evaluator_id)),
            evaluator_name=row.evaluator_name,
            status=row.status,
            retired_reason=row.retired_reason,
            measurement_count=row.measurements,
            last_measured_on=row.last_measured_on,
            last_value=row.last_value,
            missed=row.last_met == 0,
            overdue=is_overdue(row.frequency, row.last_measured_on or row.defined_on, today, retired),
            next_due_on=row.next_due_on,
        )


@strawberry.type
class MetricEdge:
    cursor: str
    node: Metric


@strawberry.type(description="A page of an organisation's metrics.")
class MetricConnection:
    edges: list[MetricEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Metrics the filters match.")
    viewer_can: MetricsViewerCan


@strawberry.type
class MetricChange:
    metric: Metric


MetricResult = Annotated[Metric | NotFoundError | ValidationError, strawberry.union("MetricResult")]
MetricChangeResult = Annotated[MetricChange | Refusal, strawberry.union("MetricChangeResult")]


def _uuid(value: strawberry.ID) -> UUID:
    return UUID(str(value))
