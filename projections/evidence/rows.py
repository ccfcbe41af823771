"""What the evidence queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID


@dataclass(frozen=True)
class AuditBundleRow:
    organisation_id: UUID
    number: int
    """1 for the organisation's first bundle."""
    window_from: date
    window_to: date
    exported_by: UUID
    exported_by_name: str | None
    """The account's name; none for an export run from the command line."""
    exported_at: datetime
