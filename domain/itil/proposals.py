"""What ITIL declarations propose for a gap analysis (`docs/itil-mapping.md`): per area, the level and its evidence.

A proposal writes nothing: the coach confirms or corrects it, and records the gap analysis with its own command."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from domain.itil.mapping import mapping
from domain.itil.rules import proposed_level


@dataclass(frozen=True)
class AreaProposal:
    area: str
    """As the gap analysis names it: "clause 5", "theme organisational"."""
    baseline: int
    """The level last recorded (0 before any assessment)."""
    proposed: int
    evidence: tuple[str, ...]
    """Each declaration that feeds the area: "evidence: ITIL incident management — <what was declared>"."""


def gap_proposals(
    areas: Sequence[str], baseline: Mapping[str, int], declared: Sequence[tuple[str, str]]
) -> list[AreaProposal]:
    """For every area rated, in order: the proposal from the declarations given as (item, evidence)."""
    found = mapping()
    evidence: dict[str, list[str]] = {area: [] for area in areas}
    for item, text in declared:
        for area in found.gap_areas_of(item):
            evidence.setdefault(area, []).append(f"evidence: {found.title(item)} — {text}")
    return [_proposal(area, baseline.get(area, 0), tuple(evidence[area])) for area in areas]


def _proposal(area: str, baseline: int, evidence: tuple[str, ...]) -> AreaProposal:
    return AreaProposal(area, baseline, proposed_level(baseline) if evidence else baseline, evidence)
