"""What the Statement of Applicability's queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class StatementRow:
    organisation_id: UUID
    catalogue_id: str
    catalogue_version: str
    number: int
    """The version on its way: a draft, or submitted."""
    status: str
    submitted_by: UUID | None
    approved_version: int | None
    started_at: datetime
    changed_at: datetime


@dataclass(frozen=True)
class EvidenceRow:
    document_id: UUID
    title: str


@dataclass(frozen=True)
class ControlRow:
    control_id: str
    catalogue_id: str
    group_id: str
    position: int
    title: str
    applicable: bool | None
    """None while undecided."""
    reasons: tuple[str, ...]
    justification: str | None
    implementation: str | None
    evidence: tuple[EvidenceRow, ...]
    to_review: bool
    decided_by: str | None
    decided_at: datetime | None
    rank: int


@dataclass(frozen=True)
class ControlPage:
    rows: tuple[ControlRow, ...]
    has_next_page: bool
    total: int
    """How many controls match the filters."""


@dataclass(frozen=True)
class VersionRow:
    number: int
    status: str
    catalogue_id: str
    catalogue_version: str
    decided: int | None
    submitted_by_id: UUID | None
    submitted_by: str | None
    submitted_at: datetime | None
    approved_by: str | None
    approved_at: datetime | None
    reason: str | None


@dataclass(frozen=True)
class VersionPage:
    rows: tuple[VersionRow, ...]
    has_next_page: bool
    total: int
    """How many versions match the filter."""


@dataclass(frozen=True)
class HistoryRow:
    number: int
    control_id: str | None
    action: str
    detail: str | None
    acted_by: str
    acted_at: datetime


@dataclass(frozen=True)
class SoaSummary:
    """An organisation's statement in a few figures, for its ISMS home; `catalogue_id` is None before it is started."""

    catalogue_id: str | None = None
    status: str | None = None
    undecided: int = 0
    to_review: int = 0
    approved_version: int | None = None
    approved_at: datetime | None = None
