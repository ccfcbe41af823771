"""Shaping what the API answers about a cluster into what its pages show. Pure functions, no I/O."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from frontend.site.filters import day, label

Row = dict[str, Any]

HALF_DAYS = (("morning", "Morning"), ("afternoon", "Afternoon"))


@dataclass(frozen=True)
class Cycle:
    """One stretch of the programme: the start (gap analyses, initial training), or a module and its coaching."""

    title: str
    sessions: list[Row]


def cycles(sessions: Iterable[Row]) -> list[Cycle]:
    """Sessions by cycle, each in date order: the start first, then each module with the coaching that follows it."""
    by_module: dict[int, list[Row]] = defaultdict(list)
    for session in sessions:
        by_module[session["moduleNumber"] or 0].append(session)
    return [
        Cycle(_cycle_title(number, grouped), sorted(grouped, key=_when))
        for number, grouped in sorted(by_module.items())
    ]


def _cycle_title(number: int, sessions: list[Row]) -> str:
    if number == 0:
        return "Gap analyses and initial training"
    module = next((session for session in sessions if session["kind"] == "module"), None)
    return module["title"] if module else f"Module {number}"


def _when(session: Row) -> tuple[str, bool]:
    return session["scheduledOn"], session["halfDay"] != "morning"


def clashing(clashes: Iterable[Row]) -> dict[str, list[str]]:
    """The organisations unavailable for each clashing session, by session key."""
    affected: dict[str, list[str]] = defaultdict(list)
    for clash in clashes:
        affected[clash["sessionKey"]].append(clash["organisationName"])
    return dict(affected)


def active_members(cluster: Row) -> list[Row]:
    return [member for member in cluster["members"] if member["active"]]


def organisation_options(members: Iterable[Row]) -> list[tuple[str, str]]:
    return [(member["organisation"]["id"], member["organisation"]["name"]) for member in members]


def organisation_ids(cluster: Row) -> dict[str, str]:
    """Member organisations' ids by name, to link a session's member (which the API names) to its page."""
    return {name: organisation_id for organisation_id, name in organisation_options(cluster["members"])}


def moved(key: str, outcome: dict[str, Any]) -> str:
    """Where the session went, and whether a member is still unavailable then."""
    cluster = outcome["cluster"]
    session = next(s for s in cluster["sessions"] if s["key"] == key)
    when = f"{day(session['scheduledOn'])}, {label(session['halfDay']).lower()}"
    unavailable = [clash["organisationName"] for clash in cluster["clashes"] if clash["sessionKey"] == key]
    dayoff = session.get("dayOff")
    off = f" It falls on a day off ({day(dayoff['on'])}, {dayoff['reason']}), as you confirmed." if dayoff else ""
    if unavailable:
        return f"{session['title']} moved to {when}. It still clashes: {', '.join(unavailable)} unavailable.{off}"
    return f"{session['title']} moved to {when}; no member is unavailable then.{off}"
