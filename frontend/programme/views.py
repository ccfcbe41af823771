"""Shaping what the API answers into what the programme pages show. Pure functions, no I/O."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment

Row = dict[str, Any]

LABELS = {
    "in_progress": "In progress",
    "isms_established": "ISMS established",
    "certification_audit_planned": "Certification audit planned",
    "gap_analysis": "Gap analysis",
    "initial_training": "Initial training",
    "worked": "Worked",
    "hard": "Hard",
}
"""Words for the API's codes where capitalising the code does not read well."""

HALF_DAYS = (("morning", "Morning"), ("afternoon", "Afternoon"))
FEEDBACK_KINDS = (("worked", "What worked"), ("hard", "What was hard"))
LEVELS = tuple((str(level), str(level)) for level in range(6))


@dataclass(frozen=True)
class Area:
    """An area of the gap analysis: a clause of ISO/IEC 27001 or a theme of its Annex A."""

    group: str
    code: str
    title: str

    @property
    def field(self) -> str:
        """The name of its control in the assessment form."""
        return f"{self.group}-{self.code}"

    @property
    def api_name(self) -> str:
        """How an assessment's levels name it."""
        return f"{self.group} {self.code}"


def areas(listed: list[Row]) -> tuple[list[Area], list[Area]]:
    """The clauses and the Annex A themes, from the API's `maturityAreas`."""
    found = [Area(a["group"], a["code"], a["title"]) for a in listed]
    return [a for a in found if a.group == "clause"], [a for a in found if a.group == "theme"]


@dataclass(frozen=True)
class NextStep:
    """The outcome a member records next: `form` names the form (and its route), `title` says what it does."""

    form: str
    title: str


NEXT_STEPS = {
    "in_progress": NextStep("established", "Record the ISMS as established"),
    "isms_established": NextStep("audit", "Plan the certification audit"),
    "certification_audit_planned": NextStep("certified", "Record the certification"),
}


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
    return [member for member in cluster["members"] if member["outcome"]["status"] != "withdrawn"]


def organisation_options(members: Iterable[Row]) -> list[tuple[str, str]]:
    return [(member["organisation"]["id"], member["organisation"]["name"]) for member in members]


def organisation_ids(cluster: Row) -> dict[str, str]:
    """Member organisations' ids by name, to link a session's member (which the API names) to its page."""
    return {name: organisation_id for organisation_id, name in organisation_options(cluster["members"])}


def module_options(titles: list[str]) -> list[tuple[str, str]]:
    return [(str(number), f"{number}. {title}") for number, title in enumerate(titles, start=1)]


def latest_levels(assessments: list[Row], listed: list[Area]) -> dict[str, str]:
    """The latest assessment's level of each area, by form field, to start a re-assessment from."""
    if not assessments:
        return {}
    fields = {area.api_name: area.field for area in listed}
    latest = assessments[-1]["levels"]
    return {fields[level["area"]]: str(level["level"]) for level in latest if level["area"] in fields}


def effort_chart(effort: Row) -> dict[str, Any]:
    """The effort report as the chart script reads it: days per member, stacked, beside the baseline."""
    members = effort["members"]
    return {
        "labels": [member["organisationName"] for member in members],
        "series": [
            {"label": "Gap analysis", "days": [member["gapAnalysisDays"] for member in members]},
            {"label": "Training attended", "days": [member["trainingDaysAttended"] for member in members]},
            {"label": "Coaching", "days": [member["coachingDays"] for member in members]},
        ],
        "baseline": effort["singleOrganisationBaselineDays"],
    }


def label(code: str | None) -> str:
    if not code:
        return ""
    return LABELS.get(code, code.replace("_", " ").capitalize())


def signed(change: int | None) -> str:
    """A change in level as +n, or -n with a real minus sign; a dash before a second assessment."""
    if change is None:
        return "—"
    if change == 0:
        return "±0"
    return f"+{change}" if change > 0 else f"\N{MINUS SIGN}{-change}"


def days(value: float | None) -> str:
    """4.0 as 4, 7.5 as 7.5."""
    return "—" if value is None else f"{value:g}"


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f} %"


def install_filters(environment: Environment) -> None:
    environment.filters.update(label=label, signed=signed, days=days, percent=percent)
