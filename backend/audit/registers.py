"""An organisation's registers as one workbook and one PDF, read from a read model (the as-of one in a bundle).

Every read table that carries the organisation's id is a register here, one sheet each, its rows those of the
organisation, its columns as the table names them: nothing is chosen or summarised, so what the auditor reads is
what the read model held. Account tables are left out (they belong to the consultancy, not the organisation).
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from uuid import UUID

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer
from sqlalchemy import Table, select

from backend.exports.naming import one_line
from backend.exports.pdf import _fonts, _styles, _text
from backend.exports.spreadsheet import Cell, Column, Sheet
from projections.core.store import ReadStore

LEFT_OUT = ("accounts", "invitations", "sessions", "tracking", "parked_events")
PDF_ROW_CHARACTERS = 900


def organisation_tables(store: ReadStore) -> list[Table]:
    return sorted(
        (
            table
            for table in store.tables.all()
            if {"tenant_id", "organisation_id"} <= set(table.columns.keys())
            and not store.tables.unprefixed(table).startswith(LEFT_OUT)
        ),
        key=store.tables.unprefixed,
    )


def register_sheets(store: ReadStore, tenant_id: UUID, organisation_id: UUID) -> list[Sheet]:
    sheets: list[Sheet] = []
    with store.reading() as conn:
        for table in organisation_tables(store):
            columns = [c for c in table.columns if c.name not in ("tenant_id", "organisation_id")]
            query = (
                select(*columns)
                .where(table.c.tenant_id == tenant_id, table.c.organisation_id == organisation_id)
                .order_by(*table.primary_key.columns)
            )
            rows = [tuple(_cell(value) for value in row) for row in conn.execute(query)]
            title = _title(store.tables.unprefixed(table), [s.title for s in sheets])
            sheets.append(Sheet(title, [Column(c.name, 18) for c in columns], rows))
    return sheets


def registers_pdf(sheets: Sequence[Sheet], title: str, subtitle: str) -> bytes:
    regular, bold = _fonts()
    styles = _styles(regular, bold)
    small = ParagraphStyle("row", fontName=regular, fontSize=7.5, leading=9.5, spaceAfter=3)
    output = io.BytesIO()
    document = SimpleDocTemplate(
        output, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm
    )
    document.title = one_line(title)
    story: list[Flowable] = [Paragraph(_text(title), styles["Title"]), Paragraph(_text(subtitle), styles["Normal"])]
    for sheet in sheets:
        story += [Spacer(1, 4 * mm), Paragraph(_text(f"{sheet.title} ({len(sheet.rows)})"), styles["Heading2"])]
        for row in sheet.rows:
            pairs = "; ".join(
                f"{c.heading}: {v}" for c, v in zip(sheet.columns, row, strict=True) if v not in (None, "")
            )
            story.append(Paragraph(_text(pairs[:PDF_ROW_CHARACTERS]), small))
    document.build(story)
    return output.getvalue()


def _cell(value: Any) -> Cell:
    """A read row's value as a cell: texts, numbers and days as they are; the rest written out."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if (
        value is None
        or isinstance(value, str | int | float)
        or (isinstance(value, date) and not isinstance(value, datetime))
    ):
        return value
    return _written(value)


def _written(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _title(name: str, taken: list[str]) -> str:
    title = name.replace("_", " ")[:31]
    number = 2
    while title in taken:
        suffix = f" {number}"
        title = title[: 31 - len(suffix)] + suffix
        number += 1
    return title
