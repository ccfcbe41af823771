"""What the risk register's mutations answer: the changed thing, read back from the read model."""

from __future__ import annotations

from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import Refusal, user_error
from backend.graphql.risks import build
from backend.graphql.risks.types import (
    RiskChange,
    RiskMethod,
    RiskMethodChange,
    RiskReview,
    RiskReviewHeld,
    SecurityObjectiveChange,
    TreatmentActionChange,
)
from domain.application import Saved
from domain.shared.errors import NotFound

Done = tuple[object, Saved] | Refusal
NOT_IN_VIEW = "It is saved but is not in your view."


def risk_changed(info: Info[Context, None], done: Done) -> RiskChange | Refusal:
    if not isinstance(done, tuple):
        return done
    row = info.context.services.queries.risks.risk(info.context.scope, done[1].aggregate_id)
    if row is None:
        return user_error(NotFound(NOT_IN_VIEW, "id"))
    return RiskChange(risk=build.risks(info, [row])[0])


def method_changed(info: Info[Context, None], done: Done) -> RiskMethodChange | Refusal:
    if not isinstance(done, tuple):
        return done
    method = info.context.services.queries.risks.method(info.context.scope)
    if method is None:
        return user_error(NotFound(NOT_IN_VIEW, "id"))
    return RiskMethodChange(method=RiskMethod.from_method(method))


def review_held(info: Info[Context, None], done: Done) -> RiskReviewHeld | Refusal:
    if not isinstance(done, tuple):
        return done
    cmd = done[0]
    review = info.context.services.queries.risks.last_review(info.context.scope, cmd.organisation_id)  # type: ignore[attr-defined]
    if review is None:
        return user_error(NotFound(NOT_IN_VIEW, "organisation_id"))
    return RiskReviewHeld(review=RiskReview(held_on=review.held_on, notes=review.notes, held_by=review.held_by))


def action_changed(info: Info[Context, None], done: Done) -> TreatmentActionChange | Refusal:
    if not isinstance(done, tuple):
        return done
    row = info.context.services.queries.risks.action(info.context.scope, done[1].aggregate_id)
    if row is None:
        return user_error(NotFound(NOT_IN_VIEW, "id"))
    return TreatmentActionChange(action=build.actions(info, [row])[0])


def objective_changed(info: Info[Context, None], done: Done) -> SecurityObjectiveChange | Refusal:
    if not isinstance(done, tuple):
        return done
    row = info.context.services.queries.risks.objective(info.context.scope, done[1].aggregate_id)
    if row is None:
        return user_error(NotFound(NOT_IN_VIEW, "id"))
    return SecurityObjectiveChange(objective=build.objective(info, row))
