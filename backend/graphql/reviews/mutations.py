"""The management reviews' commands, by the organisation's own member accounts."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.errors import Refusal, user_error
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.reviews import actions as a
from backend.graphql.reviews import inputs as i
from backend.graphql.reviews.types import ManagementReview, ManagementReviewChange, ManagementReviewChangeResult
from domain.reviews import commands as c
from domain.reviews.review import PlannedAction
from domain.shared.errors import NotFound
from domain.shared.service import Saved


@strawberry.type
class ReviewsMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED, description="A review planned for a date.")
    async def plan_review(self, info: Info[Context, None], input: i.PlanReviewInput) -> ManagementReviewChangeResult:
        done = await change(
            info, a.PLAN_REVIEW, c.PlanReview, held_on=input.held_on, chair=input.chair,
            attendees=tuple(input.attendees),
        )  # fmt: skip
        return _changed(info, done)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="Reads the registers as they stand and keeps them as inputs."
    )
    async def gather_review_inputs(
        self, info: Info[Context, None], input: i.ManagementReviewIdInput
    ) -> ManagementReviewChangeResult:
        done = await change(info, a.GATHER_INPUTS, c.GatherReviewInputs, review_id=input.review_id)
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="An opportunity for improvement.")
    async def note_improvement_opportunity(
        self, info: Info[Context, None], input: i.NoteOpportunityInput
    ) -> ManagementReviewChangeResult:
        done = await change(
            info, a.NOTE_OPPORTUNITY, c.NoteImprovementOpportunity, review_id=input.review_id, text=input.text
        )
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="The review is held: its inputs are fixed.")
    async def hold_review(
        self, info: Info[Context, None], input: i.ManagementReviewIdInput
    ) -> ManagementReviewChangeResult:
        done = await change(info, a.HOLD_REVIEW, c.HoldReview, review_id=input.review_id)
        return _changed(info, done)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="A decision with how it was reached, the resources committed and its actions.",
    )
    async def record_review_decision(
        self, info: Info[Context, None], input: i.RecordDecisionInput
    ) -> ManagementReviewChangeResult:
        actions = tuple(PlannedAction(x.title, x.owner, x.due_on) for x in input.actions)
        done = await change(
            info, a.RECORD_DECISION, c.RecordReviewDecision, review_id=input.review_id, text=input.text,
            how_reached=input.how_reached, resources=input.resources, actions=actions,
        )  # fmt: skip
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Approves the minutes and freezes the review.")
    async def close_review(
        self, info: Info[Context, None], input: i.ManagementReviewIdInput
    ) -> ManagementReviewChangeResult:
        done = await change(info, a.CLOSE_REVIEW, c.CloseReview, review_id=input.review_id)
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Corrects a closed review's decision.")
    async def correct_review_decision(
        self, info: Info[Context, None], input: i.CorrectDecisionInput
    ) -> ManagementReviewChangeResult:
        done = await change(
            info, a.CORRECT_DECISION, c.CorrectReviewDecision, review_id=input.review_id, number=input.number,
            text=input.text, how_reached=input.how_reached, resources=input.resources, reason=input.reason,
        )  # fmt: skip
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="An action's progress.")
    async def change_review_action(
        self, info: Info[Context, None], input: i.ChangeActionInput
    ) -> ManagementReviewChangeResult:
        done = await change(
            info, a.CHANGE_ACTION, c.ChangeReviewAction, review_id=input.review_id, number=input.number,
            status=input.status, note=input.note,
        )  # fmt: skip
        return _changed(info, done)


def _changed(info: Info[Context, None], done: tuple[object, Saved] | Refusal) -> ManagementReviewChangeResult:
    """The review as it is now, or the refusal."""
    if not isinstance(done, tuple):
        return done
    detail = info.context.services.queries.reviews.detail(info.context.scope, done[1].aggregate_id)
    if detail is None:
        return user_error(NotFound("The review is saved but is not in your view.", "id"))
    today = info.context.services.app.today()
    return ManagementReviewChange(review=ManagementReview.from_row(detail.review, today, detail))
