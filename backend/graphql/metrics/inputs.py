"""The inputs of the monitoring and measurement register's mutations."""

from __future__ import annotations

from datetime import date

import strawberry

FREQUENCY = "weekly, monthly, quarterly, half_yearly or yearly."
DIRECTION = "at_least (met by reaching the target) or at_most (met by staying under it)."
OWNER = "An account of the organisation, the coach of a cluster it belongs to, or an admin of its consultancy."


@strawberry.input(description="What is measured and how, how often, and against which target.")
class DefineMetricInput:
    organisation_id: strawberry.ID
    name: str
    method: str = strawberry.field(description="What it measures and how it is measured.")
    frequency: str = strawberry.field(description=FREQUENCY)
    target: float
    direction: str = strawberry.field(description=DIRECTION)
    unit: str = strawberry.field(description="%, incidents, hours…")
    owner_id: strawberry.ID = strawberry.field(description=OWNER)
    evaluator_id: strawberry.ID | None = strawberry.field(
        default=None, description="Who analyses and evaluates the results (the owner when none). " + OWNER
    )
    reference: str | None = strawberry.field(default=None, description='The clause or control it evidences: "9.1".')


@strawberry.input(description="The metric as it now is: every field, changed or not.")
class ReviseMetricInput:
    metric_id: strawberry.ID
    name: str
    method: str
    frequency: str = strawberry.field(description=FREQUENCY)
    target: float
    direction: str = strawberry.field(description=DIRECTION)
    unit: str
    owner_id: strawberry.ID = strawberry.field(description=OWNER)
    evaluator_id: strawberry.ID | None = None
    reference: str | None = None


@strawberry.input(description="No longer measured; kept in the register with its measurements.")
class RetireMetricInput:
    metric_id: strawberry.ID
    reason: str


@strawberry.input(description="The value measured on a day (the end of the period it covers).")
class RecordMeasurementInput:
    metric_id: strawberry.ID
    measured_on: date
    value: float
    note: str | None = None


@strawberry.input(description="A measurement's value corrected, with the reason; the first value stays in the history.")
class CorrectMeasurementInput:
    metric_id: strawberry.ID
    measurement_id: strawberry.ID
    value: float
    reason: str
    note: str | None = strawberry.field(
        default=None, description="Left out, the measurement's note stays as it was; an empty one clears it."
    )
