"""The monitoring and measurement register's command handlers: load, call one aggregate method, save."""

from __future__ import annotations

import uuid
from typing import Protocol
from uuid import UUID

from domain.metrics.commands import CorrectMeasurement, DefineMetric, RecordMeasurement, RetireMetric, ReviseMetric
from domain.metrics.metric import Definition, Metric
from domain.shared.calendar import past_date
from domain.shared.errors import NotFound
from domain.shared.ports import Handler, OrganisationPeople, Organisations, Store
from domain.shared.service import Saved


class MetricPorts(Store, Organisations, OrganisationPeople, Protocol):
    """A metric's owner and evaluator are people of the organisation, or its coach or consultancy's admins."""


def define_metric(app: MetricPorts, cmd: DefineMetric) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    definition = Definition.checked(
        cmd.name, cmd.method, cmd.frequency, cmd.target, cmd.direction, cmd.unit, cmd.reference
    )
    _check_people(app, cmd.tenant_id, cmd.organisation_id, cmd.owner_id, cmd.evaluator_id)
    defined = Metric.define(
        cmd.tenant_id, cmd.actor_id, uuid.uuid4(), cmd.organisation_id, definition, cmd.owner_id, cmd.evaluator_id
    )
    return app.save_changes(defined)


def revise_metric(app: MetricPorts, cmd: ReviseMetric) -> Saved:
    metric = load_metric(app, cmd.tenant_id, cmd.organisation_id, cmd.metric_id)
    definition = Definition.checked(
        cmd.name, cmd.method, cmd.frequency, cmd.target, cmd.direction, cmd.unit, cmd.reference
    )
    _check_people(app, cmd.tenant_id, cmd.organisation_id, cmd.owner_id, cmd.evaluator_id)
    metric.revise(cmd.actor_id, definition, cmd.owner_id, cmd.evaluator_id)
    return app.save_changes(metric)


def retire_metric(app: Store, cmd: RetireMetric) -> Saved:
    metric = load_metric(app, cmd.tenant_id, cmd.organisation_id, cmd.metric_id)
    metric.retire(cmd.actor_id, cmd.reason)
    return app.save_changes(metric)


def record_measurement(app: Store, cmd: RecordMeasurement) -> Saved:
    past_date("measured_on", cmd.measured_on)  # refused as any date is, before the metric is looked for
    metric = load_metric(app, cmd.tenant_id, cmd.organisation_id, cmd.metric_id)
    metric.record(cmd.actor_id, uuid.uuid4(), cmd.measured_on, cmd.value, cmd.note)
    return app.save_changes(metric)


def correct_measurement(app: Store, cmd: CorrectMeasurement) -> Saved:
    metric = load_metric(app, cmd.tenant_id, cmd.organisation_id, cmd.metric_id)
    metric.correct(cmd.actor_id, cmd.measurement_id, cmd.value, cmd.note, cmd.reason)
    return app.save_changes(metric)


def load_metric(app: Store, tenant_id: UUID, organisation_id: UUID, metric_id: UUID) -> Metric:
    found = app.get(Metric, tenant_id, metric_id, "metric_id")
    if found.organisation_id != organisation_id:
        raise NotFound("No metric with this id.", "metric_id")
    return found


def _check_people(
    app: OrganisationPeople, tenant_id: UUID, organisation_id: UUID, owner_id: UUID, evaluator_id: UUID | None
) -> None:
    app.check_person_of(tenant_id, organisation_id, owner_id, "owner_id")
    if evaluator_id is not None:
        app.check_person_of(tenant_id, organisation_id, evaluator_id, "evaluator_id")


HANDLERS: dict[type, Handler] = {
    DefineMetric: define_metric,
    ReviseMetric: revise_metric,
    RetireMetric: retire_metric,
    RecordMeasurement: record_measurement,
    CorrectMeasurement: correct_measurement,
}
