"""What the assessment queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class AssessmentRow:
    number: int
    visited_on: date
    analysed_on: date
    clause_levels: dict[str, int]
    theme_levels: dict[str, int]
    estimated_half_days: int
    formula_version: int
