"""A member's progress since its first gap analysis, as a burn-up drawn from its history (the audit trail's
events, `projections/trail/milestones.py`): the day each milestone of certification readiness was first reached,
and weekly counts of how many were reached by then, against their total (the burn-up's scope).

The milestones themselves (key, clause, title, step) are the same for every member: the cluster gives them once
(`Cluster.progressMilestones`), and each member's progress gives only its days, in the catalogue's order; the burn-up
is two aligned lists (the weeks, the counts), so a dashboard of many members asks a few values per member."""

from __future__ import annotations

from datetime import date, timedelta

import strawberry

from projections.trail.milestones import MILESTONES
from projections.trail.rows import MilestonesReached

WEEK = timedelta(days=7)


@strawberry.type(description="A milestone of certification readiness: an item present, or its approval given.")
class ProgressMilestone:
    key: str = strawberry.field(description="Stable, e.g. `soa.approved`.")
    clause: str
    title: str
    step: str = strawberry.field(description="`present` (something recorded) or `approved` (signed off).")


def catalogue() -> list[ProgressMilestone]:
    """Every milestone, in the order each member's `reachedOn` follows."""
    return [ProgressMilestone(key=m.key, clause=m.clause, title=m.title, step=m.step) for m in MILESTONES]


@strawberry.type(
    description="A member's progress since its first gap analysis, drawn from its history (events, not snapshots)."
)
class MemberProgress:
    since: date | None = strawberry.field(description="The visit of its first gap analysis; null before one.")
    total: int = strawberry.field(description="Every milestone: the burn-up's scope line.")
    reached: int
    reached_on: list[date | None] = strawberry.field(
        description="For each milestone of the cluster's `progressMilestones`, in that order: the day of the first "
        "event that reached it; null if not yet."
    )
    first_week: date | None = strawberry.field(
        description="The Monday of the burn-up's first week, the week of the first gap analysis: `burnUp` is weekly "
        "from it, so a client that knows it needs not ask `weeks`. Null before a gap analysis."
    )
    weeks: list[date] = strawberry.field(
        description="The burn-up's weeks, by the Monday each starts on: weekly from the week of the first gap "
        "analysis to this week (or the latest milestone's); empty before a gap analysis."
    )
    burn_up: list[int] = strawberry.field(
        description="Milestones reached by the end of each of `weeks`, in that order: cumulative, never falling."
    )

    @classmethod
    def build(cls, found: MilestonesReached, today: date) -> MemberProgress:
        points = burn_up(found, today)
        return cls(
            since=found.since,
            total=len(MILESTONES),
            reached=len(found.reached),
            reached_on=[found.reached.get(m.key) for m in MILESTONES],
            first_week=points[0][0] if points else None,
            weeks=[week for week, _ in points],
            burn_up=[count for _, count in points],
        )


def burn_up(found: MilestonesReached, today: date) -> list[tuple[date, int]]:
    """A (Monday, milestones reached by that week's end) per week from the first gap analysis's week to today's (or
    the latest milestone's, if later)."""
    if found.since is None:
        return []
    days = sorted(found.reached.values())
    week = monday_of(found.since)
    last = monday_of(max([today, *days[-1:]]))
    points = []
    while week <= last:
        end = week + timedelta(days=6)
        points.append((week, sum(1 for day in days if day <= end)))
        week += WEEK
    return points


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())
