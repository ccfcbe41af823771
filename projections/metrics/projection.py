"""The monitoring and measurement register as read rows: one per metric (with its latest result and the day it is
next due), one per measurement, and their history."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, insert, select, update

from domain.metrics.metric import Metric
from domain.metrics.rules import meets_target, next_due
from projections.core.projection import Projection
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter

DEFINITION = ("name", "method", "frequency", "target", "direction", "unit", "reference", "owner_id", "evaluator_id")


class MetricProjection(Projection):
    name = "metrics"
    handles = {
        (Metric, "Defined"): "defined",
        (Metric, "Revised"): "revised",
        (Metric, "Retired"): "retired",
        (Metric, "Measured"): "measured",
        (Metric, "MeasurementCorrected"): "corrected",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        metrics, measurements = tables.metrics, tables.metric_measurements
        the_metric = (metrics.c.tenant_id == bindparam("t"), metrics.c.metric_id == bindparam("m"))
        the_measurement = (
            measurements.c.tenant_id == bindparam("t"),
            measurements.c.measurement_id == bindparam("x"),
        )
        self._insert = insert(metrics)
        self._metric = select(metrics).where(*the_metric)
        self._revise = (
            update(metrics)
            .where(*the_metric)
            .values(
                sort_name=bindparam("sort"),
                next_due_on=bindparam("next_due"),
                **{field: bindparam(f"new_{field}") for field in DEFINITION},
            )
        )
        self._retire = update(metrics).where(*the_metric).values(status="retired", retired_reason=bindparam("why"))
        self._latest = (
            update(metrics)
            .where(*the_metric)
            .values(
                measurements=bindparam("count"),
                last_measured_on=bindparam("on"),
                last_value=bindparam("value"),
                last_met=bindparam("met"),
                next_due_on=bindparam("next_due"),
            )
        )
        self._measurement = insert(measurements)
        self._measurement_of = select(measurements).where(*the_measurement)
        self._correct = (
            update(measurements)
            .where(*the_measurement)
            .values(
                value=bindparam("v"),
                note=bindparam("n"),
                met=bindparam("ok"),
                corrections=bindparam("c"),
            )
        )
        self._measurements_of = (
            select(measurements.c.measured_on, measurements.c.value, measurements.c.met)
            .where(measurements.c.tenant_id == bindparam("t"), measurements.c.metric_id == bindparam("m"))
            .order_by(measurements.c.measured_on.desc())
        )
        self._history = insert(tables.metric_history)

    def defined(self, writer: GroupedWriter, event: Any) -> None:
        defined_on = event.timestamp.date()
        row = {
            "tenant_id": event.tenant_id,
            "metric_id": event.originator_id,
            "organisation_id": event.organisation_id,
            "sort_name": event.name.casefold(),
            **{field: getattr(event, field) for field in DEFINITION},
            "status": "active",
            "retired_reason": None,
            "defined_on": defined_on,
            "measurements": 0,
            "last_measured_on": None,
            "last_value": None,
            "last_met": None,
            "next_due_on": next_due(event.frequency, defined_on),
            "defined_by": event.actor_id,
            "defined_at": event.timestamp,
        }
        writer.write(self._insert, row)
        target = f"{_direction(event.direction)} {_number(event.target)} {event.unit}, {event.frequency}"
        self._record(writer, event, event.organisation_id, "defined", target)

    def revised(self, writer: GroupedWriter, event: Any) -> None:
        key = {"t": event.tenant_id, "m": event.originator_id}
        before = writer.read(self._metric, key).mappings().one()
        since = before["last_measured_on"] or before["defined_on"]
        values = {f"new_{field}": getattr(event, field) for field in DEFINITION}
        writer.write(
            self._revise,
            {**key, **values, "sort": event.name.casefold(), "next_due": next_due(event.frequency, since)},
        )
        changed = [field.removesuffix("_id") for field in DEFINITION if before[field] != getattr(event, field)]
        self._record(writer, event, before["organisation_id"], "revised", ", ".join(changed) or "as it was")

    def retired(self, writer: GroupedWriter, event: Any) -> None:
        key = {"t": event.tenant_id, "m": event.originator_id}
        writer.write(self._retire, {**key, "why": event.reason})
        self._record(writer, event, None, "retired", event.reason)

    def measured(self, writer: GroupedWriter, event: Any) -> None:
        key = {"t": event.tenant_id, "m": event.originator_id}
        metric = writer.read(self._metric, key).mappings().one()
        met = meets_target(event.value, metric["direction"], metric["target"])
        row = {
            "tenant_id": event.tenant_id,
            "measurement_id": event.measurement_id,
            "metric_id": event.originator_id,
            "organisation_id": metric["organisation_id"],
            "measured_on": event.measured_on,
            "value": event.value,
            "note": event.note,
            "target": metric["target"],
            "direction": metric["direction"],
            "met": 1 if met else 0,
            "corrections": 0,
            "recorded_by": event.actor_id,
            "recorded_at": event.timestamp,
        }
        writer.write(self._measurement, row)
        self._refresh_latest(writer, key, metric["frequency"])
        details = f"{_number(event.value)} {metric['unit']} on {event.measured_on.isoformat()}"
        self._record(writer, event, metric["organisation_id"], "measured", details + ("" if met else ", missed"))

    def corrected(self, writer: GroupedWriter, event: Any) -> None:
        key = {"t": event.tenant_id, "m": event.originator_id}
        metric = writer.read(self._metric, key).mappings().one()
        found = writer.read(self._measurement_of, {"t": event.tenant_id, "x": event.measurement_id}).mappings().one()
        met = meets_target(event.value, found["direction"], found["target"])
        values = {"v": event.value, "n": event.note, "ok": 1 if met else 0, "c": found["corrections"] + 1}
        writer.write(self._correct, {"t": event.tenant_id, "x": event.measurement_id, **values})
        self._refresh_latest(writer, key, metric["frequency"])
        was, now = _number(found["value"]), _number(event.value)
        details = f"{found['measured_on'].isoformat()}: {was} → {now} {metric['unit']} ({event.reason})"
        self._record(writer, event, metric["organisation_id"], "corrected", details)

    def _refresh_latest(self, writer: GroupedWriter, key: dict[str, Any], frequency: str) -> None:
        taken = writer.read(self._measurements_of, key).mappings().all()
        latest = taken[0]
        values = {"count": len(taken), "on": latest["measured_on"], "value": latest["value"], "met": latest["met"],
                  "next_due": next_due(frequency, latest["measured_on"])}  # fmt: skip
        writer.write(self._latest, {**key, **values})

    def _record(self, writer: GroupedWriter, event: Any, organisation_id: Any, action: str, details: str) -> None:
        if organisation_id is None:
            key = {"t": event.tenant_id, "m": event.originator_id}
            organisation_id = writer.read(self._metric, key).mappings().one()["organisation_id"]
        row = {
            "tenant_id": event.tenant_id,
            "metric_id": event.originator_id,
            "version": event.originator_version,
            "organisation_id": organisation_id,
            "action": action,
            "details": details,
            "acted_by": event.actor_id,
            "acted_at": event.timestamp,
        }
        writer.write(self._history, row)


def _number(value: float) -> str:
    """A value as people write it: 98.5, 3, 1,250."""
    return f"{value:,.4f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


def _direction(direction: str) -> str:
    return "at least" if direction == "at_least" else "at most"
