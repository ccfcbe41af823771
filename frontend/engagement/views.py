"""Shaping what the API answers about one member into what its page shows. Pure functions, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Row = dict[str, Any]

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
    "isms_established": NextStep("established", "Record the ISMS as established"),
    "certification_audit_planned": NextStep("audit", "Plan the certification audit"),
    "certified": NextStep("certified", "Record the certification"),
}
"""The form of each outcome the API says the viewer may record next (`ClusterMember.viewerCan.recordOutcome`)."""


def latest_levels(assessments: list[Row], listed: list[Area]) -> dict[str, str]:
    """The latest assessment's level of each area, by form field, to start a re-assessment from."""
    if not assessments:
        return {}
    fields = {area.api_name: area.field for area in listed}
    latest = assessments[-1]["levels"]
    return {fields[level["area"]]: str(level["level"]) for level in latest if level["area"] in fields}
