"""The classification scales a consultancy sets: confidentiality, integrity and availability, each on its own scale.

Scales are versioned: setting them again makes a new version, and an asset keeps the version it was classified
with, so a change of scale never rewrites a past classification. A consultancy that set none uses `DEFAULT_SCALES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.errors import ValidationFailed
from domain.shared.text import multi_line, single_line

DIMENSIONS = ("confidentiality", "integrity", "availability")
LABEL_MAX_LENGTH = 50
LEVEL_DESCRIPTION_MAX_LENGTH = 500
MIN_LEVELS, MAX_LEVELS = 2, 10

StoredLevels = list[list[Any]]
"""Levels as an event stores them: JSON lists of [value, label, description]."""
Levels = tuple[tuple[int, str, str], ...]
"""A scale: its levels as (value, label, description), values counted from 1."""


@dataclass(frozen=True)
class ScaleSet:
    """One version of the three scales."""

    version: int
    confidentiality: Levels
    integrity: Levels
    availability: Levels

    def levels(self, dimension: str) -> Levels:
        levels: Levels = getattr(self, dimension)
        return levels

    def check(self, dimension: str, value: int | None) -> int | None:
        """The value, if it is a level of the dimension's scale; refused on the dimension's field otherwise."""
        if value is None:
            return None
        highest = len(self.levels(dimension))
        if not 1 <= value <= highest:
            raise ValidationFailed(
                dimension, f"Must be from 1 to {highest} on the {dimension} scale (version {self.version})."
            )
        return value


DEFAULT_SCALES = ScaleSet(
    version=1,
    confidentiality=(
        (1, "Public", "May be shown to anyone."),
        (2, "Internal", "For the organisation's staff and trusted partners."),
        (3, "Confidential", "For the people who need it; a leak harms the organisation or its customers."),
        (4, "Secret", "For named people only; a leak would be grave."),
    ),
    integrity=(
        (1, "Low", "Errors are noticed and corrected without harm."),
        (2, "Medium", "Errors cause harm or cost if unnoticed."),
        (3, "High", "Errors cause serious harm: accuracy must be assured."),
    ),
    availability=(
        (1, "Low", "Can be missing for days."),
        (2, "Medium", "Needed within a working day."),
        (3, "High", "Needed within hours or less."),
    ),
)
"""The scales a consultancy starts with: C on 1 to 4, I and A on 1 to 3."""


def scales_id(tenant_id: UUID) -> UUID:
    return tenant_scoped_id(tenant_id, "classification-scales", "consultancy")


def checked_levels(field: str, given: list[tuple[int, str, str]]) -> Levels:
    """Levels numbered 1, 2, … in order, each with a label and a description."""
    if not MIN_LEVELS <= len(given) <= MAX_LEVELS:
        raise ValidationFailed(field, f"Give the {field} scale {MIN_LEVELS} to {MAX_LEVELS} levels.")
    levels = []
    for index, (value, label, description) in enumerate(given):
        if value != index + 1:
            raise ValidationFailed(
                f"{field}.value", f"Number the {field} scale's levels 1, 2, 3, … in order, without gaps."
            )
        levels.append(
            (
                value,
                single_line(f"{field}.label", label, LABEL_MAX_LENGTH),
                multi_line(f"{field}.description", description, LEVEL_DESCRIPTION_MAX_LENGTH),
            )
        )
    if len({label.casefold() for _, label, _ in levels}) != len(levels):
        raise ValidationFailed(f"{field}.label", f"Give each level of the {field} scale its own label.")
    return tuple(levels)


class ClassificationScales(TenantAggregate):
    """The consultancy's scales, every version kept; version 1 is the default, never stored."""

    @classmethod
    def set_first(
        cls, tenant_id: UUID, actor_id: UUID, scales: dict[str, list[tuple[int, str, str]]]
    ) -> ClassificationScales:
        checked = {dimension: checked_levels(dimension, scales[dimension]) for dimension in DIMENSIONS}
        return cls(tenant_id=tenant_id, actor_id=actor_id, **_stored(checked))

    @staticmethod
    def create_id(tenant_id: UUID, **_: object) -> UUID:
        return scales_id(tenant_id)

    @event("Set")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        confidentiality: StoredLevels,
        integrity: StoredLevels,
        availability: StoredLevels,
    ) -> None:
        self.tenant_id = tenant_id
        self.versions: dict[int, ScaleSet] = {1: DEFAULT_SCALES}
        self._add(confidentiality, integrity, availability)

    def revise(self, actor_id: UUID, scales: dict[str, list[tuple[int, str, str]]]) -> None:
        checked = {dimension: checked_levels(dimension, scales[dimension]) for dimension in DIMENSIONS}
        if all(checked[d] == self.current.levels(d) for d in DIMENSIONS):
            raise ValidationFailed("confidentiality", "These are the scales already in use.")
        self._revised(actor_id, **_stored(checked))

    @event("Revised")
    def _revised(
        self, actor_id: UUID, confidentiality: StoredLevels, integrity: StoredLevels, availability: StoredLevels
    ) -> None:
        self._add(confidentiality, integrity, availability)

    @property
    def current(self) -> ScaleSet:
        return self.versions[max(self.versions)]

    def _add(self, *dimensions: StoredLevels) -> None:
        version = max(self.versions) + 1
        levels = [tuple((int(v), str(label), str(text)) for v, label, text in stored) for stored in dimensions]
        self.versions[version] = ScaleSet(version, *levels)


def _stored(checked: dict[str, Levels]) -> dict[str, StoredLevels]:
    """As the event stores them: lists, which JSON keeps."""
    return {dimension: [list(level) for level in levels] for dimension, levels in checked.items()}
