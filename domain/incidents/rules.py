"""What may be done to an incident and how its times are measured, as pure functions: one definition each, for the
aggregate, the read side and the API."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from itertools import pairwise


class Severity(StrEnum):
    """From the most severe to the least: the higher the severity, the shorter every target (paper 000, 4)."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


SEVERITIES = tuple(s.value for s in Severity)
"""Most severe first."""


class Status(StrEnum):
    REPORTED = "reported"
    ACKNOWLEDGED = "acknowledged"
    RESTORED = "restored"
    CLOSED = "closed"


STATUSES = tuple(s.value for s in Status)


class Level(StrEnum):
    """Who handles the incident: the service desk, then the provider or the customer's local IT, then the vendor or a
    partner."""

    FIRST = "first"
    SECOND = "second"
    THIRD = "third"


LEVELS = tuple(level.value for level in Level)


class Target(StrEnum):
    """What the service levels time, each from the report: the reaction (acknowledged), the escalation (first handed
    to a level) and the recovery (restored)."""

    REACTION = "reaction"
    ESCALATION = "escalation"
    RECOVERY = "recovery"


TARGETS = tuple(t.value for t in Target)

LONGEST_TARGET_MINUTES = 60 * 24 * 90
"""Ninety days: a longer target is no service level."""

OUTAGE_SEVERITIES = frozenset({Severity.CRITICAL.value, Severity.HIGH.value})
"""Critical and high incidents are outages: their time counts against the service's availability; medium and low
ones are degradations, reported by number only."""


def is_open(status: str) -> bool:
    """Open until restored: monitoring updates an open incident of the same host and service, never a restored one."""
    return status in (Status.REPORTED, Status.ACKNOWLEDGED)


def can_acknowledge(status: str) -> bool:
    return status == Status.REPORTED


def can_escalate(status: str, level: str | None) -> bool:
    """An open incident below the third level may go one level up."""
    return is_open(status) and level != Level.THIRD


def next_level(level: str | None) -> str:
    """Escalation goes one level at a time: first, then second, then third."""
    return LEVELS[0] if level is None else LEVELS[LEVELS.index(level) + 1]


def can_restore(status: str) -> bool:
    return is_open(status)


def can_close(status: str) -> bool:
    return status == Status.RESTORED


def can_link(status: str) -> bool:
    return status != Status.CLOSED


def can_open_nonconformity(status: str, lessons_learned: str | None) -> bool:
    """A nonconformity is opened from the lessons of a closed incident: an open one has none yet."""
    return status == Status.CLOSED and bool(lessons_learned)


def counts_as_outage(severity: str) -> bool:
    return severity in OUTAGE_SEVERITIES


@dataclass(frozen=True)
class Targets:
    """The minutes allowed, from the report, for one severity."""

    reaction: int
    escalation: int
    recovery: int

    def minutes(self, target: str) -> int:
        return int(getattr(self, target))


def targets_problem(targets: Mapping[str, Targets]) -> tuple[str, str] | None:
    """The first (field, message) at fault in a whole table of targets, or None: every severity has its three
    targets, each from 1 minute to 90 days, reaction ≤ escalation ≤ recovery, and a more severe incident never has a
    longer target than a less severe one."""
    for severity in SEVERITIES:
        if severity not in targets:
            return f"{severity}.reaction", "Give the targets of every severity."
        given = targets[severity]
        for target in TARGETS:
            if not 1 <= given.minutes(target) <= LONGEST_TARGET_MINUTES:
                return f"{severity}.{target}", f"Must be from 1 to {LONGEST_TARGET_MINUTES:,} minutes."
        if given.escalation < given.reaction:
            return f"{severity}.escalation", "Escalate no sooner than the reaction: at least the reaction's minutes."
        if given.recovery < given.escalation:
            return f"{severity}.recovery", "Recover no sooner than the escalation: at least the escalation's minutes."
    for more, less in pairwise(SEVERITIES):
        for target in TARGETS:
            if targets[more].minutes(target) > targets[less].minutes(target):
                return f"{more}.{target}", f"A {more} incident needs a target no longer than a {less} one."
    return None


def due_at(reported_at: datetime, targets: Targets | None, target: str) -> datetime | None:
    return None if targets is None else reported_at + timedelta(minutes=targets.minutes(target))


def breached(due: datetime | None, met_at: datetime | None, now: datetime) -> bool:
    """A target is breached once it is met late, or, while it is not met, as soon as its time has passed."""
    if due is None:
        return False
    return (met_at if met_at is not None else now) > due


def outage_minutes(periods: Iterable[tuple[datetime, datetime]], start: datetime, end: datetime) -> float:
    """Minutes within [start, end) covered by any of the periods; overlapping periods count once."""
    clipped = sorted((max(s, start), min(e, end)) for s, e in periods if s < end and e > start)
    total = timedelta()
    current_start: datetime | None = None
    current_end: datetime | None = None
    for s, e in clipped:
        if current_end is None or s > current_end:
            if current_start is not None and current_end is not None:
                total += current_end - current_start
            current_start, current_end = s, e
        else:
            current_end = max(current_end, e)
    if current_start is not None and current_end is not None:
        total += current_end - current_start
    return total.total_seconds() / 60


def availability_percent(outage: float, start: datetime, end: datetime) -> float:
    """The share of the period the service was up, as a percentage with two decimals."""
    period = (end - start).total_seconds() / 60
    return round(100 * (1 - outage / period), 2) if period > 0 else 100.0
