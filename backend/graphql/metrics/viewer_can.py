"""What the viewer may do with the organisation's metrics, from the policy and the domain's rules."""

from __future__ import annotations

from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.metrics.actions import (
    CORRECT_MEASUREMENT,
    DEFINE_METRIC,
    RECORD_MEASUREMENT,
    RETIRE_METRIC,
    REVISE_METRIC,
)
from backend.policy import may
from domain.metrics.rules import can_change


@strawberry.type(description="What the viewer may do with the organisation's metrics.")
class MetricsViewerCan:
    define: bool


@strawberry.type(description="What the viewer may do with a metric now.")
class MetricViewerCan:
    revise: bool
    retire: bool
    record_measurement: bool
    correct_measurement: bool


def on_register(info: Info[Context, None], organisation_id: UUID) -> MetricsViewerCan:
    return MetricsViewerCan(define=may(info.context.signed_in, DEFINE_METRIC, organisation_id))


def on_metric(info: Info[Context, None], organisation_id: UUID, retired: bool, measured: bool) -> MetricViewerCan:
    p, kept = info.context.signed_in, can_change(retired)
    return MetricViewerCan(
        revise=may(p, REVISE_METRIC, organisation_id) and kept,
        retire=may(p, RETIRE_METRIC, organisation_id) and kept,
        record_measurement=may(p, RECORD_MEASUREMENT, organisation_id) and kept,
        correct_measurement=may(p, CORRECT_MEASUREMENT, organisation_id) and kept and measured,
    )
