"""The rules of a management review, both ways: its inputs kept as gathered, decisions with how they were reached
and the resources committed, frozen once closed."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from domain.application import Cordee
from domain.organisations.commands import RegisterOrganisation
from domain.reviews import commands as c
from domain.reviews.review import ManagementReview, PlannedAction
from domain.reviews.rules import is_overdue
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.calendar import business_day
from domain.shared.errors import NotFound, ValidationFailed
from domain.shared.ports import ReviewInputSection
from domain.tenancy.commands import CreateConsultancy

HELD_ON = date(2027, 3, 1)
ACTOR = uuid.uuid4()


class Registers:
    """The registers as a fake reader sees them: a test changes them after the inputs were gathered."""

    def __init__(self) -> None:
        self.issues = ["Supplier outage (raised)"]

    def __call__(
        self, tenant_id: uuid.UUID, organisation_id: uuid.UUID, review_id: uuid.UUID
    ) -> tuple[ReviewInputSection, ...]:
        return (
            ReviewInputSection("context_changes", "Changes in issues", True, tuple(self.issues)),
            ReviewInputSection("nonconformities", "Nonconformities", False, ("Not yet recorded in Cordee.",)),
        )


class Bakery:
    def __init__(self) -> None:
        self.app = Cordee()
        self.registers = Registers()
        self.app.review_input_reader = self.registers
        self.tenant = self.app.handle(CreateConsultancy(SYSTEM_ACTOR, "Alpine", "alpine")).aggregate_id
        register = RegisterOrganisation(self.tenant, SYSTEM_ACTOR, "Muller", "Bakery", 9)
        self.organisation = self.app.handle(register).aggregate_id
        self.mine = (self.tenant, ACTOR, self.organisation)

    def plan(self) -> uuid.UUID:
        with business_day(HELD_ON):
            return self.app.handle(c.PlanReview(*self.mine, HELD_ON, "Anna Muller", ("Anna", "Paul"))).aggregate_id

    def run(self, command: object) -> None:
        with business_day(HELD_ON):
            self.app.handle(command)

    def held(self) -> uuid.UUID:
        review = self.plan()
        self.run(c.GatherReviewInputs(*self.mine, review))
        self.run(c.HoldReview(*self.mine, review))
        return review

    def review(self, review_id: uuid.UUID) -> ManagementReview:
        found: ManagementReview = self.app.repository.get(review_id)
        return found

    def events(self) -> int:
        return self.app.recorder.max_notification_id() or 0


def decision(review: uuid.UUID, b: Bakery, **changed: object) -> c.RecordReviewDecision:
    given: dict[str, object] = {
        "text": "Replace the backup disk",
        "how_reached": "Agreed by all attendees after the incident figures",
        "resources": "400 EUR, two days of Paul's time",
        "actions": (PlannedAction("Buy a disk", "Paul", date(2027, 4, 1)),),
    } | changed
    return c.RecordReviewDecision(*b.mine, review, **given)  # type: ignore[arg-type]


def test_the_inputs_kept_do_not_change_when_the_registers_do() -> None:
    b = Bakery()
    review = b.plan()
    b.run(c.GatherReviewInputs(*b.mine, review))
    b.registers.issues.append("New regulation (raised)")
    kept = b.review(review).inputs
    assert kept[0].lines == ("Supplier outage (raised)",)
    assert kept[1].recorded is False
    stored = [n for n in b.app.recorder.select_notifications(1, 100) if n.topic.endswith("InputsGathered")]
    assert b"Supplier outage" in stored[0].state
    assert b"New regulation" not in stored[0].state


def test_inputs_are_not_gathered_again_once_held() -> None:
    b = Bakery()
    review = b.held()
    before = b.events()
    with pytest.raises(ValidationFailed) as error:
        b.run(c.GatherReviewInputs(*b.mine, review))
    assert error.value.field == "review_id"
    assert b.events() == before


def test_a_review_is_held_only_once_its_inputs_are_gathered() -> None:
    b = Bakery()
    review = b.plan()
    with pytest.raises(ValidationFailed, match="Gather"):
        b.run(c.HoldReview(*b.mine, review))


@pytest.mark.parametrize("field", ["text", "how_reached", "resources"])
def test_a_decision_needs_its_text_how_it_was_reached_and_the_resources(field: str) -> None:
    b = Bakery()
    review = b.held()
    before = b.events()
    with pytest.raises(ValidationFailed) as error:
        b.run(decision(review, b, **{field: "  "}))
    assert error.value.field == field
    assert b.events() == before


def test_an_action_is_due_on_or_after_the_review_and_names_its_owner() -> None:
    b = Bakery()
    review = b.held()
    with pytest.raises(ValidationFailed) as early:
        b.run(decision(review, b, actions=(PlannedAction("Buy", "Paul", date(2027, 2, 1)),)))
    assert early.value.field == "actions.0.due_on"
    with pytest.raises(ValidationFailed) as nobody:
        b.run(decision(review, b, actions=(PlannedAction("Buy", " ", date(2027, 4, 1)),)))
    assert nobody.value.field == "actions.0.owner"


def test_a_closed_review_is_frozen_and_corrected_only_with_a_reason() -> None:
    b = Bakery()
    review = b.held()
    with pytest.raises(ValidationFailed):
        b.run(c.CloseReview(*b.mine, review))  # no decision yet
    b.run(decision(review, b))
    b.run(c.CloseReview(*b.mine, review))
    before = b.events()
    for refused in (
        decision(review, b),
        c.NoteImprovementOpportunity(*b.mine, review, "Train the new baker"),
        c.GatherReviewInputs(*b.mine, review),
        c.CloseReview(*b.mine, review),
    ):
        with pytest.raises(ValidationFailed):
            b.run(refused)
    assert b.events() == before
    with pytest.raises(ValidationFailed) as no_reason:
        b.run(c.CorrectReviewDecision(*b.mine, review, 1, "Replace both disks", "Agreed", "800 EUR", ""))
    assert no_reason.value.field == "reason"
    b.run(c.CorrectReviewDecision(*b.mine, review, 1, "Replace both disks", "Agreed", "800 EUR", "Typo in minutes"))
    assert b.events() == before + 1


def test_actions_are_followed_after_closing_and_finished_ones_stay_finished() -> None:
    b = Bakery()
    review = b.held()
    b.run(decision(review, b))
    b.run(c.CloseReview(*b.mine, review))
    b.run(c.ChangeReviewAction(*b.mine, review, 1, "done", "Disk installed"))
    assert b.review(review).actions[1].status == "done"
    with pytest.raises(ValidationFailed) as again:
        b.run(c.ChangeReviewAction(*b.mine, review, 1, "in_progress"))
    assert again.value.field == "status"
    with pytest.raises(ValidationFailed) as missing:
        b.run(c.ChangeReviewAction(*b.mine, review, 7, "done"))
    assert missing.value.field == "number"


def test_another_organisations_review_is_answered_as_missing() -> None:
    b = Bakery()
    review = b.plan()
    other = b.app.handle(RegisterOrganisation(b.tenant, SYSTEM_ACTOR, "Other", "Retail", 9)).aggregate_id
    with pytest.raises(NotFound) as error:
        b.run(c.HoldReview(b.tenant, ACTOR, other, review))
    assert error.value.field == "review_id"


def test_a_plan_names_its_chair_and_at_least_one_attendee() -> None:
    b = Bakery()
    with pytest.raises(ValidationFailed) as nobody:
        b.run(c.PlanReview(*b.mine, HELD_ON, "Anna", ()))
    assert nobody.value.field == "attendees"
    with pytest.raises(ValidationFailed) as blank:
        b.run(c.PlanReview(*b.mine, HELD_ON, "Anna", ("Paul", "\u0007")))
    assert blank.value.field == "attendees.1"
    with pytest.raises(ValidationFailed) as chair:
        b.run(c.PlanReview(*b.mine, HELD_ON, "", ("Paul",)))
    assert chair.value.field == "chair"


def test_an_unfinished_action_past_its_due_date_is_overdue() -> None:
    assert is_overdue("open", date(2027, 1, 1), date(2027, 1, 2))
    assert not is_overdue("done", date(2027, 1, 1), date(2027, 1, 2))
    assert not is_overdue("in_progress", date(2027, 1, 2), date(2027, 1, 2))
