"""GraphQL shapes of a Statement of Applicability: its controls, versions, history and the review of Annex A."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry

from backend.graphql.core.errors import NotFoundError, Refusal, ValidationError
from backend.graphql.core.pagination import PageInfo
from domain.catalogues.catalogue import Catalogue, Control
from domain.soa.review import Review
from domain.soa.review import TreatingRisk as TreatingRiskValue
from projections.soa.rows import ControlRow, HistoryRow, StatementRow, VersionRow


@strawberry.enum(description="How a statement's controls are listed.")
class SoaControlOrder(Enum):
    CONTROL = "control"
    """In the catalogue's order of ids."""
    STATUS = "status"
    """Undecided first, then not applicable, then from not started to implemented."""


@strawberry.type(description="A risk of the risk register whose treatment chose the control.")
class TreatingRisk:
    risk_id: str
    title: str
    level: str
    residual_level: str | None
    status: str

    @classmethod
    def from_value(cls, risk: TreatingRiskValue) -> TreatingRisk:
        return cls(risk_id=risk.risk_id, title=risk.title, level=risk.level, residual_level=risk.residual_level,
                   status=risk.status)  # fmt: skip


@strawberry.type(description="A document of the organisation linked as evidence.")
class SoaEvidence:
    document_id: strawberry.ID
    title: str


@strawberry.type(description="Who did what to the statement, and when.")
class SoaHistoryEntry:
    version: int
    control_id: str | None
    action: str = strawberry.field(description="started, decided, submitted, approved, rejected or moved.")
    detail: str | None
    acted_by: str
    acted_at: datetime

    @classmethod
    def from_row(cls, row: HistoryRow) -> SoaHistoryEntry:
        return cls(version=row.number, control_id=row.control_id, action=row.action, detail=row.detail,
                   acted_by=row.acted_by, acted_at=row.acted_at)  # fmt: skip


@strawberry.type(description="One control of the statement and its decision (none while undecided).")
class SoaControl:
    control_id: str
    group: str = strawberry.field(description="Its theme (2022) or domain (2005).")
    title: str
    applicable: bool | None = strawberry.field(description="None while undecided.")
    reasons: list[str]
    justification: str | None
    implementation: str | None
    evidence: list[SoaEvidence]
    to_review: bool = strawberry.field(description="Carried over from another edition, not confirmed since.")
    decided_by: str | None
    decided_at: datetime | None
    risks: list[TreatingRisk] = strawberry.field(description="The risks whose treatment chose it.")
    history: list[SoaHistoryEntry] = strawberry.field(description="Who decided what, oldest first (on one control).")
    viewer_can_decide: bool

    @classmethod
    def from_row(
        cls, row: ControlRow, risks: Sequence[TreatingRiskValue], can_decide: bool,
        history: Sequence[HistoryRow] = (),
    ) -> SoaControl:  # fmt: skip
        return cls(
            control_id=row.control_id, group=row.group_id, title=row.title, applicable=row.applicable,
            reasons=list(row.reasons), justification=row.justification, implementation=row.implementation,
            evidence=[SoaEvidence(document_id=strawberry.ID(str(e.document_id)), title=e.title) for e in row.evidence],
            to_review=row.to_review, decided_by=row.decided_by, decided_at=row.decided_at,
            risks=[TreatingRisk.from_value(r) for r in risks], history=[SoaHistoryEntry.from_row(h) for h in history],
            viewer_can_decide=can_decide,
        )  # fmt: skip


@strawberry.enum(description="How a statement's versions are listed.")
class SoaVersionOrder(Enum):
    NEWEST = "newest"
    """The latest version first."""
    OLDEST = "oldest"


@strawberry.enum(description="Where a version of the statement stands.")
class SoaVersionStatus(Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"


@strawberry.type(description="What the viewer may do with a version.")
class SoaVersionViewerCan:
    submit: bool = strawberry.field(description="A draft with every control decided and none left to review.")
    approve: bool = strawberry.field(
        description="Never by the person who submitted it, nor by anyone who decided one of its controls."
    )
    reject: bool
    download: bool = strawberry.field(description="An approved version downloads as XLSX, PDF and OSCAL JSON.")


@strawberry.type(
    description="A version of the statement: its decisions are frozen once submitted, for good once approved."
)
class SoaVersion:
    number: int
    status: str = strawberry.field(description="draft, submitted or approved.")
    catalogue_id: str
    catalogue_version: str
    decided: int | None = strawberry.field(description="How many controls were decided when it was submitted.")
    submitted_by: str | None
    submitted_at: datetime | None
    approved_by: str | None
    approved_at: datetime | None
    reason: str | None = strawberry.field(description="Why it was last sent back to draft.")
    viewer_can: SoaVersionViewerCan

    @classmethod
    def from_row(cls, row: VersionRow, viewer_can: SoaVersionViewerCan) -> SoaVersion:
        return cls(
            number=row.number, status=row.status, catalogue_id=row.catalogue_id,
            catalogue_version=row.catalogue_version, decided=row.decided, submitted_by=row.submitted_by,
            submitted_at=row.submitted_at, approved_by=row.approved_by, approved_at=row.approved_at,
            reason=row.reason, viewer_can=viewer_can,
        )  # fmt: skip


@strawberry.type(description="A theme or domain of the catalogue and how far its controls are decided.")
class SoaGroup:
    id: str
    title: str
    controls: int
    decided: int
    applicable: int


@strawberry.type(description="What the viewer may do with the statement now.")
class SoaViewerCan:
    decide: bool = strawberry.field(description="Decide controls (the version on its way is a draft).")
    submit: bool
    move_edition: bool = strawberry.field(description="Move it to another edition (a draft with a correspondence).")


@strawberry.type(description="An organisation's Statement of Applicability (ISO/IEC 27001 6.1.3 d).")
class StatementOfApplicability:
    organisation_id: strawberry.ID
    catalogue_id: str
    catalogue_version: str = strawberry.field(description="The version of the catalogue it was made with.")
    edition: str
    grouping: str = strawberry.field(description='"theme" (2022) or "domain" (2005).')
    version: int = strawberry.field(description="The version on its way: a draft, or submitted.")
    status: str
    approved_version: int | None
    groups: list[SoaGroup]
    move_targets: list[str] = strawberry.field(description="The catalogues a shipped correspondence leads to.")
    history: list[SoaHistoryEntry] = strawberry.field(description="The statement's steps, oldest first.")
    viewer_can: SoaViewerCan
    changed_at: datetime

    @classmethod
    def from_row(
        cls, row: StatementRow, catalogue: Catalogue, groups: list[SoaGroup], move_targets: list[str],
        history: list[SoaHistoryEntry], viewer_can: SoaViewerCan,
    ) -> StatementOfApplicability:  # fmt: skip
        return cls(
            organisation_id=strawberry.ID(str(row.organisation_id)), catalogue_id=row.catalogue_id,
            catalogue_version=row.catalogue_version, edition=catalogue.edition, grouping=catalogue.grouping,
            version=row.number, status=row.status, approved_version=row.approved_version, groups=groups,
            move_targets=move_targets, history=history, viewer_can=viewer_can,
            changed_at=row.changed_at,
        )  # fmt: skip


@strawberry.type(description="The organisation has not started its statement yet.")
class SoaNotStarted:
    organisation_id: strawberry.ID
    catalogues: list[str] = strawberry.field(description="The catalogues it may start on.")
    viewer_can_start: bool


@strawberry.type
class SoaVersionEdge:
    cursor: str
    node: SoaVersion


@strawberry.type
class SoaVersionConnection:
    edges: list[SoaVersionEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="How many versions match the filter.")


@strawberry.type
class SoaControlEdge:
    cursor: str
    node: SoaControl


@strawberry.type
class SoaControlConnection:
    edges: list[SoaControlEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="How many controls match the filters.")


@strawberry.type(description="A control of the catalogue, as the review names it.")
class SoaReviewControl:
    control_id: str
    group: str
    title: str


@strawberry.type(description="A risk whose treatment chose a control that the statement marks not applicable.")
class SoaExcludedButChosen:
    risk: TreatingRisk
    control: SoaReviewControl


@strawberry.type(description="The review of Annex A: what the statement may have missed.")
class SoaReview:
    applicable_without_reason: list[SoaReviewControl] = strawberry.field(
        description="Applicable, treating no risk, and with no reason but risk treatment."
    )
    groups_with_nothing_applicable: list[SoaGroup]
    risks_with_excluded_controls: list[SoaExcludedButChosen]
    undecided: list[SoaReviewControl]
    to_review: list[SoaReviewControl] = strawberry.field(description="Carried over from another edition.")
    findings: int

    @classmethod
    def from_review(cls, review: Review, groups: dict[str, SoaGroup]) -> SoaReview:
        def control(c: Control) -> SoaReviewControl:
            return SoaReviewControl(control_id=c.id, group=c.group, title=c.title)

        return cls(
            applicable_without_reason=[control(c) for c in review.applicable_without_reason],
            groups_with_nothing_applicable=[groups[g] for g in review.groups_with_nothing_applicable],
            risks_with_excluded_controls=[
                SoaExcludedButChosen(risk=TreatingRisk.from_value(f.risk), control=control(f.control))
                for f in review.risks_with_excluded_controls
            ],
            undecided=[control(c) for c in review.undecided], to_review=[control(c) for c in review.to_review],
            findings=review.findings,
        )  # fmt: skip


@strawberry.type
class SoaChange:
    statement: StatementOfApplicability
    control: SoaControl | None = strawberry.field(description="The control decided, when one was.")


SoaResult = Annotated[
    StatementOfApplicability | SoaNotStarted | NotFoundError | ValidationError, strawberry.union("SoaResult")
]
SoaControlResult = Annotated[SoaControl | NotFoundError | ValidationError, strawberry.union("SoaControlResult")]
SoaReviewResult = Annotated[SoaReview | NotFoundError | ValidationError, strawberry.union("SoaReviewResult")]
SoaChangeResult = Annotated[SoaChange | Refusal, strawberry.union("SoaChangeResult")]
