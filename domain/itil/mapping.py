"""The mapping of ITIL to ISO/IEC 27001, read from `itil_iso27001.json` (data, not code; `docs/itil-mapping.md`).

Paper 000's six ITIL steps feed its six ISO 27001 steps; our extension links eight ITIL practices to the Annex A
2022 controls they give evidence for. Each ISO step and each control theme names the gap-analysis areas it feeds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

MAPPING_FILE = Path(__file__).with_name("itil_iso27001.json")
MAPPING_FORMAT = "cordee-itil-mapping/1"
ANNEX_A_THEMES = {"5": "organisational", "6": "people", "7": "physical", "8": "technological"}
"""The Annex A 2022 theme of a control, by the first number of its id (5.24 is organisational)."""


@dataclass(frozen=True)
class ItilStep:
    key: str
    number: int
    title: str
    feeds: tuple[int, ...]
    """The ISO 27001 steps (their numbers) this step's results are input for."""


@dataclass(frozen=True)
class IsoStep:
    number: int
    title: str
    needs: tuple[int, ...]
    """ISO steps needed first (a CISO needs the policy): the paper's relations inside the standard."""
    gap_areas: tuple[str, ...]


@dataclass(frozen=True)
class Practice:
    key: str
    title: str
    controls: tuple[str, ...]

    @property
    def gap_areas(self) -> tuple[str, ...]:
        themes = dict.fromkeys(f"theme {ANNEX_A_THEMES[control.split('.')[0]]}" for control in self.controls)
        return tuple(themes)


@dataclass(frozen=True)
class Mapping:
    version: str
    catalogue: str
    source: str
    itil_steps: tuple[ItilStep, ...]
    iso_steps: tuple[IsoStep, ...]
    practices: tuple[Practice, ...]

    @property
    def item_keys(self) -> tuple[str, ...]:
        """What an organisation may declare: the six steps, then the practices."""
        return tuple(step.key for step in self.itil_steps) + tuple(p.key for p in self.practices)

    def title(self, key: str) -> str:
        step = next((s for s in self.itil_steps if s.key == key), None)
        if step is not None:
            return f"ITIL step {step.number}: {step.title}"
        practice = self.practice(key)
        return f"ITIL {practice.title.lower()}" if practice else key

    def practice(self, key: str) -> Practice | None:
        return next((p for p in self.practices if p.key == key), None)

    def iso_step(self, number: int) -> IsoStep:
        return next(s for s in self.iso_steps if s.number == number)

    def iso_steps_fed(self, declared: Iterable[str]) -> tuple[int, ...]:
        wanted = set(declared)
        return tuple(sorted({n for step in self.itil_steps if step.key in wanted for n in step.feeds}))

    def gap_areas_of(self, key: str) -> tuple[str, ...]:
        """The gap-analysis areas a declared item gives evidence for."""
        practice = self.practice(key)
        if practice is not None:
            return practice.gap_areas
        step = next(s for s in self.itil_steps if s.key == key)
        return tuple(dict.fromkeys(area for n in step.feeds for area in self.iso_step(n).gap_areas))

    def controls_of(self, key: str) -> tuple[str, ...]:
        practice = self.practice(key)
        return practice.controls if practice else ()


@cache
def mapping() -> Mapping:
    return read_mapping(json.loads(MAPPING_FILE.read_text(encoding="utf-8")))


def read_mapping(data: dict[str, object]) -> Mapping:
    if data.get("format") != MAPPING_FORMAT:
        raise ValueError(f"The ITIL mapping is not in the format {MAPPING_FORMAT}.")
    steps = tuple(ItilStep(s["key"], s["number"], s["title"], tuple(s["feeds"])) for s in _list(data, "itil_steps"))
    iso = tuple(
        IsoStep(s["number"], s["title"], tuple(s["needs"]), tuple(s["gap_areas"])) for s in _list(data, "iso_steps")
    )
    practices = tuple(Practice(p["key"], p["title"], tuple(p["controls"])) for p in _list(data, "practices"))
    found = Mapping(str(data["version"]), str(data["catalogue"]), str(data["source"]), steps, iso, practices)
    _check(found)
    return found


def _list(data: dict[str, object], key: str) -> list[dict[str, Any]]:
    value = data.get(key)
    if not isinstance(value, list):
        raise ValueError(f"The ITIL mapping has no list {key!r}.")
    return value


def _check(found: Mapping) -> None:
    numbers = {step.number for step in found.iso_steps}
    for step in found.itil_steps:
        if not step.feeds or not set(step.feeds) <= numbers:
            raise ValueError(f"ITIL {step.key} feeds an ISO step that is not listed.")
    for iso in found.iso_steps:
        if not set(iso.needs) <= numbers:
            raise ValueError(f"ISO step {iso.number} needs a step that is not listed.")
    for practice in found.practices:
        if any(control.split(".")[0] not in ANNEX_A_THEMES for control in practice.controls):
            raise ValueError(f"ITIL {practice.key} names a control outside Annex A 2022.")
    if len(set(found.item_keys)) != len(found.item_keys):
        raise ValueError("The ITIL mapping names an item twice.")
