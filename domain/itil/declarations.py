"""An organisation's ITIL declarations: one aggregate per organisation, an event per declaration or withdrawal.

A withdrawn declaration stays in the history, with its reason; declaring the item again is a new event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.itil.proposals import gap_proposals
from domain.itil.rules import can_declare, can_withdraw, checked_item
from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.errors import ValidationFailed
from domain.shared.text import REASON_MAX_LENGTH, multi_line

EVIDENCE_MAX_LENGTH = 2000


@dataclass(frozen=True)
class Declaration:
    evidence: str
    document_id: UUID | None


class ItilDeclarations(TenantAggregate):
    """Every event names the organisation, so each read row is found by it without a lookup."""

    @classmethod
    def open(cls, tenant_id: UUID, actor_id: UUID, organisation_id: UUID) -> ItilDeclarations:
        return cls(tenant_id=tenant_id, actor_id=actor_id, organisation_id=organisation_id)

    @staticmethod
    def create_id(tenant_id: UUID, organisation_id: UUID, **_: Any) -> UUID:
        return itil_declarations_id(tenant_id, organisation_id)

    @event("Opened")
    def __init__(self, tenant_id: UUID, actor_id: UUID, organisation_id: UUID) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.declared: dict[str, Declaration] = {}

    def declare(self, actor_id: UUID, item: str, evidence: str, document_id: UUID | None) -> None:
        item = checked_item("item", item)
        if not can_declare(item in self.declared):
            raise ValidationFailed("item", "Already declared: withdraw it first to give other evidence.")
        evidence = multi_line("evidence", evidence, EVIDENCE_MAX_LENGTH)
        self._declared(actor_id, self.organisation_id, item, evidence, document_id)

    @event("Declared")
    def _declared(
        self, actor_id: UUID, organisation_id: UUID, item: str, evidence: str, document_id: UUID | None
    ) -> None:
        self.declared[item] = Declaration(evidence, document_id)

    def withdraw(self, actor_id: UUID, item: str, reason: str) -> None:
        item = checked_item("item", item)
        if not can_withdraw(item in self.declared):
            raise ValidationFailed("item", "This item is not declared.")
        self._withdrawn(actor_id, self.organisation_id, item, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("Withdrawn")
    def _withdrawn(self, actor_id: UUID, organisation_id: UUID, item: str, reason: str) -> None:
        del self.declared[item]

    def confirm_gap_proposals(
        self, actor_id: UUID, cluster_id: UUID, baseline: dict[str, int], confirmed: dict[str, int]
    ) -> None:
        """Records which levels of a gap analysis came from what the declarations proposed, confirmed or corrected;
        the areas without ITIL evidence are the coach's own and are not listed."""
        declared = [(item, d.evidence) for item, d in self.declared.items()]
        proposals = [p for p in gap_proposals(list(confirmed), baseline, declared) if p.evidence]
        if not proposals:
            raise ValidationFailed(
                "organisation_id", "Nothing declared proposes a level: record the gap analysis itself."
            )
        taken = [
            {"area": p.area, "proposed": p.proposed, "confirmed": confirmed[p.area], "evidence": list(p.evidence)}
            for p in proposals
        ]
        self._gap_proposals_confirmed(actor_id, self.organisation_id, cluster_id, taken)

    @event("GapProposalsConfirmed")
    def _gap_proposals_confirmed(
        self, actor_id: UUID, organisation_id: UUID, cluster_id: UUID, areas: list[dict[str, Any]]
    ) -> None:
        pass


def itil_declarations_id(tenant_id: UUID, organisation_id: UUID) -> UUID:
    return tenant_scoped_id(tenant_id, "itil-declarations", str(organisation_id))
