"""GraphQL shapes of an organisation's risk register, treatment plan and objectives, and of the consultancy's risk
method."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Annotated
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import NotFoundError, Refusal, ValidationError
from backend.graphql.core.pagination import PageInfo
from backend.graphql.risks.actions import SET_RISK_METHOD
from backend.graphql.risks.viewer_can import RegisterViewerCan, RiskViewerCan, on_risk
from backend.policy import may
from domain.risks.method import RiskMethod as Method
from domain.risks.rules import acceptance_expired, suggested_impact
from projections.risks.rows import RiskAssetRow, RiskControlRow, RiskEventRow, RiskRow

DIMENSIONS = ("confidentiality", "integrity", "availability")


@strawberry.enum(description="How a register is sorted.")
class RiskOrder(Enum):
    TITLE = "title"
    LEVEL = "level"
    """The highest level first (unassessed risks last), then by title."""
    RESIDUAL = "residual"
    """The highest residual level first (untreated risks last), then by title."""


@strawberry.type
class RiskScaleLevel:
    value: int
    label: str
    description: str


@strawberry.type(description="The level of one (likelihood, impact) pair.")
class RiskMatrixCell:
    likelihood: int
    impact: int
    level: int


@strawberry.type(description='Who may accept a risk of a level: its "owner" alone, or after "management" decides.')
class RiskAcceptanceRule:
    level: int
    accepted_by: str


@strawberry.type(description="What the viewer may do with the consultancy's risk method.")
class RiskMethodViewerCan:
    set: bool = strawberry.field(description="Set a new version (the consultancy's admins).")


@strawberry.type(description="One version of the consultancy's risk method; version 1 is the default.")
class RiskMethod:
    version: int
    likelihood: list[RiskScaleLevel]
    impact: list[RiskScaleLevel]
    levels: list[RiskScaleLevel]
    matrix: list[RiskMatrixCell]
    acceptance: list[RiskAcceptanceRule]

    @strawberry.field
    def viewer_can(self, info: Info[Context, None]) -> RiskMethodViewerCan:
        return RiskMethodViewerCan(set=may(info.context.signed_in, SET_RISK_METHOD))

    @classmethod
    def from_method(cls, method: Method) -> RiskMethod:
        def levels(name: str) -> list[RiskScaleLevel]:
            return [RiskScaleLevel(value=v, label=label, description=text) for v, label, text in method.scale(name)]

        return cls(
            version=method.version,
            likelihood=levels("likelihood"),
            impact=levels("impact"),
            levels=levels("levels"),
            matrix=[
                RiskMatrixCell(likelihood=lk, impact=im, level=lv) for (lk, im), lv in sorted(method.matrix.items())
            ],
            acceptance=[RiskAcceptanceRule(level=lv, accepted_by=who) for lv, who in sorted(method.acceptance.items())],
        )


@strawberry.type(description="Likelihood and impact on one version of the method, and the level its matrix gives.")
class RiskAssessment:
    likelihood: int
    impact: int
    level: int
    level_label: str
    method_version: int


@strawberry.type(description="A control chosen: a catalogue's (catalogueId, controlId) or the organisation's own.")
class RiskControl:
    catalogue_id: str | None
    control_id: str | None
    name: str | None

    @classmethod
    def from_row(cls, row: RiskControlRow) -> RiskControl:
        return cls(catalogue_id=row.catalogue_id, control_id=row.control_id, name=row.name)


@strawberry.type(description="How the risk is treated and what remains.")
class RiskTreatment:
    option: str
    residual: RiskAssessment
    management_decided: bool
    needs_management_decision: bool = strawberry.field(
        description="The residual level is above the acceptance criteria of the treatment's method."
    )


@strawberry.type(description="Its owner's acceptance of what remains; expired once past its until-date.")
class RiskAcceptance:
    until: date
    accepted_at: datetime
    reason: str
    expired: bool


@strawberry.type(description="An asset the risk concerns, with its classification.")
class RiskAsset:
    id: strawberry.ID
    name: str
    confidentiality: int | None
    integrity: int | None
    availability: int | None
    scale_version: int | None


@strawberry.type
class RiskOwner:
    id: strawberry.ID
    name: str


@strawberry.type(description="Something done to a risk, by whom and when.")
class RiskEvent:
    action: str = strawberry.field(
        description="identified, described, assessed, treated, management_decided, accepted or closed."
    )
    details: str
    reason: str | None
    acted_by: str | None
    acted_at: datetime

    @classmethod
    def from_row(cls, row: RiskEventRow) -> RiskEvent:
        return cls(
            action=row.action, details=row.details, reason=row.reason, acted_by=row.acted_by, acted_at=row.acted_at
        )


@strawberry.type
class Risk:
    id: strawberry.ID
    organisation_id: strawberry.ID
    title: str
    threat: str
    vulnerability: str
    owner: RiskOwner
    status: str = strawberry.field(description="identified, assessed, treated, accepted or closed.")
    assessment: RiskAssessment | None
    treatment: RiskTreatment | None
    acceptance: RiskAcceptance | None
    source_library_item: str | None
    source_library_version: int | None
    since_review: str | None = strawberry.field(description="new, changed or closed since the register's last review.")
    identified_at: datetime
    changed_at: datetime

    @strawberry.field(description="The assets it concerns.")
    def assets(self, info: Info[Context, None]) -> list[RiskAsset]:
        rows = info.context.services.queries.risks.risk_assets(info.context.scope, _uuid(self.id))
        return [_asset(row) for row in rows]

    @strawberry.field(description="The impact its assets' classification suggests, on the current method's scale.")
    def suggested_impact(self, info: Info[Context, None]) -> int | None:
        queries, scope = info.context.services.queries, info.context.scope
        method = queries.risks.method(scope)
        shares: list[float] = []
        for row in queries.risks.risk_assets(scope, _uuid(self.id)):
            scales = queries.assets.scales(scope, row.scale_version) if row.scale_version else None
            if scales is None:
                continue
            for dimension in DIMENSIONS:
                value = getattr(row, dimension)
                if value:
                    shares.append(value / len(getattr(scales, dimension)))
        return suggested_impact(shares, len(method.impact)) if method else None

    @strawberry.field(description="The controls its treatment chose.")
    def controls(self, info: Info[Context, None]) -> list[RiskControl]:
        rows = info.context.services.queries.risks.risk_controls(info.context.scope, _uuid(self.id))
        return [RiskControl.from_row(row) for row in rows]

    @strawberry.field(description="Identified, then every change, oldest first.")
    def history(self, info: Info[Context, None]) -> list[RiskEvent]:
        rows = info.context.services.queries.risks.history(info.context.scope, _uuid(self.id))
        return [RiskEvent.from_row(row) for row in rows]

    @strawberry.field(description="What the viewer may do to this risk now.")
    def viewer_can(self, info: Info[Context, None]) -> RiskViewerCan:
        t = self.treatment
        awaited = t is not None and t.needs_management_decision and not t.management_decided
        return on_risk(info, _uuid(self.organisation_id), self.status, _uuid(self.owner.id), awaited)

    @classmethod
    def from_row(cls, row: RiskRow, today: date, treatment_method: Method | None) -> Risk:
        return cls(
            id=strawberry.ID(str(row.risk_id)),
            organisation_id=strawberry.ID(str(row.organisation_id)),
            title=row.title,
            threat=row.threat,
            vulnerability=row.vulnerability,
            owner=RiskOwner(id=strawberry.ID(str(row.owner_id)), name=row.owner_name or "A former account"),
            status=row.status,
            assessment=_assessment(row.likelihood, row.impact, row.level, row.level_label, row.method_version),
            treatment=_treatment(row, treatment_method),
            acceptance=_acceptance(row, today),
            source_library_item=row.source_library_item,
            source_library_version=row.source_library_version,
            since_review=row.since_review,
            identified_at=row.identified_at,
            changed_at=row.changed_at,
        )


def _assessment(
    likelihood: int | None, impact: int | None, level: int | None, label: str | None, version: int | None
) -> RiskAssessment | None:
    if likelihood is None or impact is None or level is None or version is None:
        return None
    return RiskAssessment(
        likelihood=likelihood, impact=impact, level=level, level_label=label or "", method_version=version
    )


def _treatment(row: RiskRow, method: Method | None) -> RiskTreatment | None:
    residual = _assessment(
        row.residual_likelihood,
        row.residual_impact,
        row.residual_level,
        row.residual_level_label,
        row.treatment_method_version,
    )
    if row.option is None or residual is None:
        return None
    needs = method is not None and method.needs_management(residual.level)
    return RiskTreatment(
        option=row.option, residual=residual, management_decided=row.management_decided, needs_management_decision=needs
    )


def _acceptance(row: RiskRow, today: date) -> RiskAcceptance | None:
    if row.accepted_until is None or row.accepted_at is None:
        return None
    return RiskAcceptance(
        until=row.accepted_until,
        accepted_at=row.accepted_at,
        reason=row.accepted_reason or "",
        expired=acceptance_expired(row.accepted_until, today),
    )


def _asset(row: RiskAssetRow) -> RiskAsset:
    return RiskAsset(
        id=strawberry.ID(str(row.asset_id)),
        name=row.name,
        confidentiality=row.confidentiality,
        integrity=row.integrity,
        availability=row.availability,
        scale_version=row.scale_version,
    )


@strawberry.type
class RiskEdge:
    cursor: str
    node: Risk


@strawberry.type(description="The register's last review, if one was held.")
class RiskReview:
    held_on: date
    notes: str
    held_by: str | None


@strawberry.type(description="What is new, changed or closed since the last review (every risk before the first).")
class SinceReview:
    last_review: RiskReview | None
    new_count: int
    changed_count: int
    closed_count: int


@strawberry.type(description="A page of an organisation's risk register (open risks, unless closed ones are asked).")
class RiskConnection:
    edges: list[RiskEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Risks the filters match.")
    register_count: int = strawberry.field(description="Open risks of the register, whatever the filters.")
    since_review: SinceReview
    viewer_can: RegisterViewerCan


@strawberry.type(description="Open risks counted in one cell of the matrix, with the level of the cell.")
class RiskHeatCell:
    likelihood: int
    impact: int
    level: int
    level_label: str
    count: int


@strawberry.type(description="Open risks on the current method's matrix: as assessed, and as left by treatment.")
class RiskHeatMap:
    method: RiskMethod
    inherent: list[RiskHeatCell]
    residual: list[RiskHeatCell]


@strawberry.type(description="A risk an action of the plan treats.")
class LinkedRisk:
    id: strawberry.ID
    title: str


@strawberry.type(description="What the viewer may do to an action of the plan or an objective.")
class PlanItemViewerCan:
    change_status: bool


@strawberry.type(description="An action of the risk treatment plan.")
class TreatmentAction:
    id: strawberry.ID
    organisation_id: strawberry.ID
    title: str
    owner: str
    due_on: date
    status: str = strawberry.field(description="planned, in_progress, done or cancelled.")
    status_reason: str | None
    overdue: bool
    risks: list[LinkedRisk]
    controls: list[str]
    viewer_can: PlanItemViewerCan


@strawberry.type
class TreatmentActionEdge:
    cursor: str
    node: TreatmentAction


@strawberry.type(description="The treatment plan's actions, by due date.")
class TreatmentActionConnection:
    edges: list[TreatmentActionEdge]
    page_info: PageInfo
    overdue_count: int = strawberry.field(description="Of this page.")
    viewer_can: RegisterViewerCan


@strawberry.type(description="A security objective (ISO/IEC 27001 6.2).")
class SecurityObjective:
    id: strawberry.ID
    organisation_id: strawberry.ID
    title: str
    measure: str
    owner: str
    due_on: date
    status: str = strawberry.field(description="planned, in_progress, achieved or cancelled.")
    status_reason: str | None
    overdue: bool
    viewer_can: PlanItemViewerCan


@strawberry.type
class SecurityObjectiveEdge:
    cursor: str
    node: SecurityObjective


@strawberry.type(description="The organisation's security objectives, by due date.")
class SecurityObjectiveConnection:
    edges: list[SecurityObjectiveEdge]
    page_info: PageInfo
    viewer_can: RegisterViewerCan


@strawberry.type
class RiskChange:
    risk: Risk


@strawberry.type
class RiskMethodChange:
    method: RiskMethod


@strawberry.type
class RiskReviewHeld:
    review: RiskReview


@strawberry.type
class TreatmentActionChange:
    action: TreatmentAction


@strawberry.type
class SecurityObjectiveChange:
    objective: SecurityObjective


RiskResult = Annotated[Risk | NotFoundError | ValidationError, strawberry.union("RiskResult")]
RiskChangeResult = Annotated[RiskChange | Refusal, strawberry.union("RiskChangeResult")]
RiskMethodChangeResult = Annotated[RiskMethodChange | Refusal, strawberry.union("RiskMethodChangeResult")]
RiskReviewResult = Annotated[RiskReviewHeld | Refusal, strawberry.union("RiskReviewResult")]
TreatmentActionChangeResult = Annotated[
    TreatmentActionChange | Refusal, strawberry.union("TreatmentActionChangeResult")
]
SecurityObjectiveChangeResult = Annotated[
    SecurityObjectiveChange | Refusal, strawberry.union("SecurityObjectiveChangeResult")
]


def _uuid(value: strawberry.ID) -> UUID:
    return UUID(str(value))
