"""A catalogue and its parts, as read from a data file: immutable values."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

_PARTS = re.compile(r"\d+|\D+")


def natural_order(identifier: str) -> tuple[tuple[int, int | str], ...]:
    """The sort key of an identifier, its numbers compared as numbers: 5.2 before 5.10, A.9 before A.10."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in _PARTS.findall(identifier))


def in_natural_order(identifiers: Iterable[str]) -> list[str]:
    return sorted(identifiers, key=natural_order)


@dataclass(frozen=True)
class Clause:
    """A numbered requirement of the management system (clauses 4 to 10); `parent` is the clause it belongs to."""

    id: str
    title: str
    parent: str | None = None


@dataclass(frozen=True)
class Objective:
    """A control objective of the 2005 edition: what the controls under it are for."""

    id: str
    objective: str


@dataclass(frozen=True)
class Group:
    """A theme (2022: organisational, people, physical, technological) or a domain (2005: A.5 to A.15)."""

    id: str
    title: str
    objectives: tuple[Objective, ...] = ()


@dataclass(frozen=True)
class Control:
    id: str
    group: str
    title: str
    objective: str | None = None
    """The id of the control objective it serves (2005 edition)."""
    new_in_edition: bool = False
    """The edition introduced it: no earlier edition has a control of the same intent."""


@dataclass(frozen=True)
class Catalogue:
    id: str
    edition: str
    title: str
    version: str
    grouping: str
    """What its groups are called: `theme` or `domain`."""
    note: str
    groups: tuple[Group, ...]
    clauses: tuple[Clause, ...]
    controls: tuple[Control, ...]
    """In natural order of their ids."""
    _by_id: dict[str, Control] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {control.id: control for control in self.controls})

    def control(self, identifier: str) -> Control | None:
        return self._by_id.get(identifier)

    def group(self, identifier: str) -> Group | None:
        return next((group for group in self.groups if group.id == identifier), None)

    def count_in(self, group_id: str) -> int:
        return sum(1 for control in self.controls if control.group == group_id)

    def objective(self, identifier: str | None) -> Objective | None:
        objectives = (objective for group in self.groups for objective in group.objectives)
        return next((objective for objective in objectives if objective.id == identifier), None)


@dataclass(frozen=True)
class Correspondence:
    """Which controls of the `target` catalogue carry the intent of each control of the `source` (ours)."""

    source: str
    target: str
    version: str
    note: str
    pairs: dict[str, tuple[str, ...]]
    """Each source control's target controls, in natural order; empty when it has no counterpart."""
    notes: dict[str, str]
    """Why a source control maps as it does, where that needs saying."""

    def targets(self, source_control: str) -> tuple[str, ...]:
        return self.pairs.get(source_control, ())

    def sources(self, target_control: str) -> list[str]:
        return [source for source, targets in self.pairs.items() if target_control in targets]

    def reached(self) -> Iterator[str]:
        return (target for targets in self.pairs.values() for target in targets)
