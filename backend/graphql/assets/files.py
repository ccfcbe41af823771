"""Inventory files: a CSV or XLSX file read into rows by heading, and the inventory written as either.

Exports use the shared spreadsheet writer, so a CSV cell never becomes a formula (a leading apostrophe); reading a
CSV back takes that apostrophe off again, so an exported file imports as it was.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import date

from openpyxl import load_workbook

from backend.exports.spreadsheet import CSV_TYPE, FORMULA_STARTS, XLSX_TYPE, Column, Sheet, csv_bytes, xlsx_bytes
from backend.exports.spreadsheet import Cell as SheetCell
from domain.assets.importing import COLUMNS, Cell, RowError, check_headings, heading_key
from domain.shared.errors import ValidationFailed
from projections.assets.rows import AssetRow

MAX_FILE_BYTES = 8 * 1024 * 1024
Rows = list[tuple[int, dict[str, Cell]]]


def decoded(content: str) -> bytes:
    try:
        data = base64.b64decode(content, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationFailed("content", "This is not a base64-encoded file.") from None
    if len(data) > MAX_FILE_BYTES:
        raise ValidationFailed("content", f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    return data


def read_rows(file_name: str, data: bytes) -> tuple[Rows, list[RowError]]:
    """The file's rows keyed by heading, with what is wrong with its heading row."""
    lines = _xlsx_lines(data) if file_name.casefold().endswith(".xlsx") else _csv_lines(file_name, data)
    headings = next(lines, None)
    if headings is None:
        raise ValidationFailed("content", "The file is empty.")
    keys = [heading_key(h) for h in headings]
    rows = [(number, dict(zip(keys, cells, strict=False))) for number, cells in enumerate(lines, start=2)]
    return rows, check_headings(headings)


def _csv_lines(file_name: str, data: bytes) -> Iterator[list[Cell]]:
    if not file_name.casefold().endswith(".csv"):
        raise ValidationFailed("file_name", "Give a .csv or .xlsx file.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed("content", "Save the CSV file as UTF-8.") from None
    dialect = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    for cells in csv.reader(io.StringIO(text, newline=""), delimiter=dialect):
        yield [_unneutralised(cell) for cell in cells]


def _unneutralised(cell: str) -> str:
    """A cell as typed: the apostrophe an export puts before a formula-like text is taken off."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def _xlsx_lines(data: bytes) -> Iterator[list[Cell]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ValidationFailed("content", "This is not an XLSX file that can be read.") from None
    sheet = workbook.worksheets[0]
    for values in sheet.iter_rows(values_only=True):
        yield [_xlsx_cell(value) for value in values]
    workbook.close()


def _xlsx_cell(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float):
        return value
    return value.isoformat() if isinstance(value, date) else str(value)


INVENTORY_COLUMNS = (
    Column("name", 36),
    Column("kind", 14),
    Column("owner", 24),
    Column("location", 24),
    Column("description", 48),
    Column("confidentiality", 16),
    Column("integrity", 12),
    Column("availability", 14),
    Column("scale version", 14),
)
assert tuple(c.heading for c in INVENTORY_COLUMNS[: len(COLUMNS)]) == COLUMNS


def inventory_sheet(rows: list[AssetRow]) -> Sheet:
    """The columns an import reads, and the scale version each asset was classified with."""
    cells: list[tuple[SheetCell, ...]] = [
        (
            r.name,
            r.kind,
            r.owner,
            r.location,
            r.description,
            r.confidentiality,
            r.integrity,
            r.availability,
            r.scale_version,
        )
        for r in rows
    ]
    return Sheet("Assets", INVENTORY_COLUMNS, cells)


def inventory_file(rows: list[AssetRow], file_format: str) -> tuple[bytes, str]:
    sheet = inventory_sheet(rows)
    return (xlsx_bytes(sheet), XLSX_TYPE) if file_format == "xlsx" else (csv_bytes(sheet), CSV_TYPE)
