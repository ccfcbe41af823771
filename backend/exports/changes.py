"""An organisation's change log as a spreadsheet, in the columns of paper 000, section 5.6, in its order: the
incremental id, the change owner, the initiator, the cause, the hostname, the description, the configuration
change, the category, the risk, the approver, the approval date, the execution date and whether it succeeded."""

from __future__ import annotations

from backend.exports.spreadsheet import Cell, Column, Sheet
from projections.changes.rows import ChangeRow

COLUMNS = (
    Column("ID", 6),
    Column("Change owner", 22),
    Column("Initiator", 22),
    Column("Cause", 40),
    Column("Hostname", 24),
    Column("Description", 50),
    Column("Configuration change", 50),
    Column("Category", 16),
    Column("Risk", 8),
    Column("Approver", 22),
    Column("Approval date", 12, "yyyy-mm-dd"),
    Column("Execution date", 12, "yyyy-mm-dd"),
    Column("Successful", 10),
)
CATEGORY_NAMES = {
    "standard": "standard",
    "normal": "normal (regular)",
    "emergency": "emergency",
    "non_operational": "non-operational",
}


def change_log_sheet(rows: list[ChangeRow]) -> Sheet:
    return Sheet("Change log", COLUMNS, [_row(row) for row in rows])


def _row(row: ChangeRow) -> tuple[Cell, ...]:
    return (
        row.number,
        row.owner_name or "",
        row.initiator,
        cause_of(row),
        row.hostname,
        row.description,
        row.configuration,
        CATEGORY_NAMES[row.category],
        row.risk,
        approver_of(row),
        row.approved_on,
        row.executed_on,
        "" if row.succeeded is None else ("yes" if row.succeeded else "no"),
    )


def cause_of(row: ChangeRow) -> str:
    """The cause in words, the ticket after it when both are given."""
    if row.cause and row.ticket:
        return f"{row.cause} (ticket {row.ticket})"
    return row.cause or f"ticket {row.ticket}"


def approver_of(row: ChangeRow) -> str:
    """The approver's name; for a standard change, the catalogue's entry that pre-approved it."""
    if row.standard_change_title:
        return f"pre-approved standard change: {row.standard_change_title}"
    return row.approver_name or ""
