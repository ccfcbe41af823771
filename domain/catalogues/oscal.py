"""An OSCAL catalog (NIST's Open Security Controls Assessment Language, the `catalog` model, in JSON) read into our
catalogue format (`docs/catalogue-format.md`, "Importing an OSCAL catalog").

What maps: the catalog's title and version; each group, at any depth, becomes one of our groups (a nested group's
title names its parents); each control, and each control nested in a control (an enhancement), becomes one of our
controls in the group it sits in, with its id and title. Controls outside any group go to a group of their own.
What does not map is left out: parts (statements, guidance), parameters, properties, links, back matter.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.catalogues.loading import CATALOGUE_FORMAT
from domain.shared.errors import ValidationFailed

UNGROUPED = "ungrouped"
MAX_DEPTH = 8
"""Groups within groups, controls within controls: deeper than any published catalog goes."""


def from_oscal(data: Any, catalogue_id: str) -> dict[str, Any]:
    """Our catalogue's content, from the OSCAL catalog; refused with the path of the first value that cannot map."""
    catalog = _object(data.get("catalog") if isinstance(data, dict) else None, "catalog")
    metadata = _object(catalog.get("metadata"), "catalog.metadata")
    title = _string(metadata, "title", "catalog.metadata")
    groups: list[dict[str, str]] = []
    controls: list[dict[str, Any]] = []
    for index, group in enumerate(_items(catalog, "groups", "catalog")):
        _group(group, f"catalog.groups[{index}]", "", groups, controls, 0)
    loose = _items(catalog, "controls", "catalog")
    if loose:
        groups.append({"id": UNGROUPED, "title": "Controls outside any group"})
        for index, control in enumerate(loose):
            _control(control, f"catalog.controls[{index}]", UNGROUPED, controls, 0)
    return {
        "format": CATALOGUE_FORMAT,
        "id": catalogue_id,
        "edition": title,
        "title": title,
        "version": str(metadata.get("version", "")) or "1",
        "grouping": "group",
        "note": "Imported from an OSCAL catalog: ids and titles only; the prose of its parts is not kept.",
        "groups": groups,
        "clauses": [],
        "controls": controls,
    }


def _group(
    data: Any, path: str, parents: str, groups: list[dict[str, str]], controls: list[dict[str, Any]], depth: int
) -> None:
    group = _object(data, path)
    _check_depth(path, depth)
    title = _string(group, "title", path)
    identifier = group.get("id", f"group-{len(groups) + 1}")
    if not isinstance(identifier, str):
        raise ValidationFailed("content", f"{path}.id: expected text.")
    full_title = f"{parents}: {title}" if parents else title
    groups.append({"id": identifier, "title": full_title})
    for index, control in enumerate(_items(group, "controls", path)):
        _control(control, f"{path}.controls[{index}]", identifier, controls, depth)
    for index, inner in enumerate(_items(group, "groups", path)):
        _group(inner, f"{path}.groups[{index}]", full_title, groups, controls, depth + 1)


def _control(data: Any, path: str, group_id: str, controls: list[dict[str, Any]], depth: int) -> None:
    control = _object(data, path)
    _check_depth(path, depth)
    controls.append({"id": _string(control, "id", path), "group": group_id, "title": _string(control, "title", path)})
    for index, inner in enumerate(_items(control, "controls", path)):
        _control(inner, f"{path}.controls[{index}]", group_id, controls, depth + 1)


def _object(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValidationFailed("content", f"{path}: expected an object; is this an OSCAL catalog?")
    return value


def _items(parent: Mapping[str, Any], key: str, path: str) -> list[Any]:
    items = parent.get(key, [])
    if not isinstance(items, list):
        raise ValidationFailed("content", f"{path}.{key}: expected a list.")
    return items


def _string(parent: Mapping[str, Any], key: str, path: str) -> str:
    value = parent.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValidationFailed("content", f"{path}.{key}: expected text that is not empty.")
    return value


def _check_depth(path: str, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ValidationFailed("content", f"{path}: nested more than {MAX_DEPTH} deep.")
