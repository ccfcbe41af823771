"""Which events the trail records: every event of every aggregate of the domain, found from the domain itself, so a
new register's events are in the trail without a line here."""

from __future__ import annotations

from collections.abc import Iterator

import domain.application  # noqa: F401 (imports every feature's aggregates, so the subclasses below are all known)
from domain.shared.aggregate import TenantAggregate

ACCOUNT_REGISTER = "tenancy"
"""The consultancy and its accounts: their trail is the admins' alone."""


def aggregates() -> list[type[TenantAggregate]]:
    """Every aggregate class of the domain, in a fixed order."""
    found: set[type[TenantAggregate]] = set()
    waiting = [TenantAggregate]
    while waiting:
        for subclass in waiting.pop().__subclasses__():
            found.add(subclass)
            waiting.append(subclass)
    return sorted(found, key=lambda aggregate: (aggregate.__module__, aggregate.__qualname__))


def event_names(aggregate: type[TenantAggregate]) -> Iterator[str]:
    """The names of the aggregate's own event classes (`Identified`, `Assessed`, …)."""
    for name in sorted(dir(aggregate)):
        value = getattr(aggregate, name)
        if name != "Event" and isinstance(value, type) and issubclass(value, TenantAggregate.Event):
            yield name


def register_of(aggregate: type) -> str:
    """The feature an aggregate belongs to, from its module: `domain.risks.plan` is the `risks` register."""
    return aggregate.__module__.split(".")[1]


def every_event() -> list[tuple[type[TenantAggregate], str]]:
    return [(aggregate, name) for aggregate in aggregates() for name in event_names(aggregate)]


REGISTERS: tuple[str, ...] = tuple(sorted({register_of(aggregate) for aggregate in aggregates()}))
"""The registers the trail can be filtered by."""
