"""A table as a spreadsheet: CSV that Excel opens, and XLSX with typed cells.

Names and reasons are what people typed, so a cell never becomes a formula: in CSV a text starting with `=`, `+`,
`-`, `@`, a tab or a carriage return gets a leading apostrophe (the OWASP advice); in XLSX every text is stored as
text, which no spreadsheet evaluates.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

Cell = str | int | float | date | None

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    heading: str
    width: int
    number_format: str | None = None
    """How XLSX shows the column's numbers or dates (`0.0#`, `yyyy-mm-dd`); CSV writes them plainly."""


@dataclass(frozen=True)
class Sheet:
    title: str
    """The sheet's name in XLSX: at most 31 characters, none of `[]:*?/\\`."""
    columns: Sequence[Column]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    """Number formats of single cells, by (row index in `rows`, column index), over the column's."""


def csv_bytes(sheet: Sheet) -> bytes:
    """UTF-8 with a byte order mark (Excel reads the encoding from it), a header row, ISO dates."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([_csv_cell(column.heading) for column in sheet.columns])
    writer.writerows([_csv_cell(cell) for cell in row] for row in sheet.rows)
    return text.getvalue().encode("utf-8-sig")


def _csv_cell(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def xlsx_bytes(sheet: Sheet) -> bytes:
    """One sheet: its title, the header row in bold and frozen, column widths, typed cells."""
    return xlsx_workbook_bytes((sheet,))


def xlsx_workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """One worksheet a sheet, in order, each written as `xlsx_bytes` writes its one."""
    workbook = Workbook()
    first = workbook.active
    assert isinstance(first, Worksheet)  # a new workbook has one sheet
    for number, sheet in enumerate(sheets):
        worksheet = first if number == 0 else workbook.create_sheet()
        worksheet.title = sheet.title
        for index, column in enumerate(sheet.columns, start=1):
            worksheet.cell(row=1, column=index, value=column.heading).font = Font(bold=True)
            worksheet.column_dimensions[get_column_letter(index)].width = column.width
        for row_index, row in enumerate(sheet.rows):
            for column_index, value in enumerate(row):
                _xlsx_cell(worksheet, sheet, row_index, column_index, value)
        worksheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _xlsx_cell(worksheet: Worksheet, sheet: Sheet, row_index: int, column_index: int, value: Cell) -> None:
    cell = worksheet.cell(row=row_index + 2, column=column_index + 1)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"  # text, even when it starts with "=": never a formula
        return
    cell.value = value
    number_format = sheet.formats.get((row_index, column_index)) or sheet.columns[column_index].number_format
    if number_format and value is not None:
        cell.number_format = number_format
