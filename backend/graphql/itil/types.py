"""GraphQL shapes of ITIL declarations, the mapping they are read against, and what they propose."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from backend.graphql.core.pagination import PageInfo
from domain.itil.mapping import mapping
from domain.itil.proposals import AreaProposal
from projections.itil.rows import DeclarationEventRow, DeclarationRow
from projections.itil.rows import SoaProposal as SoaProposalRow


@strawberry.type(description="What the viewer may do with the organisation's ITIL declarations now.")
class ItilViewerCan:
    declare: bool
    withdraw: bool


@strawberry.type(description="A declaration in force: the organisation runs this ITIL step or practice.")
class ItilDeclaration:
    item: str
    title: str
    evidence: str
    document_id: strawberry.ID | None
    document_title: str | None
    declared_by: str | None = strawberry.field(description="Null: the system.")
    declared_at: datetime

    @classmethod
    def from_row(cls, row: DeclarationRow) -> ItilDeclaration:
        return cls(
            item=row.item,
            title=mapping().title(row.item),
            evidence=row.evidence,
            document_id=strawberry.ID(str(row.document_id)) if row.document_id else None,
            document_title=row.document_title,
            declared_by=row.declared_by,
            declared_at=row.declared_at,
        )


@strawberry.type(description="An ITIL step of paper 000 or an ITIL practice an organisation may declare.")
class ItilItem:
    key: str
    kind: str = strawberry.field(description='"step" (paper 000\'s six) or "practice" (the Annex A extension).')
    number: int | None = strawberry.field(description="The step's number; null for a practice.")
    title: str
    feeds_iso_steps: list[int] = strawberry.field(description="The ISO 27001 steps (numbers) it feeds.")
    controls: list[str] = strawberry.field(description="The Annex A 2022 controls it is evidence for.")
    gap_areas: list[str] = strawberry.field(description='The gap-analysis areas it feeds ("clause 5").')
    declaration: ItilDeclaration | None = strawberry.field(description="Null while not declared.")


@strawberry.type(description="One of paper 000's six ISO 27001 steps.")
class IsoStep:
    number: int
    title: str
    needs: list[int] = strawberry.field(description="The ISO steps needed first (a CISO needs the policy).")
    fed: bool = strawberry.field(description="A declared ITIL step feeds it.")


@strawberry.type(
    description="A declaration, a withdrawal or a gap analysis recorded from the proposals, by whom (null: the "
    "system) and when."
)
class ItilDeclarationEvent:
    item: str
    title: str
    action: str = strawberry.field(description="declared, withdrawn, or gap_confirmed (proposals recorded).")
    text: str = strawberry.field(
        description="The evidence declared, why it was withdrawn, or which proposed levels were recorded."
    )
    acted_by: str | None
    acted_at: datetime

    @classmethod
    def from_row(cls, row: DeclarationEventRow) -> ItilDeclarationEvent:
        return cls(
            item=row.item,
            title="Gap analysis" if row.action == "gap_confirmed" else mapping().title(row.item),
            action=row.action,
            text=row.text,
            acted_by=row.acted_by,
            acted_at=row.acted_at,
        )


@strawberry.type
class ItilDeclarationEventEdge:
    cursor: str
    node: ItilDeclarationEvent


@strawberry.type
class ItilDeclarationEventConnection:
    edges: list[ItilDeclarationEventEdge]
    page_info: PageInfo


@strawberry.enum(description="The order of the declarations' history.")
class ItilHistoryOrder(Enum):
    NEWEST = "newest"
    OLDEST = "oldest"


@strawberry.type(
    description="A gap-analysis area as ITIL declarations propose it; nothing is recorded until the coach confirms."
)
class GapProposal:
    area: str = strawberry.field(description='As the gap analysis names it: "clause 5", "theme organisational".')
    title: str
    baseline_level: int = strawberry.field(description="The level last recorded in this cluster; 0 before any.")
    proposed_level: int
    evidence: list[str]

    @classmethod
    def from_proposal(cls, proposal: AreaProposal, title: str) -> GapProposal:
        return cls(
            area=proposal.area,
            title=title,
            baseline_level=proposal.baseline,
            proposed_level=proposal.proposed,
            evidence=list(proposal.evidence),
        )


@strawberry.type(description="The proposals for the organisation's gap analysis in one cluster it is a member of.")
class GapProposalSet:
    cluster_id: strawberry.ID
    cluster_name: str
    baseline_assessment: int | None = strawberry.field(description="The assessment the levels come from; none yet.")
    areas: list[GapProposal]
    viewer_can_confirm: bool = strawberry.field(
        description="The viewer may record the gap analysis with these levels, confirmed or corrected "
        "(`confirmItilGapProposals`)."
    )


@strawberry.type(description="A control of the Statement of Applicability that ITIL declarations give evidence for.")
class SoaProposal:
    catalogue_id: str
    control_id: str
    proposed_status: str = strawberry.field(description="An implementation status of the SoA: partial.")
    evidence: list[str]

    @classmethod
    def from_row(cls, row: SoaProposalRow) -> SoaProposal:
        return cls(
            catalogue_id=row.catalogue_id,
            control_id=row.control_id,
            proposed_status=row.proposed_status,
            evidence=list(row.evidence),
        )
