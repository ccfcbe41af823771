"""Commands on an organisation's ITIL declarations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID


@dataclass(frozen=True)
class DeclareItilPractice:
    """The organisation runs this ITIL step or practice: `evidence` says how; `document_id` may name one of its
    documents that shows it."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    item: str
    evidence: str
    document_id: UUID | None = None


@dataclass(frozen=True)
class WithdrawItilPractice:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    item: str
    reason: str


@dataclass(frozen=True)
class ConfirmGapProposals:
    """The coach records the member's gap analysis in the cluster with the levels the ITIL declarations proposed,
    confirmed or corrected: the assessment and which of its levels came from a proposal are saved together."""

    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    organisation_id: UUID
    visited_on: date
    analysed_on: date
    clause_levels: dict[str, int]
    theme_levels: dict[str, int]
