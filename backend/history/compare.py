"""What changed in a register between two moments: its rows of one organisation in the read models as of each,
compared table by table, keyed by each table's own key. Generic: no register has a comparison of its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID

from projections.features import register_tables
from projections.queries import ReadQueries, Scope

LABELS = ("name", "title", "reference", "summary", "question_key", "control_id", "item", "description")
"""The columns that name an item to a person, the first one a table has."""
NOT_SHOWN = frozenset({"tenant_id", "organisation_id"})


class ChangeKind(Enum):
    ADDED = "ADDED"
    CHANGED = "CHANGED"
    REMOVED = "REMOVED"


@dataclass(frozen=True)
class FieldChange:
    name: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class ItemChange:
    table: str
    key: str
    """The row's key in its table, its key columns' values joined by `/`."""
    label: str | None
    kind: ChangeKind
    fields: list[FieldChange] = field(default_factory=list)
    """Every field that differs; an added item's fields as they were added, a removed one's as they were."""


def register_changes(
    before: ReadQueries, after: ReadQueries, scope: Scope, register: str, organisation_id: UUID
) -> list[ItemChange]:
    """Added, changed and removed items of the organisation's part of the register, table by table, in key order."""
    changes: list[ItemChange] = []
    for table in register_tables(register):
        key, old = before.organisation_rows(scope, table, organisation_id)
        _, new = after.organisation_rows(scope, table, organisation_id)
        changes += compare_rows(table, key, old, new)
    return changes


def compare_rows(
    table: str, key: tuple[str, ...], before: list[dict[str, Any]], after: list[dict[str, Any]]
) -> list[ItemChange]:
    old = {_key(row, key): row for row in before}
    new = {_key(row, key): row for row in after}
    changes = []
    for identifier in sorted(old.keys() | new.keys()):
        was, now = old.get(identifier), new.get(identifier)
        fields = _fields(was or {}, now or {}, key)
        if was is None or now is None:
            kind = ChangeKind.ADDED if was is None else ChangeKind.REMOVED
            fields = [f for f in fields if (f.after if was is None else f.before) is not None]
        elif fields:
            kind = ChangeKind.CHANGED
        else:
            continue
        changes.append(ItemChange(table, identifier, _label(now or was or {}), kind, fields))
    return changes


def _key(row: dict[str, Any], key: tuple[str, ...]) -> str:
    return "/".join(_shown(row[column]) or "" for column in key)


def _fields(before: dict[str, Any], after: dict[str, Any], key: tuple[str, ...]) -> list[FieldChange]:
    names = [name for name in {**before, **after} if name not in NOT_SHOWN and name not in key]
    shown = [FieldChange(name, _shown(before.get(name)), _shown(after.get(name))) for name in names]
    return [change for change in shown if change.before != change.after]


def _label(row: dict[str, Any]) -> str | None:
    return next((str(row[name]) for name in LABELS if row.get(name) not in (None, "")), None)


def _shown(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
