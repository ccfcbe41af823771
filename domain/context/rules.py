"""The context's rules as pure functions and fixed choices: one definition each, for the aggregates and the API."""

from __future__ import annotations

from collections.abc import Iterable

from domain.shared.errors import ValidationFailed

ISSUE_SIDES = ("internal", "external")
ISSUE_CATEGORIES = (
    "strategy",
    "organisation",
    "people",
    "processes",
    "technology",
    "finance",
    "legal",
    "market",
    "suppliers",
    "social",
    "environment",
    "other",
)
ROLE_KINDS = (
    "top_management",
    "ciso",
    "isms_manager",
    "risk_owner",
    "asset_owner",
    "data_protection_officer",
    "internal_auditor",
    "other",
)
AUDITOR_INDEPENDENCE = frozenset({"ciso", "isms_manager", "risk_owner", "asset_owner"})
"""Roles whose work an internal auditor checks (9.2): one person holding both would audit their own work."""


def choice(field: str, value: str, allowed: Iterable[str], what: str) -> str:
    options = tuple(allowed)
    if value not in options:
        raise ValidationFailed(field, f"Choose {what}: {', '.join(options)}.")
    return value


def can_change(retired: bool) -> bool:
    """An issue, a party or a role is changed or retired while it is current; a retired one stays as it was."""
    return not retired


def check_current(retired: bool, what: str) -> None:
    if not can_change(retired):
        raise ValidationFailed("item_id", f"This {what} is retired; it is kept as it was.")


def role_conflicts(kinds: Iterable[str]) -> list[str]:
    """Why the roles one person holds conflict, if they do. Holding several roles is allowed (paper 000: a CISO may
    hold other roles); only an internal auditor who also does the work audited is flagged."""
    held = set(kinds)
    if "internal_auditor" not in held:
        return []
    return [
        f"An internal auditor who is also {kind.replace('_', ' ')} would audit their own work."
        for kind in sorted(held & AUDITOR_INDEPENDENCE)
    ]


def person_key(person_name: str, account_id: object | None) -> str:
    """Who holds a role, for comparing roles: the member account if named, else the name in any case or spacing."""
    return f"account:{account_id}" if account_id is not None else "name:" + " ".join(person_name.split()).casefold()
