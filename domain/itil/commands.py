"""Commands on an organisation's ITIL declarations."""

from __future__ import annotations

from dataclasses import dataclass
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
