"""A member's progress since its first gap analysis, as a burn-up drawn from its history (the audit trail's
events, `projections/trail/milestones.py`): the milestones of certification readiness with the day each was first
reached, and weekly points of how many were reached by then, against their total (the burn-up's scope)."""

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
    reached_on: date | None = strawberry.field(description="The day of the first event that reached it; null if not.")


@strawberry.type(description="One week of the burn-up.")
class BurnUpPoint:
    week_start: date = strawberry.field(description="The Monday the week starts on.")
    reached: int = strawberry.field(description="Milestones reached by the end of that week.")


@strawberry.type(
    description="A member's progress since its first gap analysis, drawn from its history (events, not snapshots)."
)
class MemberProgress:
    since: date | None = strawberry.field(description="The visit of its first gap analysis; null before one.")
    total: int = strawberry.field(description="Every milestone: the burn-up's scope line.")
    reached: int
    milestones: list[ProgressMilestone]
    burn_up: list[BurnUpPoint] = strawberry.field(
        description="Weekly from the week of the first gap analysis to this week (or the latest milestone's): "
        "cumulative, never falling; empty before a gap analysis."
    )

    @classmethod
    def build(cls, found: MilestonesReached, today: date) -> MemberProgress:
        milestones = [
            ProgressMilestone(
                key=m.key, clause=m.clause, title=m.title, step=m.step, reached_on=found.reached.get(m.key)
            )
            for m in MILESTONES
        ]
        return cls(
            since=found.since,
            total=len(MILESTONES),
            reached=len(found.reached),
            milestones=milestones,
            burn_up=burn_up(found, today),
        )


def burn_up(found: MilestonesReached, today: date) -> list[BurnUpPoint]:
    """A point per week from the first gap analysis's week to today's (or the latest milestone's, if later)."""
    if found.since is None:
        return []
    days = sorted(found.reached.values())
    week = monday_of(found.since)
    last = monday_of(max([today, *days[-1:]]))
    points = []
    while week <= last:
        end = week + timedelta(days=6)
        points.append(BurnUpPoint(week_start=week, reached=sum(1 for day in days if day <= end)))
        week += WEEK
    return points


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())
