"""The inputs of the management reviews' mutations. A member acts for its own organisation, never named here."""

from __future__ import annotations

from datetime import date

import strawberry


@strawberry.input(description="A management review planned for a date, with its chair and attendees.")
class PlanReviewInput:
    held_on: date
    chair: str
    attendees: list[str]


@strawberry.input
class ManagementReviewIdInput:
    review_id: strawberry.ID


@strawberry.input(description="An opportunity for improvement, entered by hand.")
class NoteOpportunityInput(ManagementReviewIdInput):
    text: str


@strawberry.input(description="An action a decision asks for: what, who owns it, by when.")
class DecisionActionInput:
    title: str
    owner: str
    due_on: date


@strawberry.input(description="A decision, how it was reached and the resources committed, and its actions.")
class RecordDecisionInput(ManagementReviewIdInput):
    text: str
    how_reached: str
    resources: str
    actions: list[DecisionActionInput] = strawberry.field(default_factory=list)


@strawberry.input(description="A closed review's decision corrected, with the reason.")
class CorrectDecisionInput(ManagementReviewIdInput):
    number: int
    text: str
    how_reached: str
    resources: str
    reason: str


@strawberry.input(description="An action's progress: in_progress, done or cancelled (with a note).")
class ChangeActionInput(ManagementReviewIdInput):
    number: int
    status: str
    note: str = ""
