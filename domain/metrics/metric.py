"""A metric of the organisation's monitoring and measurement, and the measurements taken of it."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.metrics.rules import DIRECTIONS, FREQUENCIES, REFERENCE_SHAPE, can_change
from domain.shared.aggregate import TenantAggregate
from domain.shared.calendar import past_date
from domain.shared.errors import ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, REASON_MAX_LENGTH, multi_line, single_line

METRIC_NAME_MAX_LENGTH = NAME_MAX_LENGTH
METHOD_MAX_LENGTH = 2000
UNIT_MAX_LENGTH = 30
REFERENCE_MAX_LENGTH = 20
NOTE_MAX_LENGTH = 1000
LARGEST_VALUE = 1e12
"""A value or target is a number from -10^12 to 10^12: a count, a percentage, hours, euros."""
MEASUREMENTS_MAX = 1000
"""Twenty years of weekly measurements."""


def number(field: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationFailed(field, "Must be a number.")
    if abs(value) > LARGEST_VALUE:
        raise ValidationFailed(field, "Must be a number from -1,000,000,000,000 to 1,000,000,000,000.")
    return float(value)


@dataclass(frozen=True)
class Definition:
    """What is measured and how, how often, against which target, for which control or clause."""

    name: str
    method: str
    frequency: str
    target: float
    direction: str
    unit: str
    reference: str | None

    @classmethod
    def checked(
        cls,
        name: str,
        method: str,
        frequency: str,
        target: float,
        direction: str,
        unit: str,
        reference: str | None,
    ) -> Definition:
        if frequency not in FREQUENCIES:
            raise ValidationFailed("frequency", f"Choose one of: {', '.join(FREQUENCIES)}.")
        if direction not in DIRECTIONS:
            raise ValidationFailed("direction", f"Choose one of: {', '.join(DIRECTIONS)}.")
        found = single_line("reference", reference, REFERENCE_MAX_LENGTH, required=False) or None
        if found is not None and not REFERENCE_SHAPE.fullmatch(found):
            raise ValidationFailed("reference", 'A clause or control of the standard, e.g. "9.1" or "8.16".')
        return cls(
            single_line("name", name, METRIC_NAME_MAX_LENGTH),
            multi_line("method", method, METHOD_MAX_LENGTH),
            frequency,
            number("target", target),
            direction,
            single_line("unit", unit, UNIT_MAX_LENGTH),
            found,
        )


@dataclass
class Measurement:
    measured_on: date
    value: float
    note: str = ""


class Metric(TenantAggregate):
    @classmethod
    def define(
        cls,
        tenant_id: UUID,
        actor_id: UUID,
        metric_id: UUID,
        organisation_id: UUID,
        definition: Definition,
        owner_id: UUID,
        evaluator_id: UUID | None,
    ) -> Metric:
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            metric_id=metric_id,
            organisation_id=organisation_id,
            owner_id=owner_id,
            evaluator_id=evaluator_id,
            **asdict(definition),
        )

    @staticmethod
    def create_id(metric_id: UUID, **_: object) -> UUID:
        return metric_id

    @event("Defined")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        metric_id: UUID,
        organisation_id: UUID,
        name: str,
        method: str,
        frequency: str,
        target: float,
        direction: str,
        unit: str,
        reference: str | None,
        owner_id: UUID,
        evaluator_id: UUID | None,
    ) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.definition = Definition(name, method, frequency, target, direction, unit, reference)
        self.owner_id, self.evaluator_id = owner_id, evaluator_id
        self.measurements: dict[UUID, Measurement] = {}
        self.retired = False

    def revise(self, actor_id: UUID, definition: Definition, owner_id: UUID, evaluator_id: UUID | None) -> None:
        """A new definition (name, method, frequency, target, owner…): measurements already taken keep the target
        they were judged against."""
        self._check_kept()
        if (definition, owner_id, evaluator_id) == (self.definition, self.owner_id, self.evaluator_id):
            raise ValidationFailed("metric_id", "Nothing to revise: the metric is already so.")
        self._revised(actor_id, owner_id=owner_id, evaluator_id=evaluator_id, **asdict(definition))

    @event("Revised")
    def _revised(
        self,
        actor_id: UUID,
        name: str,
        method: str,
        frequency: str,
        target: float,
        direction: str,
        unit: str,
        reference: str | None,
        owner_id: UUID,
        evaluator_id: UUID | None,
    ) -> None:
        self.definition = Definition(name, method, frequency, target, direction, unit, reference)
        self.owner_id, self.evaluator_id = owner_id, evaluator_id

    def retire(self, actor_id: UUID, reason: str) -> None:
        """No longer measured; it stays in the register with its measurements."""
        self._check_kept()
        self._retired(actor_id, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("Retired")
    def _retired(self, actor_id: UUID, reason: str) -> None:
        self.retired = True

    def record(self, actor_id: UUID, measurement_id: UUID, measured_on: date, value: float, note: str | None) -> None:
        """The value measured on a day (the end of the period it covers); one measurement a day: a wrong one is
        corrected, not recorded again."""
        self._check_kept()
        past_date("measured_on", measured_on)
        if any(m.measured_on == measured_on for m in self.measurements.values()):
            raise ValidationFailed("measured_on", "Already measured on this day: correct that measurement instead.")
        if len(self.measurements) >= MEASUREMENTS_MAX:
            raise ValidationFailed("metric_id", f"A metric keeps at most {MEASUREMENTS_MAX:,} measurements.")
        self._measured(
            actor_id,
            measurement_id,
            measured_on,
            number("value", value),
            multi_line("note", note, NOTE_MAX_LENGTH, required=False),
        )

    @event("Measured")
    def _measured(self, actor_id: UUID, measurement_id: UUID, measured_on: date, value: float, note: str) -> None:
        self.measurements[measurement_id] = Measurement(measured_on, value, note)

    def correct(self, actor_id: UUID, measurement_id: UUID, value: float, note: str | None, reason: str) -> None:
        """A measurement's value corrected, with the reason: the value first recorded stays in the history. Its note
        stays as it was when none is given; an empty one clears it."""
        self._check_kept()
        found = self.measurements.get(measurement_id)
        if found is None:
            raise ValidationFailed("measurement_id", "No measurement of this metric with this id.")
        checked = number("value", value)
        why = multi_line("reason", reason, REASON_MAX_LENGTH)
        kept = found.note if note is None else multi_line("note", note, NOTE_MAX_LENGTH, required=False)
        self._measurement_corrected(actor_id, measurement_id, checked, kept, why)

    @event("MeasurementCorrected")
    def _measurement_corrected(
        self, actor_id: UUID, measurement_id: UUID, value: float, note: str, reason: str
    ) -> None:
        self.measurements[measurement_id].value = value
        self.measurements[measurement_id].note = note

    def _check_kept(self) -> None:
        if not can_change(self.retired):
            raise ValidationFailed("metric_id", "This metric is retired: it is kept as it was.")
