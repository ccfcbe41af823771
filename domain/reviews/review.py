"""A management review of an organisation's ISMS: planned, its inputs gathered and kept, held, decided, closed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.reviews import rules
from domain.reviews.rules import ActionStatus, ReviewStatus
from domain.shared.aggregate import TenantAggregate
from domain.shared.calendar import business_date
from domain.shared.errors import ValidationFailed
from domain.shared.ports import ReviewInputSection
from domain.shared.text import NAME_MAX_LENGTH, REASON_MAX_LENGTH, multi_line, single_line

ATTENDEES_MAX = 30
DECISION_MAX_LENGTH = 2000
HOW_REACHED_MAX_LENGTH = 2000
RESOURCES_MAX_LENGTH = 1000
OPPORTUNITY_MAX_LENGTH = 1000
ACTION_TITLE_MAX_LENGTH = 200
ACTIONS_PER_DECISION_MAX = 10
INPUT_LINE_MAX_LENGTH = 500
INPUT_LINES_MAX = 200
"""A gathered section keeps at most this many lines, each cut to `INPUT_LINE_MAX_LENGTH`: the snapshot of a large
register stays within one event."""


@dataclass(frozen=True)
class PlannedAction:
    """An action a decision asks for: what, who owns it, by when."""

    title: str
    owner: str
    due_on: date


@dataclass
class Action:
    decision: int
    status: str = ActionStatus.OPEN


class ManagementReview(TenantAggregate):
    """Its id is random: an organisation holds a review each year or more often."""

    @classmethod
    def plan(
        cls, tenant_id: UUID, actor_id: UUID, review_id: UUID, organisation_id: UUID, held_on: date, chair: str,
        attendees: tuple[str, ...],
    ) -> ManagementReview:  # fmt: skip
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            review_id=review_id,
            organisation_id=organisation_id,
            held_on=business_date("held_on", held_on),
            chair=single_line("chair", chair, NAME_MAX_LENGTH),
            attendees=_attendees(attendees),
        )

    @staticmethod
    def create_id(review_id: UUID, **_: object) -> UUID:
        return review_id

    @event("Planned")
    def __init__(
        self, tenant_id: UUID, actor_id: UUID, review_id: UUID, organisation_id: UUID, held_on: date, chair: str,
        attendees: list[str],
    ) -> None:  # fmt: skip
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.held_on = held_on
        self.status: str = ReviewStatus.PLANNED
        self.inputs: tuple[ReviewInputSection, ...] = ()
        self.inputs_gathered = False
        self.decisions = 0
        self.opportunities = 0
        self.actions: dict[int, Action] = {}

    def gather_inputs(self, actor_id: UUID, sections: tuple[ReviewInputSection, ...], gathered_on: date) -> None:
        """Keeps the registers' state with the review: the event holds every line, so it never changes later."""
        if not rules.can_gather_inputs(self.status):
            raise ValidationFailed("review_id", f"Inputs are gathered before the review is held; it is {self.status}.")
        self._inputs_gathered(actor_id, gathered_on, [_section(s) for s in sections])

    @event("InputsGathered")
    def _inputs_gathered(self, actor_id: UUID, gathered_on: date, sections: list[dict[str, Any]]) -> None:
        self.inputs = tuple(
            ReviewInputSection(s["key"], s["title"], s["recorded"], tuple(s["lines"])) for s in sections
        )
        self.inputs_gathered = True

    def note_opportunity(self, actor_id: UUID, text: str) -> None:
        if not rules.can_note_opportunity(self.status):
            raise ValidationFailed("review_id", "A closed review is frozen.")
        self._opportunity_noted(actor_id, multi_line("text", text, OPPORTUNITY_MAX_LENGTH))

    @event("OpportunityNoted")
    def _opportunity_noted(self, actor_id: UUID, text: str) -> None:
        self.opportunities += 1

    def hold(self, actor_id: UUID) -> None:
        if not rules.can_hold(self.status, self.inputs_gathered):
            message = "Gather the review's inputs first." if not self.inputs_gathered else "It is already held."
            raise ValidationFailed("review_id", message)
        self._held(actor_id)

    @event("Held")
    def _held(self, actor_id: UUID) -> None:
        self.status = ReviewStatus.HELD

    def record_decision(
        self, actor_id: UUID, text: str, how_reached: str, resources: str, actions: tuple[PlannedAction, ...]
    ) -> None:
        """A decision says how it was reached and what resources are committed ("none" is an answer)."""
        if not rules.can_decide(self.status):
            raise ValidationFailed("review_id", f"Decisions are recorded once the review is held; it is {self.status}.")
        decision = multi_line("text", text, DECISION_MAX_LENGTH)
        how = multi_line("how_reached", how_reached, HOW_REACHED_MAX_LENGTH)
        committed = multi_line("resources", resources, RESOURCES_MAX_LENGTH)
        if len(actions) > ACTIONS_PER_DECISION_MAX:
            raise ValidationFailed("actions", f"At most {ACTIONS_PER_DECISION_MAX} actions a decision.")
        planned = [_action(f"actions.{n}", a, self.held_on) for n, a in enumerate(actions)]
        self._decided(actor_id, self.decisions + 1, decision, how, committed, len(self.actions) + 1, planned)

    @event("DecisionRecorded")
    def _decided(
        self, actor_id: UUID, number: int, text: str, how_reached: str, resources: str, first_action: int,
        actions: list[dict[str, Any]],
    ) -> None:  # fmt: skip
        self.decisions = number
        for offset in range(len(actions)):
            self.actions[first_action + offset] = Action(number)

    def close(self, actor_id: UUID) -> None:
        """Approves the minutes; the review is then frozen."""
        if not rules.can_close(self.status, self.decisions):
            raise ValidationFailed("review_id", "A held review with at least one decision is closed.")
        self._closed(actor_id)

    @event("Closed")
    def _closed(self, actor_id: UUID) -> None:
        self.status = ReviewStatus.CLOSED

    def correct_decision(
        self, actor_id: UUID, number: int, text: str, how_reached: str, resources: str, reason: str
    ) -> None:
        if not rules.can_correct_decision(self.status):
            raise ValidationFailed("review_id", "Only a closed review's decisions are corrected, with a reason.")
        if not 1 <= number <= self.decisions:
            raise ValidationFailed("number", "This review has no decision of this number.")
        self._decision_corrected(
            actor_id, number, multi_line("text", text, DECISION_MAX_LENGTH),
            multi_line("how_reached", how_reached, HOW_REACHED_MAX_LENGTH),
            multi_line("resources", resources, RESOURCES_MAX_LENGTH),
            multi_line("reason", reason, REASON_MAX_LENGTH),
        )  # fmt: skip

    @event("DecisionCorrected")
    def _decision_corrected(
        self, actor_id: UUID, number: int, text: str, how_reached: str, resources: str, reason: str
    ) -> None:
        pass

    def change_action(self, actor_id: UUID, number: int, status: str, note: str) -> None:
        """An action's progress, with a note; done and cancelled are final."""
        action = self.actions.get(number)
        if action is None:
            raise ValidationFailed("number", "This review has no action of this number.")
        if status not in ActionStatus.__members__.values() or status == ActionStatus.OPEN:
            raise ValidationFailed("status", "Choose in_progress, done or cancelled.")
        if not rules.can_change_action(action.status):
            raise ValidationFailed("status", f"This action is {action.status}: it does not change any more.")
        required = status == ActionStatus.CANCELLED
        self._action_changed(actor_id, number, status, multi_line("note", note, REASON_MAX_LENGTH, required=required))

    @event("ActionChanged")
    def _action_changed(self, actor_id: UUID, number: int, status: str, note: str) -> None:
        self.actions[number].status = status


def _attendees(given: tuple[str, ...]) -> list[str]:
    names = [single_line(f"attendees.{n}", name, NAME_MAX_LENGTH) for n, name in enumerate(given)]
    if not names:
        raise ValidationFailed("attendees", "Name at least one attendee.")
    if len(names) > ATTENDEES_MAX:
        raise ValidationFailed("attendees", f"At most {ATTENDEES_MAX} attendees.")
    return names


def _action(field: str, action: PlannedAction, held_on: date) -> dict[str, Any]:
    due_on = business_date(f"{field}.due_on", action.due_on)
    if due_on < held_on:
        raise ValidationFailed(f"{field}.due_on", f"Cannot be before the review ({held_on.isoformat()}).")
    return {
        "title": single_line(f"{field}.title", action.title, ACTION_TITLE_MAX_LENGTH),
        "owner": single_line(f"{field}.owner", action.owner, NAME_MAX_LENGTH),
        "due_on": due_on,
    }


def _section(section: ReviewInputSection) -> dict[str, Any]:
    lines = [line[:INPUT_LINE_MAX_LENGTH] for line in section.lines[:INPUT_LINES_MAX]]
    return {"key": section.key, "title": section.title, "recorded": section.recorded, "lines": lines}
