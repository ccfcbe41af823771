"""The monitoring and measurement register's commands. A command on an existing metric acts for the organisation
it belongs to, as the viewer's scope shows it: one out of view is answered as a missing one."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.core.commands import change, role_refusal
from backend.graphql.core.context import Context
from backend.graphql.core.errors import Refusal, parse_id, user_error
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.metrics.actions import (
    CORRECT_MEASUREMENT,
    DEFINE_METRIC,
    RECORD_MEASUREMENT,
    RETIRE_METRIC,
    REVISE_METRIC,
)
from backend.graphql.metrics.inputs import (
    CorrectMeasurementInput,
    DefineMetricInput,
    RecordMeasurementInput,
    RetireMetricInput,
    ReviseMetricInput,
)
from backend.graphql.metrics.types import Metric, MetricChange, MetricChangeResult
from backend.policy import Action
from domain.application import Saved
from domain.metrics.commands import CorrectMeasurement, DefineMetric, RecordMeasurement, RetireMetric, ReviseMetric
from domain.shared.errors import DomainError, NotFound


@strawberry.type
class MetricsMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED, description="A metric of the organisation's monitoring.")
    async def define_metric(self, info: Info[Context, None], input: DefineMetricInput) -> MetricChangeResult:
        done = await change(
            info, DEFINE_METRIC, DefineMetric, organisation_id=input.organisation_id, name=input.name,
            method=input.method, frequency=input.frequency, target=input.target, direction=input.direction,
            unit=input.unit, owner_id=input.owner_id, evaluator_id=input.evaluator_id, reference=input.reference,
        )  # fmt: skip
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Measurements taken keep their target.")
    async def revise_metric(self, info: Info[Context, None], input: ReviseMetricInput) -> MetricChangeResult:
        done = await _on(
            info, input.metric_id, REVISE_METRIC, ReviseMetric, name=input.name, method=input.method,
            frequency=input.frequency, target=input.target, direction=input.direction, unit=input.unit,
            owner_id=input.owner_id, evaluator_id=input.evaluator_id, reference=input.reference,
        )  # fmt: skip
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def retire_metric(self, info: Info[Context, None], input: RetireMetricInput) -> MetricChangeResult:
        done = await _on(info, input.metric_id, RETIRE_METRIC, RetireMetric, reason=input.reason)
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def record_measurement(self, info: Info[Context, None], input: RecordMeasurementInput) -> MetricChangeResult:
        done = await _on(
            info, input.metric_id, RECORD_MEASUREMENT, RecordMeasurement, measured_on=input.measured_on,
            value=input.value, note=input.note,
        )  # fmt: skip
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="A new record with a reason, never an edit.")
    async def correct_measurement(
        self, info: Info[Context, None], input: CorrectMeasurementInput
    ) -> MetricChangeResult:
        done = await _on(
            info, input.metric_id, CORRECT_MEASUREMENT, CorrectMeasurement, measurement_id=input.measurement_id,
            value=input.value, reason=input.reason, note=input.note,
        )  # fmt: skip
        return _changed(info, done)


async def _on(
    info: Info[Context, None], metric_id: str, action: Action, command: Any, **given: Any
) -> tuple[object, Saved] | Refusal:
    """The command on the metric, for the organisation it belongs to."""
    if (refusal := role_refusal(info, action)) is not None:
        return refusal
    try:
        found = parse_id(metric_id, "metric_id")
        row = info.context.services.queries.metrics.metric(info.context.scope, found)
        if row is None:
            raise NotFound("No metric with this id.", "metric_id")
    except DomainError as error:
        return user_error(error)
    organisation = str(row.organisation_id)
    return await change(info, action, command, organisation_id=organisation, metric_id=metric_id, **given)


def _changed(info: Info[Context, None], done: tuple[object, Saved] | Refusal) -> MetricChange | Refusal:
    if not isinstance(done, tuple):
        return done
    found: UUID = done[1].aggregate_id
    row = info.context.services.queries.metrics.metric(info.context.scope, found)
    if row is None:
        return user_error(NotFound("The metric is saved but is not in your view.", "id"))
    return MetricChange(metric=Metric.from_row(row, info.context.services.app.today()))
