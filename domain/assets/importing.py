"""Rows of an inventory file, checked as one: every error by line and column, or the assets to register.

A file is imported whole or not at all: one bad row refuses the file, and the dry run lists every error so that
one correction round is enough. Line numbers are the file's own (the heading is line 1).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from domain.assets.asset import Classification, Description
from domain.assets.scales import DIMENSIONS, ScaleSet
from domain.shared.errors import DomainError, ValidationFailed

COLUMNS = ("name", "kind", "owner", "location", "description", *DIMENSIONS)
"""The headings of an inventory file, in the order an export writes them; `name`, `kind` and `owner` are required."""
REQUIRED_COLUMNS = ("name", "kind", "owner")
MAX_ROWS = 20_000
MAX_ERRORS_SHOWN = 500

Cell = str | int | float | None


@dataclass(frozen=True)
class RowError:
    line: int
    column: str | None
    """The heading of the column at fault; None for the whole line or file."""
    message: str


@dataclass(frozen=True)
class CheckedRow:
    line: int
    described: Description
    classification: Classification | None


@dataclass(frozen=True)
class CheckedFile:
    rows: tuple[CheckedRow, ...]
    errors: tuple[RowError, ...]
    error_count: int
    """All errors, of which at most `MAX_ERRORS_SHOWN` are listed."""


def check_headings(headings: Iterable[Cell]) -> list[RowError]:
    found = {_heading(h) for h in headings}
    return [
        RowError(1, column, f"The heading row has no column “{column}”.")
        for column in REQUIRED_COLUMNS
        if column not in found
    ]


def check_file(rows: Iterable[tuple[int, Mapping[str, Cell]]], scales: ScaleSet) -> CheckedFile:
    """Every row checked; blank rows are skipped."""
    checked: list[CheckedRow] = []
    errors: list[RowError] = []
    for line, row in rows:
        if all(_text(value) == "" for value in row.values()):
            continue
        if len(checked) >= MAX_ROWS:
            errors.append(RowError(line, None, f"A file holds at most {MAX_ROWS:,} assets."))
            break
        row_errors, found = _check_row(line, row, scales)
        errors.extend(row_errors)
        checked.extend([found] if found else [])
    return CheckedFile(tuple(checked), tuple(errors[:MAX_ERRORS_SHOWN]), len(errors))


def _check_row(line: int, row: Mapping[str, Cell], scales: ScaleSet) -> tuple[list[RowError], CheckedRow | None]:
    """Every field at fault in the line, or the asset it describes."""
    fields, problems = Description.each_field(
        _text(row.get("name")),
        _kind(row.get("kind")),
        _text(row.get("owner")),
        _text(row.get("location")),
        _text(row.get("description")),
    )
    errors = [RowError(line, problem.field, problem.message) for problem in problems]
    classification = _classification(line, row, scales, errors)
    if errors:
        return errors, None
    return [], CheckedRow(line, Description(**fields), classification)


def _classification(
    line: int, row: Mapping[str, Cell], scales: ScaleSet, errors: list[RowError]
) -> Classification | None:
    """The three levels on the current scales, or none given; each level at fault is added to `errors`."""
    given = {d: level for d in DIMENSIONS if (level := _level(errors, line, d, row.get(d))) is not None}
    for dimension, level in given.items():
        try:
            scales.check(dimension, level)
        except DomainError as error:
            errors.append(RowError(line, error.field, error.message))
    if not given or any(error.column in DIMENSIONS for error in errors):
        return None
    if len(given) < len(DIMENSIONS):
        missing = next(d for d in DIMENSIONS if d not in given)
        errors.append(
            RowError(line, missing, "Give all three of confidentiality, integrity and availability, or none.")
        )
        return None
    return Classification(given["confidentiality"], given["integrity"], given["availability"], scales.version)


def _level(errors: list[RowError], line: int, dimension: str, value: Cell) -> int | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return value
    text = _text(value)
    if text == "":
        return None
    try:
        return int(text)
    except ValueError:
        errors.append(RowError(line, dimension, "Enter the level as a whole number."))
        return None


def _kind(value: Cell) -> str:
    return _text(value).casefold().replace(" ", "_").replace("-", "_")


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _heading(value: Cell) -> str:
    return _text(value).casefold()


def heading_key(value: Cell) -> str:
    """The column a heading names, as the rows are keyed."""
    return _heading(value)


def refused(checked: CheckedFile) -> ValidationFailed | None:
    """Why the file is refused as a whole, if it is."""
    if checked.error_count == 0 and checked.rows:
        return None
    if not checked.rows and checked.error_count == 0:
        return ValidationFailed("file", "The file holds no assets.")
    errors = "error" if checked.error_count == 1 else "errors"
    return ValidationFailed(
        "file", f"{checked.error_count:,} {errors} to correct; nothing was imported. The dry run lists them."
    )
