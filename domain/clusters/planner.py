"""A proposed calendar for a cluster's programme, worked out from the template and the members' unavailability.

The rules, in the order the planner applies them:

- Sessions fall only on working days, Monday to Friday; a start date at a weekend moves to the Monday.
  A whole-cluster session (initial training, modules) is placed only on days when no member is unavailable or on a
  public holiday of its own country and region; a member's own session (gap analysis, coaching) only on days when
  that member is available and at work. (The notes call a member on a public holiday unavailable.)
- Gap analyses come first: each member gets the template's on-site half-days (at least one, starting in the
  morning) on consecutive working days. The coach visits one organisation a day, so no two gap analyses share a
  day. Members are served in sorted order, each on the earliest free working days on or after the start date.
- The initial training (skipped when the template gives it no half-days) starts in the morning of the earliest
  working day after the last gap analysis day and runs on consecutive working days (Friday then Monday counts as
  consecutive), every one of them free for every member.
- Each training module is one morning. Module 1 lies between `cycle_weeks_min` and `cycle_weeks_max` weeks after
  the start of the initial training (without one: after the last gap analysis day; without members either: after
  the first working day of the programme); module k lies the same distance after module k-1. The earliest free day
  in that window is taken. When no day in the window is free, the module goes to the first free day after it and
  a note names the dates and the members who were unavailable.
- After each module, each member gets one afternoon of coaching, at least 7 days after the module and before the
  next module (after the last module: within `cycle_weeks_max` weeks). The coach cannot be in two places, so there
  is at most one coaching session a working day, and none on a day that holds a gap analysis, the initial training
  or a module. Members are served in sorted order, each on the earliest day of that window on which the member is
  available and the coach is not already taken. When there is none, the member gets no coaching for that cycle and
  a note says why (naming the members whose coaching took the days the member could have had).
- Nothing is planned more than about three years after the start date; a calendar that would need more is refused
  with `ValidationFailed("starts_on", ...)`.

The module is pure: no clock, no randomness, no I/O. Members are processed in sorted order, so the same input always
gives the same proposal.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from uuid import UUID

from domain.programme_template.template import ProgrammeTemplate
from domain.shared.calendar import business_date, spoken_date
from domain.shared.errors import ValidationFailed
from domain.shared.public_holidays import Place, public_holidays

HORIZON = timedelta(days=3 * 365 + 1)
"""How far after the start date the planner looks before it gives up."""

COACHING_DELAY = timedelta(days=7)
"""Coaching follows a module by at least a week, so the members have time to apply what they learnt."""

ONE_DAY = timedelta(days=1)
_spoken = spoken_date


class SessionKind(StrEnum):
    GAP_ANALYSIS = "gap_analysis"
    INITIAL_TRAINING = "initial_training"
    MODULE = "module"
    COACHING = "coaching"


class HalfDay(StrEnum):
    MORNING = "morning"
    AFTERNOON = "afternoon"


@dataclass(frozen=True)
class Period:
    """A time a member cannot take part in any session; both ends inclusive."""

    starts_on: date
    ends_on: date

    def __post_init__(self) -> None:
        if self.ends_on < self.starts_on:
            raise ValidationFailed("ends_on", f"Cannot be before the start ({self.starts_on.isoformat()}).")

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True)
class PlannedSession:
    """One session of the proposed calendar.

    Keys stay the same from one proposal to the next: "gap-analysis:<organisation>", "initial-training",
    "module:<n>" (n from 1) and "coaching:<n>:<organisation>" for the coaching that follows up module n.
    `organisation_id` is None for a whole-cluster session; `module_number` is the module given or followed up.
    """

    key: str
    kind: SessionKind
    on: date
    half_day: HalfDay
    half_days: int
    module_number: int | None = None
    organisation_id: UUID | None = None

    def as_record(self) -> dict[str, object]:
        """The session as plain JSON values, as the accepted plan stores it."""
        return {
            "key": self.key,
            "kind": self.kind.value,
            "on": self.on.isoformat(),
            "half_day": self.half_day.value,
            "half_days": self.half_days,
            "module_number": self.module_number,
            "organisation_id": None if self.organisation_id is None else str(self.organisation_id),
        }

    def days(self) -> tuple[date, ...]:
        """The working days the session occupies: three half-days from a morning take two working days."""
        starting_afternoon = 1 if self.half_day is HalfDay.AFTERNOON else 0
        return working_days_from(self.on, -(-(self.half_days + starting_afternoon) // 2))


@dataclass(frozen=True)
class PlanNote:
    """Why a session is not where the rules would normally put it, in words a coach can act on."""

    key: str
    message: str


@dataclass(frozen=True)
class PlanProposal:
    starts_on: date
    sessions: tuple[PlannedSession, ...]
    notes: tuple[PlanNote, ...]

    def fingerprint(self) -> str:
        """A digest of the start date and the sessions, to tell whether a stored plan is still the one proposed."""
        canonical = json.dumps(
            {"starts_on": self.starts_on.isoformat(), "sessions": [s.as_record() for s in self.sessions]},
            sort_keys=True,
            separators=(",", ":"),
        )
        return hashlib.sha256(canonical.encode()).hexdigest()


def is_working_day(day: date) -> bool:
    return day.weekday() < 5


def working_days_from(first: date, count: int) -> tuple[date, ...]:
    """`first` and the working days after it, `count` days in all."""
    days = [first]
    day = first
    while len(days) < count:
        day += ONE_DAY
        if is_working_day(day):
            days.append(day)
    return tuple(days)


def affected_members(session: PlannedSession, members: Iterable[UUID]) -> tuple[UUID, ...]:
    """The members who must attend: all of them for a whole-cluster session, else the member concerned (if listed)."""
    listed = sorted(set(members))
    if session.organisation_id is None:
        return tuple(listed)
    return (session.organisation_id,) if session.organisation_id in listed else ()


def clashes(
    sessions: Iterable[PlannedSession], unavailability: Mapping[UUID, Sequence[Period]]
) -> list[tuple[str, UUID]]:
    """(session key, member) for every session day inside the unavailability of a member who must attend."""
    found = {
        (session.key, member)
        for session in sessions
        for member in affected_members(session, unavailability)
        for day in session.days()
        if any(period.covers(day) for period in unavailability[member])
    }
    return sorted(found)


def propose_plan(
    starts_on: date,
    template: ProgrammeTemplate,
    unavailability: Mapping[UUID, Sequence[Period]],
    holidays: Mapping[UUID, Collection[date]] | None = None,
) -> PlanProposal:
    """The earliest calendar that follows the rules above; the members are the keys of `unavailability`, and
    `holidays` gives the public holidays of those whose place is known."""
    business_date("starts_on", starts_on)
    _check_template(template)
    members = sorted(unavailability)
    days_off = {member: frozenset((holidays or {}).get(member, ())) for member in members}
    calendar = _Calendar(starts_on, {member: tuple(unavailability[member]) for member in members}, days_off)
    planner = _Planner(calendar, template)
    planner.plan_gap_analyses()
    planner.plan_initial_training()
    planner.plan_modules()
    planner.plan_coaching()
    return PlanProposal(starts_on, tuple(sorted(planner.sessions, key=_date_order)), tuple(planner.notes))


def _check_template(template: ProgrammeTemplate) -> None:
    if template.cycle_weeks_min < 1:
        raise ValidationFailed("cycle_weeks_min", "A cycle lasts at least one week.")
    if template.cycle_weeks_max < template.cycle_weeks_min:
        raise ValidationFailed("cycle_weeks_max", "Cannot be shorter than the shortest cycle.")
    if template.initial_training_half_days < 0:
        raise ValidationFailed("initial_training_half_days", "Cannot be negative.")


@dataclass(frozen=True)
class _Calendar:
    """Who is available when, and how far the planner may look."""

    starts_on: date
    unavailability: Mapping[UUID, tuple[Period, ...]]
    holidays: Mapping[UUID, frozenset[date]]

    @property
    def members(self) -> tuple[UUID, ...]:
        return tuple(self.unavailability)

    @property
    def last_day(self) -> date:
        return self.starts_on + HORIZON

    def is_free_for(self, member: UUID, day: date) -> bool:
        return is_working_day(day) and not self.is_away(member, day)

    def is_free_for_all(self, day: date) -> bool:
        return is_working_day(day) and not any(self.is_away(member, day) for member in self.unavailability)

    def is_away(self, member: UUID, day: date) -> bool:
        return day in self.holidays[member] or any(period.covers(day) for period in self.unavailability[member])

    def unavailable_on(self, day: date) -> tuple[UUID, ...]:
        return tuple(member for member in self.unavailability if self.is_away(member, day))

    def first_start(self, first: date, last: date, half_days: int, fits: Callable[[date], bool]) -> date | None:
        """The earliest day from `first` to `last` on which a morning session of `half_days` fits entirely."""
        day = first
        while day <= last:
            if is_working_day(day) and all(fits(d) for d in working_days_from(day, -(-half_days // 2))):
                return day
            day += ONE_DAY
        return None

    def refuse(self, what: str) -> ValidationFailed:
        return ValidationFailed(
            "starts_on",
            f"No plan fits within three years of {_spoken(self.starts_on)}: {what} finds no free working day "
            f"until {_spoken(self.last_day)}. Check the members' declared unavailability.",
        )


class _Planner:
    """Places the sessions kind by kind, each kind after the ones it depends on."""

    def __init__(self, calendar: _Calendar, template: ProgrammeTemplate) -> None:
        self.calendar = calendar
        self.template = template
        self.sessions: list[PlannedSession] = []
        self.notes: list[PlanNote] = []
        self.gap_analyses: list[PlannedSession] = []
        self.initial_training: PlannedSession | None = None
        self.modules: list[PlannedSession] = []

    def plan_gap_analyses(self) -> None:
        half_days = max(1, self.template.gap_analysis_on_site_half_days)
        visited: set[date] = set()
        for member in self.calendar.members:

            def fits(day: date, member: UUID = member) -> bool:
                return day not in visited and self.calendar.is_free_for(member, day)

            on = self.calendar.first_start(self.calendar.starts_on, self.calendar.last_day, half_days, fits)
            if on is None:
                raise self.calendar.refuse(f"the gap analysis of {member}")
            key = f"gap-analysis:{member}"
            session = PlannedSession(key, SessionKind.GAP_ANALYSIS, on, HalfDay.MORNING, half_days, None, member)
            visited.update(session.days())
            self._add(session)
            self.gap_analyses.append(session)

    def plan_initial_training(self) -> None:
        half_days = self.template.initial_training_half_days
        if half_days == 0:
            return
        first = self._day_after_last_session()
        on = self.calendar.first_start(first, self.calendar.last_day, half_days, self.calendar.is_free_for_all)
        if on is None:
            raise self.calendar.refuse("the initial training")
        kind = SessionKind.INITIAL_TRAINING
        self.initial_training = PlannedSession("initial-training", kind, on, HalfDay.MORNING, half_days)
        self._add(self.initial_training)

    def plan_modules(self) -> None:
        reference, reference_name = self._first_cycle_reference()
        for number in range(1, len(self.template.modules) + 1):
            on = self._plan_module(number, reference, reference_name)
            reference, reference_name = on, f"module {number}"

    def plan_coaching(self) -> None:
        booked = {day: session for session in self.sessions for day in session.days()}
        for index, module in enumerate(self.modules):
            first = module.on + COACHING_DELAY
            if index + 1 < len(self.modules):
                last, until = self.modules[index + 1].on - ONE_DAY, f"the day before module {index + 2}"
            else:
                last, until = module.on + timedelta(weeks=self.template.cycle_weeks_max), "the end of the last cycle"
            for member in self.calendar.members:
                self._plan_coaching(index + 1, member, first, last, until, booked)

    def _plan_module(self, number: int, reference: date, reference_name: str) -> date:
        window_start = reference + timedelta(weeks=self.template.cycle_weeks_min)
        window_end = reference + timedelta(weeks=self.template.cycle_weeks_max)
        earliest = max(window_start, self._day_after_last_session())
        free = self.calendar.is_free_for_all
        on = self.calendar.first_start(earliest, window_end, 1, free)
        if on is None:
            on = self.calendar.first_start(max(earliest, window_end + ONE_DAY), self.calendar.last_day, 1, free)
            if on is None:
                raise self.calendar.refuse(f"module {number}")
            self._note_late_module(number, on, reference, reference_name, earliest, window_end)
        session = PlannedSession(f"module:{number}", SessionKind.MODULE, on, HalfDay.MORNING, 1, module_number=number)
        self._add(session)
        self.modules.append(session)
        return on

    def _plan_coaching(
        self, number: int, member: UUID, first: date, last: date, until: str, booked: dict[date, PlannedSession]
    ) -> None:
        """Coaching on the earliest day of the window free for the member and the coach; `booked` takes the day."""
        key = f"coaching:{number}:{member}"

        def fits(day: date) -> bool:
            return day not in booked and self.calendar.is_free_for(member, day)

        on = self.calendar.first_start(first, last, 1, fits)
        if on is not None:
            session = PlannedSession(key, SessionKind.COACHING, on, HalfDay.AFTERNOON, 1, number, member)
            booked[on] = session
            self._add(session)
            return
        working_days = _working_days_between(first, last)
        available = [day for day in working_days if not self.calendar.is_away(member, day)]
        if not working_days:
            reason = f"module {number + 1} follows within a week, which leaves no day for coaching"
        elif not available:
            reason = f"the member is unavailable on every working day from {_spoken(first)} to {_spoken(last)}, {until}"
        else:
            reason = (
                f"from {_spoken(first)} to {_spoken(last)}, {until}, every working day on which the member is "
                f"available is already taken by {_taken_by(booked[day] for day in available)}"
            )
            if len(available) < len(working_days):
                reason += ", and the member is unavailable on the other working days"
        self.notes.append(PlanNote(key, f"No coaching for {member} after module {number}: {reason}."))

    def _note_late_module(
        self, number: int, on: date, reference: date, reference_name: str, earliest: date, window_end: date
    ) -> None:
        maximum = self.template.cycle_weeks_max
        opening = (
            f"Module {number} is on {_spoken(on)}, {(on - reference).days} days after {reference_name} "
            f"({_spoken(reference)}): the cycle is longer than {maximum} weeks because "
        )
        working_days = _working_days_between(earliest, window_end)
        if not working_days:
            reason = f"the previous session lasts until {_spoken(earliest - ONE_DAY)}."
        else:
            blockers = sorted({m for day in working_days for m in self.calendar.unavailable_on(day)})
            reason = (
                f"on every working day from {_spoken(working_days[0])} to {_spoken(working_days[-1])} at least one "
                f"member is unavailable ({', '.join(str(m) for m in blockers)})."
            )
        self.notes.append(PlanNote(f"module:{number}", opening + reason))

    def _first_cycle_reference(self) -> tuple[date, str]:
        if self.initial_training is not None:
            return self.initial_training.on, "the start of the initial training"
        if self.gap_analyses:
            return max(day for s in self.gap_analyses for day in s.days()), "the last gap analysis day"
        first = next(day for day in working_days_from(self.calendar.starts_on, 2) if is_working_day(day))
        return first, "the start of the programme"

    def _day_after_last_session(self) -> date:
        if not self.sessions:
            return self.calendar.starts_on
        return max(day for session in self.sessions for day in session.days()) + ONE_DAY

    def _add(self, session: PlannedSession) -> None:
        self.sessions.append(session)


def members_holidays(places: Mapping[UUID, Place], starts_on: date) -> dict[UUID, frozenset[date]]:
    """The public holidays of each member whose place is known, as far as the planner looks from `starts_on`."""
    years = range(starts_on.year, (starts_on + HORIZON).year + 2)
    return {member: frozenset(public_holidays(*place, years)) for member, place in places.items()}


def _working_days_between(first: date, last: date) -> list[date]:
    every_day = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [day for day in every_day if is_working_day(day)]


def _taken_by(sessions: Iterable[PlannedSession]) -> str:
    """Who holds the coach on the given days: "other members' coaching (<organisations>)" and any other sessions."""
    takers = set(sessions)
    coached = sorted({s.organisation_id for s in takers if s.kind is SessionKind.COACHING and s.organisation_id})
    others = sorted(s.key for s in takers if s.kind is not SessionKind.COACHING)
    parts = [f"other members' coaching ({', '.join(str(m) for m in coached)})"] if coached else []
    if others:
        parts.append(f"other sessions ({', '.join(others)})")
    return " and ".join(parts)


def _date_order(session: PlannedSession) -> tuple[date, int, str]:
    return session.on, 0 if session.half_day is HalfDay.MORNING else 1, session.key
