"""What the ITIL queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class DeclarationRow:
    organisation_id: UUID
    item: str
    evidence: str
    document_id: UUID | None
    document_title: str | None
    declared_by: str | None
    declared_at: datetime


@dataclass(frozen=True)
class DeclarationEventRow:
    version: int
    item: str
    action: str
    """declared, withdrawn, or gap_confirmed."""
    text: str
    """The evidence declared, why it was withdrawn, or which proposed levels a gap analysis took."""
    acted_by: str | None
    acted_at: datetime


@dataclass(frozen=True)
class HistoryPage:
    first: int
    after: int | None = None
    """The version of the last event seen."""
    item: str | None = None
    newest_first: bool = True


@dataclass(frozen=True)
class MemberCluster:
    cluster_id: UUID
    name: str
    status: str
    withdrawn: bool


@dataclass(frozen=True)
class SoaProposal:
    """A control of the Statement of Applicability that ITIL declarations give evidence for: what they propose."""

    catalogue_id: str
    control_id: str
    proposed_status: str
    evidence: tuple[str, ...]
    """Each declaration that feeds it: "ITIL incident management: <evidence>"."""
