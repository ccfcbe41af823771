"""The sessions of a cluster's plan and the rules of its schedule: modules in order, members available, attendance."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from uuid import UUID

from domain.clusters.membership import Member, active_member
from domain.clusters.planner import HalfDay, PlannedSession, SessionKind
from domain.clusters.rules import SessionStatus, can_share_feedback
from domain.shared.calendar import business_date, past_date, spoken_date
from domain.shared.errors import ValidationFailed
from domain.shared.public_holidays import Place, first_day_off
from domain.shared.text import NAME_MAX_LENGTH, count_between, single_line

ATTENDEE_NAME_MAX_LENGTH = NAME_MAX_LENGTH
ATTENDEES_MAX = 30
HELD_HALF_DAYS_MAX = 10
HALF_DAYS = ("morning", "afternoon")
RECOMMENDED_ATTENDEES = 2
"""Two people per organisation at each session, so there is a backup (paper 004)."""


class MemberUnavailable(ValidationFailed):
    """A session would fall in a member's declared unavailability; the application names the member."""

    def __init__(self, organisation_id: UUID) -> None:
        super().__init__("on", "A member has declared itself unavailable then.")
        self.organisation_id = organisation_id


@dataclass(frozen=True)
class Session:
    """A planned session: training for the whole cluster, or a member's gap analysis or coaching."""

    key: str
    kind: str
    on: date
    half_day: str
    half_days: int
    module_number: int | None
    organisation_id: UUID | None
    status: SessionStatus = SessionStatus.SCHEDULED
    held_on: date | None = None
    held_half_days: int | None = None
    attended: tuple[str, ...] = ()
    """The organisations that sent someone to it, once held (what undoing "held" takes back from their effort)."""

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Session:
        organisation = record.get("organisation_id")
        return cls(
            key=record["key"],
            kind=record["kind"],
            on=date.fromisoformat(record["on"]),
            half_day=record["half_day"],
            half_days=record["half_days"],
            module_number=record.get("module_number"),
            organisation_id=UUID(organisation) if organisation else None,
        )

    @property
    def is_module(self) -> bool:
        return self.kind == "module" and self.module_number is not None

    def days_if_on(self, on: date) -> tuple[date, ...]:
        """The days the session would take if it started on `on`."""
        return PlannedSession(self.key, SessionKind(self.kind), on, HalfDay(self.half_day), self.half_days).days()


def session_in_plan(sessions: Mapping[str, Session], session_key: str) -> Session:
    session = sessions.get(session_key)
    if session is None:
        raise ValidationFailed("session_key", "No session with this key in the cluster's plan.")
    return session


def scheduled_session(sessions: Mapping[str, Session], session_key: str) -> Session:
    """The session, if it is still to be held (neither held nor cancelled)."""
    session = session_in_plan(sessions, session_key)
    if session.status is not SessionStatus.SCHEDULED:
        raise ValidationFailed("session_key", f"This session is already {session.status.value}.")
    return session


def session_in_status(sessions: Mapping[str, Session], session_key: str, status: SessionStatus) -> Session:
    """The session, if it is in `status` (held, to undo it; cancelled, to restore it)."""
    session = session_in_plan(sessions, session_key)
    if session.status is not status:
        raise ValidationFailed("session_key", f"This session is {_described(session.status)}, not {status.value}.")
    return session


def _described(status: SessionStatus) -> str:
    return "planned" if status is SessionStatus.SCHEDULED else status.value


def check_no_later_module_held(sessions: Mapping[str, Session], session: Session, correction: str) -> None:
    """A correction never leaves a module held after one that is not: a later module held since blocks it."""
    later = [
        s.module_number
        for s in _modules(sessions).values()
        if s.module_number and s.module_number > (session.module_number or 0) and s.status is SessionStatus.HELD
    ]
    if session.is_module and later:
        raise ValidationFailed(
            "session_key",
            f"Module {min(later)} has been held since: {correction} module {session.module_number} would leave a "
            "module held after one that is not. Undo the later one first.",
        )


def held(session: Session, held_on: date, half_days: int, attendance: Mapping[str, list[str]]) -> Session:
    """The session recorded as held, with who sent someone."""
    attended = tuple(organisation for organisation, names in attendance.items() if names)
    return replace(session, status=SessionStatus.HELD, held_on=held_on, held_half_days=half_days, attended=attended)


def planned_again(session: Session) -> Session:
    """The session back in the plan at its date: a holding undone or a cancellation restored."""
    return replace(session, status=SessionStatus.SCHEDULED, held_on=None, held_half_days=None, attended=())


def _modules(sessions: Mapping[str, Session]) -> dict[int, Session]:
    return {s.module_number: s for s in sessions.values() if s.is_module and s.module_number is not None}


def check_module_stays_in_order(sessions: Mapping[str, Session], session: Session, on: date) -> None:
    """A module moves between the previous module and the next one, never past them."""
    modules, number = _modules(sessions), session.module_number or 0
    before, after = modules.get(number - 1), modules.get(number + 1)
    if (before and on <= before.on) or (after and on >= after.on):
        bounds = f"after module {number - 1} ({before.on})" if before else ""
        bounds += (" and " if before and after else "") + (f"before module {number + 1} ({after.on})" if after else "")
        raise ValidationFailed("on", f"Module {number} is out of order there: keep it {bounds}.")


def check_previous_module_done(sessions: Mapping[str, Session], session: Session) -> None:
    """Modules are held in order: the previous one is held or cancelled first."""
    previous = _modules(sessions).get((session.module_number or 0) - 1)
    if previous is not None and previous.status is SessionStatus.SCHEDULED:
        raise ValidationFailed(
            "session_key", f"Module {previous.module_number} has not been held yet: modules are held in order."
        )


def check_move(sessions: Mapping[str, Session], session: Session, on: date, half_day: str) -> None:
    """A session moves to a business date and a half-day, a module staying between its neighbours."""
    business_date("on", on)
    if half_day not in HALF_DAYS:
        raise ValidationFailed("half_day", "Choose the morning or the afternoon.")
    if session.is_module:
        check_module_stays_in_order(sessions, session, on)


def check_holding(
    sessions: Mapping[str, Session], session: Session, started_on: date | None, held_on: date, half_days: int
) -> None:
    """A session is held on a past date once the cluster started, for 1 to 10 half-days, modules in order."""
    past_date("held_on", held_on)
    if started_on is None or held_on < started_on:
        raise ValidationFailed("held_on", f"Cannot be before the cluster started ({started_on or 'not yet'}).")
    count_between("half_days", half_days, 1, HELD_HALF_DAYS_MAX)
    if session.is_module:
        check_previous_module_done(sessions, session)
        check_held_after_previous_module(sessions, session, held_on)


def check_held_after_previous_module(sessions: Mapping[str, Session], session: Session, held_on: date) -> None:
    previous = _modules(sessions).get((session.module_number or 0) - 1)
    if previous is not None and previous.held_on is not None and held_on < previous.held_on:
        raise ValidationFailed(
            "held_on", f"Cannot be before module {previous.module_number} was held ({previous.held_on.isoformat()})."
        )


def check_everyone_available(
    members: Mapping[UUID, Member], affected: Iterable[UUID], session: Session, on: date
) -> None:
    """No member the session concerns has declared itself unavailable on any of its days (MemberUnavailable)."""
    days = session.days_if_on(on)
    for organisation_id in affected:
        if any(p.covers(day) for p in members[organisation_id].unavailability for day in days):
            raise MemberUnavailable(organisation_id)


def check_no_day_off(days: Iterable[date], places: Mapping[UUID, Place]) -> None:
    """No day of the session is a weekend or a public holiday of a member concerned, unless the move confirms it."""
    found = first_day_off(days, places.values())
    if found is not None:
        day, reason = found
        raise ValidationFailed(
            "on", f"{spoken_date(day)} is not a working day ({reason}): confirm to move the session there anyway."
        )


def cleaned_attendance(attendance: Mapping[UUID, list[str]], expected: set[UUID]) -> dict[str, list[str]]:
    """Who came from each expected organisation, names checked and blanks dropped."""
    names: dict[str, list[str]] = {}
    for organisation_id, attendees in attendance.items():
        if organisation_id not in expected:
            raise ValidationFailed(
                "attendance.organisation_id", "Attendance names an organisation not expected at this session."
            )
        if len(attendees) > ATTENDEES_MAX:
            raise ValidationFailed("attendance.attendees", f"At most {ATTENDEES_MAX} names per organisation.")
        cleaned = (
            single_line("attendance.attendees", name, ATTENDEE_NAME_MAX_LENGTH, required=False) for name in attendees
        )
        names[str(organisation_id)] = [name for name in cleaned if name]
    return names


def attendance_warning(attendees: list[str]) -> str | None:
    """What the coach should know about one member's attendance at a held session."""
    if not attendees:
        return "Absent: nobody from this organisation attended."
    if len(attendees) < RECOMMENDED_ATTENDEES:
        return "Only one person attended: the cluster approach recommends two, so there is a backup."
    return None


def check_feedback_allowed(
    members: Mapping[UUID, Member], sessions: Mapping[str, Session], session_key: str, organisation_id: UUID
) -> None:
    """Feedback is shared by an active member about a training session of the whole cluster that was held.

    Never about one member's own session: its key would tell everyone whose feedback it is.
    """
    active_member(members, "organisation_id", organisation_id)
    session = session_in_plan(sessions, session_key)
    if session.organisation_id is not None:
        raise ValidationFailed("session_key", "Feedback is shared about the cluster's training sessions.")
    if not can_share_feedback(session.organisation_id is None, session.status):
        raise ValidationFailed("session_key", "Feedback is shared about a session that has been held.")
