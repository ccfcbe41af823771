"""An event in words: its name, a short summary of what changed, and the business date it carries.

Pure functions of the event and the names known for its ids: no clock, no reads. Secrets are never written: a field
whose name says it holds a password, a hash, a secret or a token is left out of every summary.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from uuid import UUID

SUMMARY_MAX_LENGTH = 400
"""The longest summary kept: the trail says what changed, the item's page says all of it."""
VALUE_MAX_LENGTH = 80
"""The longest single value in a summary: a document's text or a long description is cut there."""
LIST_SHOWN = 5
"""The entries of a list shown before "and n more"."""

NOT_CHANGES = frozenset(
    {"originator_id", "originator_version", "originator_topic", "timestamp", "tenant_id", "actor_id", "reason"}
)
"""Fields every event carries, shown apart (who, when, which item) or not at all."""
_SECRET = re.compile(r"password|hash|secret|token(?!_id)", re.IGNORECASE)
"""Field names of secrets or of what would let someone check a guess of one (a key's hash)."""
NOT_WHEN_IT_HAPPENED = frozenset(
    {"due_on", "review_on", "planned_start", "planned_end", "ends_on", "until", "expires_on", "scheduled_for",
     "planned_on", "audit_planned_on", "isms_established_on"}
)  # fmt: skip
"""Dates an event carries that say when something is due or planned, not when the recorded fact happened."""
_WORD_BREAK = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_FIELD = re.compile(r"[a-z][a-z_]*")
_ID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@functools.cache
def is_secret(field: str) -> bool:
    return bool(_SECRET.search(field))


@functools.cache
def in_words(name: str) -> str:
    """`VersionApproved` or `held_on` as "Version approved" or "Held on"."""
    words = _WORD_BREAK.sub(" ", name).replace("_", " ").strip().lower()
    return words[:1].upper() + words[1:]


def business_date(event: Any) -> date | None:
    """When the recorded fact happened, if the event says so: the first date it carries that is not a deadline or
    a plan (a half-day `held_on`, a measurement `measured_on`, an incident `reported_at`)."""
    for field, value in vars(event).items():
        if (
            field in NOT_CHANGES
            or field in NOT_WHEN_IT_HAPPENED
            or not (field.endswith(("_on", "_at")) or field == "at")
        ):
            continue
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
    return None


def ids_named(event: Any) -> set[UUID]:
    """Every id the event's changes name, to look their names up once."""
    found: set[UUID] = set()
    for field, value in vars(event).items():
        if field not in NOT_CHANGES and not is_secret(field):
            found |= _ids_in(value)
    return found


def _ids_in(value: Any) -> set[UUID]:
    as_id = _as_id(value)
    if as_id is not None:
        return {as_id}
    if isinstance(value, list | tuple):
        return {found for entry in value for found in _ids_in(entry)}
    if isinstance(value, dict):
        return {found for entry in [*value.keys(), *value.values()] for found in _ids_in(entry)}
    return set()


def _as_id(value: Any) -> UUID | None:
    """An id, or the text of one (some events keep ids as text, in lists and as keys)."""
    if isinstance(value, UUID):
        return value
    if isinstance(value, str) and _ID_TEXT.fullmatch(value):
        return UUID(value)
    return None


def summary(event: Any, names: Mapping[UUID, str]) -> str:
    """The event's own fields in words, ids given as the names known for them (an unnamed id is left out)."""
    parts = []
    for field, value in vars(event).items():
        if field in NOT_CHANGES or is_secret(field):
            continue
        shown = _value(value, names, depth=0)
        if shown:
            parts.append(f"{_label(field, value)}: {shown}")
    return cut("; ".join(parts), SUMMARY_MAX_LENGTH)


def _label(field: str, value: Any) -> str:
    if isinstance(value, UUID):
        field = field.removesuffix("_id")
    elif isinstance(value, list) and field.endswith("_ids"):
        field = field.removesuffix("_ids") + "s"
    return in_words(field)


def _value(value: Any, names: Mapping[UUID, str], depth: int) -> str:
    as_id = _as_id(value)
    if as_id is not None:
        return names.get(as_id, "")
    if isinstance(value, list | tuple):
        return _listed([_value(entry, names, depth + 1) for entry in value])
    if isinstance(value, dict):
        return _dict(value, names, depth)
    return _scalar(value)


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M %Z").strip()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return cut(one_line(str(value)), VALUE_MAX_LENGTH)


def _dict(value: dict[Any, Any], names: Mapping[UUID, str], depth: int) -> str:
    """At the top, each entry; inside a list, the entry's name if it has one (a section's title)."""
    if depth == 0:
        return _listed([_entry(key, entry, names, depth) for key, entry in value.items()])
    named = next((value[key] for key in ("title", "name", "what") if isinstance(value.get(key), str)), None)
    return cut(one_line(named), VALUE_MAX_LENGTH) if named else f"{len(value)} entries"


def _entry(key: Any, value: Any, names: Mapping[UUID, str], depth: int) -> str:
    key_id = _as_id(key)
    if key_id is not None:
        label = names.get(key_id, "")
    else:
        label = in_words(key) if _FIELD.fullmatch(str(key)) else one_line(str(key))
    return f"{label} {_value(value, names, depth + 1)}".strip() if label else ""


def _listed(shown: list[str]) -> str:
    shown = [entry for entry in shown if entry]
    more = len(shown) - LIST_SHOWN
    listed = ", ".join(shown[:LIST_SHOWN]) + (f" and {more} more" if more > 0 else "")
    return cut(listed, VALUE_MAX_LENGTH * 2)


def one_line(text: str) -> str:
    """The text on one line, with no control character: what the domain lets in has none, and an event stored
    around it (a NUL, which PostgreSQL's text refuses) must not stop the trail."""
    return " ".join(_CONTROL.sub(" ", text).split())


def cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
