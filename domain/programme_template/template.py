"""The programme template: the shape of a cluster's programme, versioned per consultancy.

The default is the cluster approach of paper 004: a gap analysis of half a day on site plus half a day of
result analysis per organisation; an initial training of 1.5 days; ten half-day training modules; individual
coaching up to 14 days (28 half-days) per organisation; training/coaching cycles of 3 to 4 weeks; clusters of
3 to 5 organisations.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from domain.shared.errors import ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, count_between, single_line

MODULES_MAX = 30
"""Three times the paper's ten modules: room for any real programme, and a bound on the planner's work."""
MODULE_TITLE_MAX_LENGTH = NAME_MAX_LENGTH
TIME_ZONE_MAX_LENGTH = 64

PAPER_MODULES = (
    "Scope, ISMS policy and assets",
    "Risk assessment",
    "Risk treatment and treatment plan",
    "Document management",
    "Security policy, security measures and effectiveness (part 1)",
    "Security policy, security measures and effectiveness (part 2)",
    "Human resources management",
    "Incident management and continual improvement",
    "Management review of the ISMS",
    "Audit",
)


@dataclass(frozen=True)
class ProgrammeTemplate:
    """All durations in half-days; each training module is one half-day session."""

    version: int = 1
    gap_analysis_on_site_half_days: int = 1
    gap_analysis_result_half_days: int = 1
    initial_training_half_days: int = 3
    modules: tuple[str, ...] = PAPER_MODULES
    coaching_ceiling_half_days: int = 28
    cycle_weeks_min: int = 3
    cycle_weeks_max: int = 4
    cluster_size_min: int = 3
    cluster_size_max: int = 5
    time_zone: str = "Europe/Luxembourg"

    def __deepcopy__(self, memo: dict[int, Any]) -> ProgrammeTemplate:
        return self  # frozen, and made of immutable values

    @property
    def training_days(self) -> float:
        return (self.initial_training_half_days + len(self.modules)) / 2

    @property
    def gap_analysis_half_days(self) -> int:
        return self.gap_analysis_on_site_half_days + self.gap_analysis_result_half_days

    def checked(self) -> ProgrammeTemplate:
        """The template if every value makes sense; otherwise a refusal naming the field."""
        if not self.modules:
            raise ValidationFailed("modules", "A programme has at least one training module.")
        if len(self.modules) > MODULES_MAX:
            raise ValidationFailed("modules", f"A programme has at most {MODULES_MAX} training modules.")
        modules = tuple(
            single_line(f"modules.{number}", title, MODULE_TITLE_MAX_LENGTH)
            for number, title in enumerate(self.modules, start=1)
        )
        count_between("gap_analysis_on_site_half_days", self.gap_analysis_on_site_half_days, 0, 20)
        count_between("gap_analysis_result_half_days", self.gap_analysis_result_half_days, 0, 20)
        count_between("initial_training_half_days", self.initial_training_half_days, 0, 20)
        count_between("coaching_ceiling_half_days", self.coaching_ceiling_half_days, 0, 200)
        count_between("cycle_weeks_min", self.cycle_weeks_min, 1, 12)
        count_between("cycle_weeks_max", self.cycle_weeks_max, self.cycle_weeks_min, 12)
        count_between("cluster_size_min", self.cluster_size_min, 2, 50)
        count_between("cluster_size_max", self.cluster_size_max, self.cluster_size_min, 50)
        return replace(self, modules=modules, time_zone=checked_time_zone(self.time_zone))

    def as_record(self) -> dict[str, Any]:
        """The template as stored in events (plain JSON values)."""
        record = asdict(self)
        record["modules"] = list(self.modules)
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> ProgrammeTemplate:
        values = {key: value for key, value in record.items() if key in cls.__dataclass_fields__}
        return cls(**{**values, "modules": tuple(values.get("modules", PAPER_MODULES))})


def checked_time_zone(name: str) -> str:
    """A name from the IANA time zone database; anything else, however odd, is refused naming the field."""
    cleaned = single_line("time_zone", name, TIME_ZONE_MAX_LENGTH)
    if cleaned not in _known_time_zones() or not _loads(cleaned):
        raise ValidationFailed("time_zone", "Use a time zone name such as Europe/Luxembourg.")
    return cleaned


@cache
def _known_time_zones() -> frozenset[str]:
    """The zone names installed here; a path, a directory or a stray file of the zone database is none of them."""
    return frozenset(available_timezones()) - NOT_ZONES


NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})
"""Files of the zone database that are not places: the server's own zone, a rules template, a placeholder."""


def _loads(name: str) -> bool:
    try:
        ZoneInfo(name)
    except Exception:  # whatever a zone file's trouble, the user's answer is the same refusal
        return False
    return True


DEFAULT_TEMPLATE = ProgrammeTemplate()
