"""What's next, from the clusters in view: pure functions over what the API answers, no I/O."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

Row = dict[str, Any]

COMING_DAYS = 14
"""How far ahead the coming sessions are listed."""
NEAR_CEILING = 0.85
"""A member has used this share of its coaching ceiling: the same mark as the gauge's warning colour."""


@dataclass(frozen=True)
class Next:
    """What needs attention, each list in the order to deal with it."""

    coming: list[Row]
    to_record: list[Row]
    clashes: list[Row]
    near_ceiling: list[Row]
    without_analysis: list[Row]
    to_plan: list[Row]


def whats_next(clusters: Iterable[Row], today: date) -> Next:
    listed = list(clusters)
    return Next(
        coming=_sessions(listed, lambda on: today <= on <= today + timedelta(days=COMING_DAYS)),
        to_record=_sessions(listed, lambda on: on < today),
        clashes=sorted(
            ({**clash, "cluster": c} for c in listed for clash in c["clashes"] if _day(clash["scheduledOn"]) >= today),
            key=lambda clash: clash["scheduledOn"],
        ),
        near_ceiling=[{**m, "cluster": c} for c in listed for m in _active(c) if _share_used(m) >= NEAR_CEILING],
        without_analysis=[
            {**m, "cluster": c} for c in listed if c["status"] != "closed" for m in _active(c) if not m["gapAnalyses"]
        ],
        to_plan=[c for c in listed if c["status"] == "forming" and c["viewerCan"]["acceptPlan"]],
    )


def _sessions(clusters: list[Row], when: Any) -> list[Row]:
    """Scheduled sessions whose day `when` accepts, by date, each with its cluster."""
    found = [
        {**s, "cluster": c}
        for c in clusters
        for s in c["sessions"]
        if s["status"] == "scheduled" and when(_day(s["scheduledOn"]))
    ]
    return sorted(found, key=lambda s: (s["scheduledOn"], s["halfDay"] != "morning", s["title"]))


def _active(cluster: Row) -> list[Row]:
    return [m for m in cluster["members"] if m["active"]]


def _share_used(member: Row) -> float:
    ceiling = member["coachingHalfDaysCeiling"]
    return member["coachingHalfDaysUsed"] / ceiling if ceiling else 0.0


def _day(value: str) -> date:
    return date.fromisoformat(value)
