"""Jinja filters every page uses: the API's codes in words, days, shares and changes in level."""

from __future__ import annotations

from jinja2 import Environment

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
