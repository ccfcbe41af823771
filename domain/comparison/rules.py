"""When a cluster's comparison may be shown: the cohort rule, one definition for the projection and the API.

`k` is the consultancy's threshold (at least 3). The contributors `C` are the cluster's current members that consent;
`P` is the cohort of the last published comparison (empty before the first). Whenever `C` or `k` changes, `C`
becomes the published cohort if it is *publishable*: at least `k` contributors and, when exactly one member joined
or left since `P`, at least `k` of them in both. A comparison is shown only while `C` is the published cohort.
"""

from __future__ import annotations

from collections.abc import Set
from enum import StrEnum
from uuid import UUID

DEFAULT_THRESHOLD = 3
"""k until the consultancy sets its own (`Consultancy.set_comparison_threshold`, 3 to 20)."""


class Held(StrEnum):
    """Why a comparison is not shown."""

    TOO_FEW = "too_few"
    """Fewer than k members contribute."""
    ONE_CHANGED = "one_changed"
    """One member joined or left since the last comparison, and fewer than k remain of it."""
    LEFT = "left"
    """The viewer's organisation left the cluster: it reads its own figures, no longer the remaining members'."""


def publishable(contributors: Set[UUID], published: Set[UUID], k: int) -> bool:
    """Whether the contributors may become the published cohort (see the module docstring)."""
    if len(contributors) < k:
        return False
    one_changed = len(contributors ^ published) == 1
    return not (one_changed and len(contributors & published) < k)


def next_published(contributors: Set[UUID], published: Set[UUID], k: int) -> frozenset[UUID]:
    """The published cohort once the contributors or k changed: the contributors if publishable, else unchanged."""
    return frozenset(contributors) if publishable(contributors, published, k) else frozenset(published)


def held_because(contributors: Set[UUID], published: Set[UUID], k: int) -> Held | None:
    """Why the comparison is not shown now, or None when it is (at least k contribute and they are the cohort)."""
    if len(contributors) < k:
        return Held.TOO_FEW
    if set(contributors) != set(published):
        return Held.ONE_CHANGED
    return None


def can_give_consent(consenting: bool) -> bool:
    return not consenting


def can_withdraw_consent(consenting: bool) -> bool:
    return consenting
