"""iCalendar feeds of a cluster's sessions, for the coach and for each member, with their time zone.

A session lasts half-days: mornings run 09:00-12:30 and afternoons 13:30-17:00 in the time zone of the
cluster's programme template. A session of several half-days becomes one event per day, so calendars show the
evenings free.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from uuid import UUID
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from backend.exports.naming import one_line
from domain.clusters.planner import HalfDay, PlannedSession, SessionKind
from projections.clusters.rows import ClusterRow, SessionRow

MORNING = (time(9, 0), time(12, 30))
AFTERNOON = (time(13, 30), time(17, 0))
PRODUCT_ID = "-//Cordee//Cluster programme//EN"


@dataclass(frozen=True)
class ClusterSessions:
    """A cluster's sessions as one person sees them; `names` turns a member session's organisation into words."""

    cluster: ClusterRow
    sessions: Iterable[SessionRow]
    names: dict[UUID, str]


def cluster_calendar(cluster: ClusterRow, sessions: Iterable[SessionRow], names: dict[UUID, str], host: str) -> bytes:
    """The sessions as an iCalendar file."""
    return calendar_of(one_line(cluster.name), [ClusterSessions(cluster, sessions, names)], host)


def calendar_of(title: str, clusters: Iterable[ClusterSessions], host: str) -> bytes:
    """One iCalendar file of the sessions of several clusters, each in its template's time zone."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", title)
    for entry in clusters:
        zone = ZoneInfo((entry.cluster.template or {}).get("time_zone", "Europe/Luxembourg"))
        for session in entry.sessions:
            for number, (starts, ends) in enumerate(_intervals(session, zone), start=1):
                calendar.add_component(_event(entry.cluster, session, entry.names, host, number, starts, ends))
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _event(
    cluster: ClusterRow,
    session: SessionRow,
    names: dict[UUID, str],
    host: str,
    number: int,
    starts: datetime,
    ends: datetime,
) -> Event:
    event = Event()
    member = one_line(names[session.organisation_id]) if session.organisation_id in names else None
    event.add("uid", f"{cluster.cluster_id}-{session.key}-{number}@{host}")
    event.add("summary", f"{session.title} ({member})" if member else session.title)
    event.add("dtstart", starts)
    event.add("dtend", ends)
    event.add("dtstamp", datetime.combine(cluster.plan_starts_on or session.scheduled_on, time(0), ZoneInfo("UTC")))
    event.add("description", f"{one_line(cluster.name)}: {session.title}")
    event.add("status", {"cancelled": "CANCELLED"}.get(session.status, "CONFIRMED"))
    return event


def _intervals(session: SessionRow, zone: ZoneInfo) -> list[tuple[datetime, datetime]]:
    """Each day of the session with its hours: the first day from its starting half-day, the last until its end."""
    on = session.held_on or session.scheduled_on
    length = session.held_half_days or session.half_days
    planned = PlannedSession(session.key, SessionKind(session.kind), on, HalfDay(session.half_day), length)
    days = planned.days()
    remaining = length
    intervals = []
    for index, day in enumerate(days):
        first_slot = AFTERNOON if index == 0 and session.half_day == HalfDay.AFTERNOON else MORNING
        slots_today = 1 if first_slot is AFTERNOON else min(2, remaining)
        last_slot = AFTERNOON if slots_today == 2 or first_slot is AFTERNOON else MORNING
        intervals.append((_at(day, first_slot[0], zone), _at(day, last_slot[1], zone)))
        remaining -= slots_today
    return intervals


def _at(day: date, moment: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, moment, tzinfo=zone)
