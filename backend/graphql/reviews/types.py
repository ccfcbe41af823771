"""GraphQL shapes of an organisation's management reviews, their kept inputs, decisions and actions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import NotFoundError, Refusal, ValidationError
from backend.graphql.core.pagination import PageInfo
from backend.graphql.reviews.viewer_can import ReviewViewerCan, on_review
from domain.reviews import rules
from projections.reviews.rows import ActionRow, ReviewDetail, ReviewRow


@strawberry.type(description="An input of the review as gathered from a register, kept as it was then.")
class ReviewInputSection:
    key: str = strawberry.field(description="previous_actions, context_changes, risk_assessment, … .")
    title: str
    recorded: bool = strawberry.field(description="False for a register Cordee does not keep yet.")
    lines: list[str]


@strawberry.type(description="A decision, how it was reached and the resources committed.")
class ReviewDecision:
    number: int
    text: str
    how_reached: str
    resources: str
    correction_reason: str | None = strawberry.field(description="Why it was corrected after the review closed.")


@strawberry.type(description="An action a decision asks for, followed until done or cancelled.")
class ReviewAction:
    number: int
    decision: int
    title: str
    owner: str
    due_on: date
    status: str = strawberry.field(description="open, in_progress, done or cancelled.")
    note: str | None
    overdue: bool = strawberry.field(description="Past its due date and not finished.")
    viewer_can_change: bool

    @classmethod
    def from_row(cls, row: ActionRow, today: date, may_change: bool) -> ReviewAction:
        return cls(
            number=row.number, decision=row.decision, title=row.title, owner=row.owner, due_on=row.due_on,
            status=row.status, note=row.note, overdue=rules.is_overdue(row.status, row.due_on, today),
            viewer_can_change=may_change and rules.can_change_action(row.status),
        )  # fmt: skip


@strawberry.type(description="A management review of an organisation's ISMS (clause 9.3).")
class ManagementReview:
    id: strawberry.ID
    organisation_id: strawberry.ID
    held_on: date = strawberry.field(description="The date of the meeting.")
    chair: str
    attendees: list[str]
    status: str = strawberry.field(description="planned, held or closed (approved and frozen).")
    gathered_on: date | None = strawberry.field(description="When its inputs were read from the registers.")
    decision_count: int
    closed_at: datetime | None
    changed_at: datetime
    row: strawberry.Private[ReviewRow]
    detail: strawberry.Private[ReviewDetail | None]
    today: strawberry.Private[date]

    @strawberry.field(description="The inputs as gathered, in the order of clause 9.3.2.")
    def inputs(self) -> list[ReviewInputSection]:
        found = self.detail.inputs if self.detail else ()
        return [ReviewInputSection(key=i.key, title=i.title, recorded=i.recorded, lines=list(i.lines)) for i in found]

    @strawberry.field(description="Opportunities for improvement, entered by hand.")
    def opportunities(self) -> list[str]:
        return list(self.detail.opportunities) if self.detail else []

    @strawberry.field
    def decisions(self) -> list[ReviewDecision]:
        found = self.detail.decisions if self.detail else ()
        return [
            ReviewDecision(number=d.number, text=d.text, how_reached=d.how_reached, resources=d.resources,
                           correction_reason=d.correction_reason)
            for d in found
        ]  # fmt: skip

    @strawberry.field
    def actions(self, info: Info[Context, None]) -> list[ReviewAction]:
        may_change = self.viewer_can(info).change_actions
        found = self.detail.actions if self.detail else ()
        return [ReviewAction.from_row(a, self.today, may_change) for a in found]

    @strawberry.field(description="What the viewer may do to the review now.")
    def viewer_can(self, info: Info[Context, None]) -> ReviewViewerCan:
        return on_review(info.context.signed_in, self.row)

    @classmethod
    def from_row(cls, row: ReviewRow, today: date, detail: ReviewDetail | None = None) -> ManagementReview:
        return cls(
            id=strawberry.ID(str(row.review_id)), organisation_id=strawberry.ID(str(row.organisation_id)),
            held_on=row.held_on, chair=row.chair, attendees=list(row.attendees), status=row.status,
            gathered_on=row.gathered_on, decision_count=row.decisions, closed_at=row.closed_at,
            changed_at=row.changed_at, row=row, detail=detail, today=today,
        )  # fmt: skip


@strawberry.type
class ManagementReviewEdge:
    cursor: str
    node: ManagementReview


@strawberry.type
class ManagementReviewConnection:
    edges: list[ManagementReviewEdge]
    page_info: PageInfo
    viewer_can_plan: bool = strawberry.field(description="Whether the viewer may plan reviews here.")


@strawberry.type
class ManagementReviewChange:
    review: ManagementReview


ManagementReviewResult = Annotated[
    ManagementReview | NotFoundError | ValidationError, strawberry.union("ManagementReviewResult")
]
ManagementReviewChangeResult = Annotated[
    ManagementReviewChange | Refusal, strawberry.union("ManagementReviewChangeResult")
]
