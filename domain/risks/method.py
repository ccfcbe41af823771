"""The risk method a consultancy sets: likelihood and impact scales, the matrix giving the level of every pair, and
the acceptance criteria (which levels the risk owner may accept alone, which need management's decision first).

Methods are versioned like the classification scales: setting the method again makes a new version, and each
assessment keeps the version it used, so a change of method never rewrites a past assessment. A consultancy that
set none uses `DEFAULT_METHOD` (version 1, never stored).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.errors import ValidationFailed
from domain.shared.text import multi_line, single_line

LABEL_MAX_LENGTH = 50
LEVEL_DESCRIPTION_MAX_LENGTH = 500
MIN_LEVELS, MAX_LEVELS = 2, 10
OWNER, MANAGEMENT = "owner", "management"
ACCEPTED_BY = (OWNER, MANAGEMENT)
"""Who may accept a risk of a level: its owner alone, or its owner once management has decided."""
SCALES = ("likelihood", "impact", "levels")

Levels = tuple[tuple[int, str, str], ...]
StoredLevels = list[list[Any]]
"""Levels as an event stores them: JSON lists of [value, label, description]."""
STORED_PARTS = ("likelihood", "impact", "levels", "matrix", "acceptance")
"""A scale: its levels as (value, label, description), values counted from 1."""


@dataclass(frozen=True)
class RiskMethod:
    """One version of the method. `matrix[(likelihood, impact)]` is a level's value; `acceptance[level]` says who
    may accept a risk of that level."""

    version: int
    likelihood: Levels
    impact: Levels
    levels: Levels
    matrix: dict[tuple[int, int], int]
    acceptance: dict[int, str]

    def check(self, field: str, scale: str, value: int) -> int:
        """The value, if it is a level of the scale; refused on `field` otherwise."""
        highest = len(self.scale(scale))
        if not 1 <= value <= highest:
            raise ValidationFailed(field, f"Must be from 1 to {highest} on the {scale} scale (version {self.version}).")
        return value

    def scale(self, name: str) -> Levels:
        levels: Levels = getattr(self, name)
        return levels

    def level(self, likelihood: int, impact: int) -> int:
        return self.matrix[(likelihood, impact)]

    def label(self, level: int) -> str:
        return self.levels[level - 1][1]

    def needs_management(self, level: int) -> bool:
        """A level above the acceptance criteria: its owner accepts it only once management has decided."""
        return self.acceptance.get(level, MANAGEMENT) == MANAGEMENT


def _default_matrix() -> dict[tuple[int, int], int]:
    """Likelihood times impact: 1 to 2 low, 3 to 4 medium, 6 to 9 high."""
    return {(lk, im): 1 if lk * im <= 2 else 2 if lk * im <= 4 else 3 for lk in (1, 2, 3) for im in (1, 2, 3)}


DEFAULT_METHOD = RiskMethod(
    version=1,
    likelihood=(
        (1, "Unlikely", "Not expected in the next three years."),
        (2, "Possible", "Could happen in the next three years."),
        (3, "Likely", "Expected within a year."),
    ),
    impact=(
        (1, "Minor", "Noticed and put right within a day, at little cost."),
        (2, "Significant", "Harms customers or costs weeks of work."),
        (3, "Severe", "Threatens the business: lost customers, fines, a long outage."),
    ),
    levels=(
        (1, "Low", "Accepted as it is, by its owner."),
        (2, "Medium", "Treated where it pays; its owner may accept what remains."),
        (3, "High", "Treated; only management may let it be accepted."),
    ),
    matrix=_default_matrix(),
    acceptance={1: OWNER, 2: OWNER, 3: MANAGEMENT},
)
"""The method a consultancy starts with: 1 to 3 scales, levels low, medium and high."""


def methods_id(tenant_id: UUID) -> UUID:
    return tenant_scoped_id(tenant_id, "risk-method", "consultancy")


@dataclass(frozen=True)
class MethodGiven:
    """A method as an admin gives it: levels as (value, label, description), the matrix as (likelihood, impact,
    level) triples, the acceptance as (level, who)."""

    likelihood: tuple[tuple[int, str, str], ...]
    impact: tuple[tuple[int, str, str], ...]
    levels: tuple[tuple[int, str, str], ...]
    matrix: tuple[tuple[int, int, int], ...]
    acceptance: tuple[tuple[int, str], ...]


def checked_method(given: MethodGiven, version: int) -> RiskMethod:
    """The method, once every scale is numbered, the matrix complete and every level's acceptance said."""
    likelihood = checked_levels("likelihood", given.likelihood)
    impact = checked_levels("impact", given.impact)
    levels = checked_levels("levels", given.levels)
    matrix = checked_matrix(given.matrix, len(likelihood), len(impact), len(levels))
    acceptance = checked_acceptance(given.acceptance, len(levels))
    return RiskMethod(version, likelihood, impact, levels, matrix, acceptance)


def checked_levels(field: str, given: Iterable[tuple[int, str, str]]) -> Levels:
    """Levels numbered 1, 2, … in order, each with its own label and a description."""
    given = list(given)
    if not MIN_LEVELS <= len(given) <= MAX_LEVELS:
        raise ValidationFailed(field, f"Give the {field} scale {MIN_LEVELS} to {MAX_LEVELS} levels.")
    levels = []
    for index, (value, label, description) in enumerate(given):
        if value != index + 1:
            raise ValidationFailed(f"{field}.value", f"Number the {field} scale's levels 1, 2, 3, … without gaps.")
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


def checked_matrix(
    given: Iterable[tuple[int, int, int]], likelihoods: int, impacts: int, levels: int
) -> dict[tuple[int, int], int]:
    """Every (likelihood, impact) pair given exactly once, each a level of the method: complete, or refused."""
    matrix: dict[tuple[int, int], int] = {}
    for likelihood, impact, level in given:
        if not (1 <= likelihood <= likelihoods and 1 <= impact <= impacts):
            raise ValidationFailed("matrix", f"Likelihood {likelihood}, impact {impact} is not on the scales.")
        if not 1 <= level <= levels:
            raise ValidationFailed("matrix.level", f"Level {level} is not one of the method's {levels} levels.")
        if (likelihood, impact) in matrix:
            raise ValidationFailed("matrix", f"Likelihood {likelihood}, impact {impact} is given twice.")
        matrix[(likelihood, impact)] = level
    missing = [(lk, im) for lk in range(1, likelihoods + 1) for im in range(1, impacts + 1) if (lk, im) not in matrix]
    if missing:
        pairs = ", ".join(f"likelihood {lk} by impact {im}" for lk, im in missing[:5])
        raise ValidationFailed("matrix", f"The matrix is incomplete: give a level for {pairs}.")
    return matrix


def checked_acceptance(given: Iterable[tuple[int, str]], levels: int) -> dict[int, str]:
    """Who may accept each level: its owner, or its owner after management's decision."""
    acceptance: dict[int, str] = {}
    for level, who in given:
        if not 1 <= level <= levels or level in acceptance:
            raise ValidationFailed("acceptance.level", f"Say once for each level 1 to {levels} who may accept it.")
        if who not in ACCEPTED_BY:
            raise ValidationFailed("acceptance.accepted_by", f"Choose one of: {', '.join(ACCEPTED_BY)}.")
        acceptance[level] = who
    if len(acceptance) != levels:
        raise ValidationFailed("acceptance", f"Say for each level 1 to {levels} who may accept it.")
    return acceptance


class RiskMethods(TenantAggregate):
    """The consultancy's risk methods, every version kept; version 1 is the default, never stored."""

    @classmethod
    def set_first(cls, tenant_id: UUID, actor_id: UUID, given: MethodGiven) -> RiskMethods:
        method = checked_method(given, DEFAULT_METHOD.version + 1)
        return cls(tenant_id=tenant_id, actor_id=actor_id, **stored(method))

    @staticmethod
    def create_id(tenant_id: UUID, **_: object) -> UUID:
        return methods_id(tenant_id)

    @event("Set")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        likelihood: StoredLevels,
        impact: StoredLevels,
        levels: StoredLevels,
        matrix: list[list[int]],
        acceptance: list[list[Any]],
    ) -> None:
        self.tenant_id = tenant_id
        self.versions: dict[int, RiskMethod] = {1: DEFAULT_METHOD}
        self._add(likelihood, impact, levels, matrix, acceptance)

    def revise(self, actor_id: UUID, given: MethodGiven) -> None:
        method = checked_method(given, max(self.versions) + 1)
        if stored(method) == stored(self.current):
            raise ValidationFailed("likelihood", "This is the method already in use.")
        self._revised(actor_id, **stored(method))

    @event("Revised")
    def _revised(
        self,
        actor_id: UUID,
        likelihood: StoredLevels,
        impact: StoredLevels,
        levels: StoredLevels,
        matrix: list[list[int]],
        acceptance: list[list[Any]],
    ) -> None:
        self._add(likelihood, impact, levels, matrix, acceptance)

    @property
    def current(self) -> RiskMethod:
        return self.versions[max(self.versions)]

    def _add(self, *parts: list[list[Any]]) -> None:
        version = max(self.versions) + 1
        self.versions[version] = from_stored(version, dict(zip(STORED_PARTS, parts, strict=True)))


def stored(method: RiskMethod) -> dict[str, Any]:
    """As an event stores it: JSON lists."""
    return {
        "likelihood": [list(level) for level in method.likelihood],
        "impact": [list(level) for level in method.impact],
        "levels": [list(level) for level in method.levels],
        "matrix": [[lk, im, level] for (lk, im), level in sorted(method.matrix.items())],
        "acceptance": [[level, who] for level, who in sorted(method.acceptance.items())],
    }


def from_stored(version: int, method: dict[str, Any]) -> RiskMethod:
    def levels(name: str) -> Levels:
        return tuple((int(v), str(label), str(text)) for v, label, text in method[name])

    return RiskMethod(
        version,
        levels("likelihood"),
        levels("impact"),
        levels("levels"),
        {(int(lk), int(im)): int(level) for lk, im, level in method["matrix"]},
        {int(level): str(who) for level, who in method["acceptance"]},
    )
