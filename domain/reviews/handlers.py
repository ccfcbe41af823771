"""The management reviews' command handlers: load the review of the acting organisation, call one method, save."""

from __future__ import annotations

import uuid
from typing import Protocol

from domain.reviews import commands as c
from domain.reviews.review import ManagementReview
from domain.shared.calendar import business_date, stated_today
from domain.shared.errors import NotFound
from domain.shared.ports import Handler, Organisations, ReviewInputs, Store
from domain.shared.service import Saved

NO_REVIEW = "No management review with this id."


class ReviewPorts(Store, Organisations, ReviewInputs, Protocol):
    """A review belongs to an organisation of the tenant; its inputs are read from the registers."""


def plan_review(app: ReviewPorts, cmd: c.PlanReview) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    review = ManagementReview.plan(
        cmd.tenant_id, cmd.actor_id, uuid.uuid4(), cmd.organisation_id, cmd.held_on, cmd.chair, cmd.attendees
    )
    return app.save_changes(review)


def gather_review_inputs(app: ReviewPorts, cmd: c.GatherReviewInputs) -> Saved:
    review = _review(app, cmd)
    sections = app.review_inputs(cmd.tenant_id, cmd.organisation_id, review.id)
    today = stated_today()
    review.gather_inputs(cmd.actor_id, sections, today if today is not None else review.held_on)
    return app.save_changes(review)


def note_improvement_opportunity(app: Store, cmd: c.NoteImprovementOpportunity) -> Saved:
    review = _review(app, cmd)
    review.note_opportunity(cmd.actor_id, cmd.text)
    return app.save_changes(review)


def hold_review(app: Store, cmd: c.HoldReview) -> Saved:
    review = _review(app, cmd)
    review.hold(cmd.actor_id)
    return app.save_changes(review)


def record_review_decision(app: Store, cmd: c.RecordReviewDecision) -> Saved:
    for number, action in enumerate(cmd.actions):  # before the review is looked for: a bad date is the input's fault
        business_date(f"actions.{number}.due_on", action.due_on)
    review = _review(app, cmd)
    review.record_decision(cmd.actor_id, cmd.text, cmd.how_reached, cmd.resources, cmd.actions)
    return app.save_changes(review)


def close_review(app: Store, cmd: c.CloseReview) -> Saved:
    review = _review(app, cmd)
    review.close(cmd.actor_id)
    return app.save_changes(review)


def correct_review_decision(app: Store, cmd: c.CorrectReviewDecision) -> Saved:
    review = _review(app, cmd)
    review.correct_decision(cmd.actor_id, cmd.number, cmd.text, cmd.how_reached, cmd.resources, cmd.reason)
    return app.save_changes(review)


def change_review_action(app: Store, cmd: c.ChangeReviewAction) -> Saved:
    review = _review(app, cmd)
    review.change_action(cmd.actor_id, cmd.number, cmd.status, cmd.note)
    return app.save_changes(review)


class OnReview(Protocol):
    @property
    def tenant_id(self) -> uuid.UUID: ...
    @property
    def organisation_id(self) -> uuid.UUID: ...
    @property
    def review_id(self) -> uuid.UUID: ...


def _review(app: Store, cmd: OnReview) -> ManagementReview:
    """The acting organisation's review; another organisation's is answered as a missing one."""
    try:
        review = app.get(ManagementReview, cmd.tenant_id, cmd.review_id, "review_id")
    except NotFound:
        raise NotFound(NO_REVIEW, "review_id") from None  # one message for a missing and a foreign review
    if review.organisation_id != cmd.organisation_id:
        raise NotFound(NO_REVIEW, "review_id")
    return review


HANDLERS: dict[type, Handler] = {
    c.PlanReview: plan_review,
    c.GatherReviewInputs: gather_review_inputs,
    c.NoteImprovementOpportunity: note_improvement_opportunity,
    c.HoldReview: hold_review,
    c.RecordReviewDecision: record_review_decision,
    c.CloseReview: close_review,
    c.CorrectReviewDecision: correct_review_decision,
    c.ChangeReviewAction: change_review_action,
}
