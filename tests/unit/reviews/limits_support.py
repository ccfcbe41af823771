"""What the input-limits test needs of the management reviews: a review of the scenario's first member, planned,
held (with one decision and its action) or closed, made before an argument is tried (so that the tries themselves
write nothing else)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID, uuid4
from weakref import WeakKeyDictionary

from domain.reviews.commands import (
    ChangeReviewAction,
    CloseReview,
    CorrectReviewDecision,
    GatherReviewInputs,
    HoldReview,
    NoteImprovementOpportunity,
    PlanReview,
    RecordReviewDecision,
)
from domain.reviews.review import PlannedAction
from domain.shared.aggregate import SYSTEM_ACTOR
from tests.unit.programme_scenario import Scenario

TextCall = Callable[[Scenario, str], object]
DateCall = Callable[[Scenario, date], object]
HELD_ON, DUE = date(2000, 1, 3), date(2027, 6, 30)
FIRST, LAST = date(2000, 1, 1), date(2032, 1, 4)

_HELD: WeakKeyDictionary[Scenario, UUID] = WeakKeyDictionary()
_CLOSED: WeakKeyDictionary[Scenario, UUID] = WeakKeyDictionary()


def _own(s: Scenario) -> tuple[Any, ...]:
    return (s.tenant, SYSTEM_ACTOR, s.members[0])


def _held(s: Scenario, held_on: date = HELD_ON) -> UUID:
    s.app.review_input_reader = lambda *_: ()
    review = s.app.handle(PlanReview(*_own(s), held_on, "Anna", ("Anna",))).aggregate_id
    s.app.handle(GatherReviewInputs(*_own(s), review))
    s.app.handle(HoldReview(*_own(s), review))
    return review


def prepare_reviews(s: Scenario) -> None:
    _HELD[s] = _held(s)
    closed = _held(s)
    s.app.handle(RecordReviewDecision(*_own(s), closed, "Buy", "Agreed", "None", (PlannedAction("Buy", "IT", DUE),)))
    s.app.handle(CloseReview(*_own(s), closed))
    _CLOSED[s] = closed


def _decide(s: Scenario, **texts: Any) -> object:
    given: dict[str, Any] = {"text": "Buy a disk", "how_reached": "Agreed", "resources": "400 EUR"} | texts
    return s.app.handle(RecordReviewDecision(*_own(s), _HELD[s], **given))


def _act(s: Scenario, title: str = "Buy", owner: str = "IT") -> object:
    return _decide(s, actions=(PlannedAction(title, owner, DUE),))


def _correct(s: Scenario, **texts: str) -> object:
    given = {"text": "Buy two", "how_reached": "Agreed", "resources": "800 EUR", "reason": "Typo"} | texts
    return s.app.handle(CorrectReviewDecision(*_own(s), _CLOSED[s], 1, **given))


REVIEW_TEXT_CALLS: dict[tuple[str, str], TextCall] = {
    ("PlanReview", "chair"): lambda s, t: s.app.handle(PlanReview(*_own(s), HELD_ON, t, ("Anna",))),
    ("PlanReview", "attendees[]"): lambda s, t: s.app.handle(PlanReview(*_own(s), HELD_ON, "Anna", (t,))),
    ("NoteImprovementOpportunity", "text"): lambda s, t: s.app.handle(
        NoteImprovementOpportunity(*_own(s), _HELD[s], t)
    ),
    ("RecordReviewDecision", "text"): lambda s, t: _decide(s, text=t),
    ("RecordReviewDecision", "how_reached"): lambda s, t: _decide(s, how_reached=t),
    ("RecordReviewDecision", "resources"): lambda s, t: _decide(s, resources=t),
    ("RecordReviewDecision", "actions[].title"): lambda s, t: _act(s, title=t),
    ("RecordReviewDecision", "actions[].owner"): lambda s, t: _act(s, owner=t),
    ("CorrectReviewDecision", "text"): lambda s, t: _correct(s, text=t),
    ("CorrectReviewDecision", "how_reached"): lambda s, t: _correct(s, how_reached=t),
    ("CorrectReviewDecision", "resources"): lambda s, t: _correct(s, resources=t),
    ("CorrectReviewDecision", "reason"): lambda s, t: _correct(s, reason=t),
    ("ChangeReviewAction", "note"): lambda s, t: s.app.handle(
        ChangeReviewAction(*_own(s), _CLOSED[s], 1, "in_progress", t)
    ),
}
REVIEW_PREPARED = dict.fromkeys(
    [k for k in REVIEW_TEXT_CALLS if k[0] != "PlanReview"] + [("ChangeReviewAction", "status")], prepare_reviews
)


def _due_on(s: Scenario, day: date) -> object:
    """An action of a review held on the first business date, when the day is one (a refusal writes nothing)."""
    review = _held(s, FIRST) if FIRST <= day <= LAST else uuid4()
    return s.app.handle(
        RecordReviewDecision(*_own(s), review, "Buy", "Agreed", "None", (PlannedAction("Buy", "IT", day),))
    )


REVIEW_DATE_CALLS: dict[tuple[str, str], DateCall] = {
    ("PlanReview", "held_on"): lambda s, d: s.app.handle(PlanReview(*_own(s), d, "Anna", ("Anna",))),
    ("RecordReviewDecision", "actions[].due_on"): _due_on,
}
REVIEW_DATES_REFUSED_AS = {("RecordReviewDecision", "actions[].due_on"): "actions.0.due_on"}

REVIEW_CHOICE_CALLS: dict[tuple[str, str], TextCall] = {
    ("ChangeReviewAction", "status"): lambda s, t: s.app.handle(ChangeReviewAction(*_own(s), _CLOSED[s], 1, t)),
}
