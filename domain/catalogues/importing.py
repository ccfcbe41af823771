"""Reading a catalogue a consultancy imports: in our own format or as an OSCAL catalog, checked before anything is
written. Every refusal names where the file is wrong: a line of the JSON, or the path of a value in it
(`controls[3].group`)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from domain.catalogues.catalogue import Catalogue
from domain.catalogues.library import shipped
from domain.catalogues.loading import CATALOGUE_FORMAT, CatalogueInvalid, read_catalogue
from domain.catalogues.oscal import from_oscal
from domain.shared.errors import ValidationFailed
from domain.shared.text import multi_line, single_line

MAX_FILE_BYTES = 2 * 1024 * 1024
"""A catalogue file, as uploaded: the largest public OSCAL catalogs of controls fit, without their prose."""
MAX_CONTROLS = 2000
MAX_GROUPS = 200
ID_MAX_LENGTH = 64
TITLE_MAX_LENGTH = 300
NOTE_MAX_LENGTH = 2000
CATALOGUE_ID = re.compile(r"[a-z0-9][a-z0-9.-]{0,63}")
"""A catalogue's id as the pages' addresses use it: lower-case letters, digits, dots and hyphens."""


class FileFormat(StrEnum):
    CORDEE = "cordee"
    OSCAL = "oscal"


@dataclass(frozen=True)
class ImportedFile:
    """A file read and checked: the catalogue, its content in our format (what the event stores) and its hash."""

    catalogue: Catalogue
    content: dict[str, Any]
    content_hash: str
    file_format: str


def content_hash(content: Mapping[str, Any]) -> str:
    """The SHA-256 of the content as canonical JSON (sorted keys, no blanks): the same catalogue, the same hash."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def read_file(text: str, file_format: str, catalogue_id: str | None = None) -> ImportedFile:
    """The file checked whole; `catalogue_id` names an OSCAL catalog (it has no short id of ours) and, for a file
    of ours, must be its id if given."""
    chosen = _format(file_format)
    data = _json(text)
    if chosen == FileFormat.OSCAL:
        data = from_oscal(data, _catalogue_id(catalogue_id, required=True))
    elif catalogue_id:
        _same_id(data, _catalogue_id(catalogue_id, required=True))
    content = _checked_content(data)
    try:
        catalogue = read_catalogue(content)
    except CatalogueInvalid as invalid:
        raise ValidationFailed("content", str(invalid)) from None
    if shipped().catalogue(catalogue.id) is not None:
        raise ValidationFailed("content", f"{catalogue.id} is a catalogue Cordee ships: give yours another id.")
    return ImportedFile(catalogue, content, content_hash(content), chosen.value)


def _format(file_format: str) -> FileFormat:
    try:
        return FileFormat(file_format)
    except ValueError:
        raise ValidationFailed("format", "Choose cordee (our format) or oscal (an OSCAL catalog in JSON).") from None


def _json(text: str) -> Any:
    if len(text.encode("utf-8", errors="surrogatepass")) > MAX_FILE_BYTES:
        raise ValidationFailed("content", f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    if not text.strip():
        raise ValidationFailed("content", "The file is empty.")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationFailed(
            "content", f"Not JSON: line {error.lineno}, column {error.colno}: {error.msg}."
        ) from None
    except RecursionError:
        raise ValidationFailed("content", "Not JSON this product reads: nested too deeply.") from None


def _catalogue_id(value: str | None, *, required: bool) -> str:
    identifier = single_line("catalogue", value, ID_MAX_LENGTH, required=required)
    if identifier and not CATALOGUE_ID.fullmatch(identifier):
        raise ValidationFailed("catalogue", "Use lower-case letters, digits, dots and hyphens, e.g. acme-baseline.")
    return identifier


def _same_id(data: Any, identifier: str) -> None:
    if isinstance(data, dict) and data.get("id") != identifier:
        raise ValidationFailed("catalogue", f"The file is catalogue {data.get('id')!r}, not {identifier!r}.")


def _checked_content(data: Any) -> dict[str, Any]:
    """The catalogue in our format, every value of the type and length the format asks: what an event may hold."""
    top = _object(data, "")
    if top.get("format") != CATALOGUE_FORMAT:
        raise ValidationFailed("content", f"format: expected {CATALOGUE_FORMAT!r}, found {top.get('format')!r}.")
    _text(top, "id", "", ID_MAX_LENGTH)
    if not CATALOGUE_ID.fullmatch(top["id"]):
        raise ValidationFailed("content", "id: use lower-case letters, digits, dots and hyphens, e.g. acme-baseline.")
    content: dict[str, Any] = {"format": CATALOGUE_FORMAT, "id": top["id"]}
    for key in ("edition", "title", "grouping"):
        content[key] = _text(top, key, "", TITLE_MAX_LENGTH)
    content["version"] = _text(top, "version", "", ID_MAX_LENGTH, number_allowed=True)
    content["note"] = _text(top, "note", "", NOTE_MAX_LENGTH, required=False, lines=True)
    content["groups"] = _list(top, "groups", "", MAX_GROUPS, _group)
    content["clauses"] = _list(top, "clauses", "", MAX_CONTROLS, _clause, required=False)
    content["controls"] = _list(top, "controls", "", MAX_CONTROLS, _control)
    return content


def _group(item: Any, path: str) -> dict[str, Any]:
    group = _object(item, path)
    found = {"id": _text(group, "id", path, ID_MAX_LENGTH), "title": _text(group, "title", path, TITLE_MAX_LENGTH)}
    objectives = _list(group, "objectives", path, MAX_CONTROLS, _objective, required=False)
    return found | ({"objectives": objectives} if objectives else {})


def _objective(item: Any, path: str) -> dict[str, Any]:
    objective = _object(item, path)
    return {
        "id": _text(objective, "id", path, ID_MAX_LENGTH),
        "objective": _text(objective, "objective", path, TITLE_MAX_LENGTH),
    }


def _clause(item: Any, path: str) -> dict[str, Any]:
    clause = _object(item, path)
    found = {"id": _text(clause, "id", path, ID_MAX_LENGTH), "title": _text(clause, "title", path, TITLE_MAX_LENGTH)}
    parent = _text(clause, "parent", path, ID_MAX_LENGTH, required=False)
    return found | ({"parent": parent} if parent else {})


def _control(item: Any, path: str) -> dict[str, Any]:
    control = _object(item, path)
    found: dict[str, Any] = {
        "id": _text(control, "id", path, ID_MAX_LENGTH),
        "group": _text(control, "group", path, ID_MAX_LENGTH),
        "title": _text(control, "title", path, TITLE_MAX_LENGTH),
    }
    objective = _text(control, "objective", path, ID_MAX_LENGTH, required=False)
    if objective:
        found["objective"] = objective
    new = control.get("new_in_edition", False)
    if not isinstance(new, bool):
        raise ValidationFailed("content", f"{_at(path, 'new_in_edition')}: expected true or false.")
    if new:
        found["new_in_edition"] = True
    return found


def _object(item: Any, path: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise ValidationFailed("content", f"{path or 'the file'}: expected an object.")
    return item


def _list(
    parent: Mapping[str, Any], key: str, path: str, most: int, read: Callable[[Any, str], dict[str, Any]],
    *, required: bool = True,
) -> list[dict[str, Any]]:  # fmt: skip
    items = parent.get(key)
    where = _at(path, key)
    if items is None and not required:
        return []
    if not isinstance(items, list) or (required and not items):
        raise ValidationFailed("content", f"{where}: expected a list that is not empty.")
    if len(items) > most:
        raise ValidationFailed("content", f"{where}: at most {most:,} entries.")
    return [read(item, f"{where}[{index}]") for index, item in enumerate(items)]


def _text(
    parent: Mapping[str, Any], key: str, path: str, most: int, *, required: bool = True, lines: bool = False,
    number_allowed: bool = False,
) -> str:  # fmt: skip
    value = parent.get(key)
    where = _at(path, key)
    if number_allowed and isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise ValidationFailed("content", f"{where}: expected text.")
    check = multi_line if lines else single_line
    try:
        return check(where, value, most, required=required)
    except ValidationFailed as problem:
        raise ValidationFailed("content", f"{where}: {problem.message}") from None


def _at(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
