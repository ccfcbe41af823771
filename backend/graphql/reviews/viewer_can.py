"""What the viewer may do with a management review now: the policy and the domain's rules."""

from __future__ import annotations

import strawberry

from backend.auth.principal import Principal
from backend.graphql.reviews import actions as a
from backend.policy import Action, may
from domain.reviews import rules
from projections.reviews.rows import ReviewRow


@strawberry.type(description="What the viewer may do to the management review now.")
class ReviewViewerCan:
    gather_inputs: bool = strawberry.field(description="Read the registers again, before the review is held.")
    note_opportunity: bool
    hold: bool = strawberry.field(description="Once the inputs are gathered.")
    record_decision: bool
    close: bool = strawberry.field(description="Approve the minutes: the review is then frozen.")
    correct_decision: bool = strawberry.field(description="A closed review's decision, with a reason.")
    change_actions: bool


def on_review(p: Principal, review: ReviewRow) -> ReviewViewerCan:
    own = review.organisation_id

    def allowed(action: Action) -> bool:
        return may(p, action, own)

    return ReviewViewerCan(
        gather_inputs=allowed(a.GATHER_INPUTS) and rules.can_gather_inputs(review.status),
        note_opportunity=allowed(a.NOTE_OPPORTUNITY) and rules.can_note_opportunity(review.status),
        hold=allowed(a.HOLD_REVIEW) and rules.can_hold(review.status, review.gathered_on is not None),
        record_decision=allowed(a.RECORD_DECISION) and rules.can_decide(review.status),
        close=allowed(a.CLOSE_REVIEW) and rules.can_close(review.status, review.decisions),
        correct_decision=allowed(a.CORRECT_DECISION) and rules.can_correct_decision(review.status),
        change_actions=allowed(a.CHANGE_ACTION),
    )
