"""A library item's content, checked field by field: every field at fault is reported at once, each by its name."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from domain.library.rules import FIELDS, KINDS, REQUIRED
from domain.shared.errors import ValidationFailed, every_check
from domain.shared.text import multi_line, single_line

TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 2000
"""As an asset's description (`domain/assets/asset.py`): an asset template's copy must be one the inventory accepts."""
SHORT_TEXT_MAX_LENGTH = 200
"""A threat or vulnerability named in a scenario, a likelihood or an impact in words."""
SKELETON_MAX_LENGTH = 50_000
"""As a document's text: a draft made from the skeleton must be one the documents register accepts."""
ASSET_KINDS = (
    "information", "software", "hardware", "service", "people", "site", "pool_resource", "iaas", "paas", "saas",
)  # fmt: skip
"""The asset inventory's kinds (`domain/assets/rules.py`): a copy becomes an asset of this kind."""
DOCUMENT_KINDS = ("policy", "procedure", "record")
"""The documents register's kinds (`domain/documents/rules.py`)."""
LEVEL_RANGE = (1, 10)
"""A suggested level; a copy is classified with it only where the consultancy's current scale has that level."""


@dataclass(frozen=True)
class ItemFields:
    """What an item holds besides its kind and title; which apply depends on the kind (`rules.FIELDS`)."""

    description: str | None = None
    asset_kind: str | None = None
    confidentiality: int | None = None
    integrity: int | None = None
    availability: int | None = None
    threat: str | None = None
    vulnerability: str | None = None
    likelihood: str | None = None
    impact: str | None = None
    document_kind: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class Content:
    """The item's title and its kind's fields (absent ones are None)."""

    title: str
    fields: dict[str, Any]

    @classmethod
    def checked(cls, kind: str, title: str, given: Mapping[str, Any]) -> Content:
        if kind not in KINDS:
            raise ValidationFailed("kind", f"Choose one of: {', '.join(KINDS)}.")
        checks: list[Callable[[], Any]] = [lambda: single_line("title", title, TITLE_MAX_LENGTH)]
        checks += [_check(kind, name, value) for name, value in given.items()]
        values = every_check(*checks)
        fields = {name: value for name, value in zip(given, values[1:], strict=True) if name in FIELDS[kind]}
        return cls(values[0], {name: fields.get(name) for name in FIELDS[kind]})


def _check(kind: str, name: str, value: Any) -> Callable[[], Any]:
    """The check of one field, refusing as `fields.<name>`: where the field sits in the command and the API's input."""
    path = f"fields.{name}"
    if name not in FIELDS[kind]:
        return lambda: _absent(kind, path, value)
    required = name in REQUIRED[kind]
    checks: dict[str, Callable[[], Any]] = {
        "description": lambda: multi_line(path, value, DESCRIPTION_MAX_LENGTH, required=False) or None,
        "threat": lambda: single_line(path, value, SHORT_TEXT_MAX_LENGTH, required=required) or None,
        "vulnerability": lambda: single_line(path, value, SHORT_TEXT_MAX_LENGTH, required=required) or None,
        "likelihood": lambda: single_line(path, value, SHORT_TEXT_MAX_LENGTH, required=False) or None,
        "impact": lambda: single_line(path, value, SHORT_TEXT_MAX_LENGTH, required=False) or None,
        "text": lambda: multi_line(path, value, SKELETON_MAX_LENGTH, required=required),
        "asset_kind": lambda: _one_of(path, value, ASSET_KINDS),
        "document_kind": lambda: _one_of(path, value, DOCUMENT_KINDS),
        "confidentiality": lambda: _level(path, value),
        "integrity": lambda: _level(path, value),
        "availability": lambda: _level(path, value),
    }
    return checks[name]


def _absent(kind: str, path: str, value: Any) -> None:
    if value is not None and value != "":
        what = path.removeprefix("fields.").replace("_", " ")
        raise ValidationFailed(path, f"A {kind.replace('_', ' ')} has no {what}.")


def _one_of(name: str, value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValidationFailed(name, f"Choose one of: {', '.join(allowed)}.")
    return str(value)


def _level(name: str, value: Any) -> int | None:
    if value is None:
        return None
    lowest, highest = LEVEL_RANGE
    if not isinstance(value, int) or isinstance(value, bool) or not lowest <= value <= highest:
        raise ValidationFailed(name, f"Must be a whole number from {lowest} to {highest}.")
    return value
