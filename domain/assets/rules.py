"""What may be done to an asset, as pure functions: one definition each, for the aggregate and the API."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from uuid import UUID


class AssetKind(StrEnum):
    """What an asset is: the usual inventory kinds, and paper 000's cloud pattern (pool resources; IaaS, PaaS and
    SaaS services)."""

    INFORMATION = "information"
    SOFTWARE = "software"
    HARDWARE = "hardware"
    SERVICE = "service"
    PEOPLE = "people"
    SITE = "site"
    POOL_RESOURCE = "pool_resource"
    IAAS = "iaas"
    PAAS = "paas"
    SAAS = "saas"


KINDS = tuple(kind.value for kind in AssetKind)


def can_change_asset(retired: bool) -> bool:
    """A retired asset is kept as it was: nothing more is changed, classified or linked."""
    return not retired


def needs_reason_to_classify(classified: bool) -> bool:
    """A first classification needs no reason; a reclassification says why."""
    return classified


def creates_cycle(dependant: UUID, target: UUID, depends_on: Callable[[UUID], Iterable[UUID]]) -> bool:
    """Whether `dependant` depending on `target` closes a loop: `target` already depends on `dependant`,
    directly or through others."""
    seen: set[UUID] = set()
    waiting = [target]
    while waiting:
        current = waiting.pop()
        if current == dependant:
            return True
        if current not in seen:
            seen.add(current)
            waiting.extend(depends_on(current))
    return False
