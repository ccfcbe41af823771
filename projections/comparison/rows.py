"""What the comparison's queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class CohortRow:
    """A cluster's contributors now and the cohort of its last published comparison, with the k it was decided by."""

    contributors: frozenset[UUID]
    published: frozenset[UUID]
    threshold: int
