"""An interested party (4.2): its kind from paper 000's cloud pattern, its answers to the kind's questions, and the
requirements it has of the organisation, listed and numbered."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import event

from domain.context.owned import OrganisationOwned
from domain.context.rules import check_current
from domain.context.templates import stakeholder_kind
from domain.shared.errors import NotFound, ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, REASON_MAX_LENGTH, multi_line, single_line

ANSWER_MAX_LENGTH = 2000
REQUIREMENT_MAX_LENGTH = 1000
MAX_REQUIREMENTS = 200
"""Per party: a party with more is several parties."""


class InterestedParty(OrganisationOwned):
    """One party; its id is random."""

    @classmethod
    def identify(
        cls, tenant_id: UUID, actor_id: UUID, item_id: UUID, organisation_id: UUID, name: str, kind: str
    ) -> InterestedParty:
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            item_id=item_id,
            organisation_id=organisation_id,
            name=single_line("name", name, NAME_MAX_LENGTH),
            kind=stakeholder_kind(kind).key,
        )

    @staticmethod
    def create_id(item_id: UUID, **_: object) -> UUID:
        return item_id

    @event("Identified")
    def __init__(
        self, tenant_id: UUID, actor_id: UUID, item_id: UUID, organisation_id: UUID, name: str, kind: str
    ) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.kind = kind
        self.answers: dict[str, str] = {}
        self.requirements: dict[int, bool] = {}
        """By number: whether the requirement still stands."""
        self.retired = False

    def answer(self, actor_id: UUID, question_key: str, answer: str, reason: str | None) -> None:
        """Answers one question of the kind's template; a changed answer says why."""
        check_current(self.retired, "interested party")
        stakeholder_kind(self.kind).question(question_key)
        text = multi_line("answer", answer, ANSWER_MAX_LENGTH)
        why = multi_line("reason", reason, REASON_MAX_LENGTH, required=question_key in self.answers)
        if self.answers.get(question_key) == text:
            raise ValidationFailed("answer", "This is already the answer.")
        self._answered(actor_id, question_key, text, why or None)

    @event("QuestionAnswered")
    def _answered(self, actor_id: UUID, question_key: str, answer: str, reason: str | None) -> None:
        self.answers[question_key] = answer

    def list_requirement(self, actor_id: UUID, text: str) -> None:
        check_current(self.retired, "interested party")
        if len(self.requirements) >= MAX_REQUIREMENTS:
            raise ValidationFailed("text", f"A party lists at most {MAX_REQUIREMENTS} requirements.")
        self._requirement_listed(actor_id, len(self.requirements) + 1, multi_line("text", text, REQUIREMENT_MAX_LENGTH))

    @event("RequirementListed")
    def _requirement_listed(self, actor_id: UUID, number: int, text: str) -> None:
        self.requirements[number] = True

    def withdraw_requirement(self, actor_id: UUID, number: int, reason: str) -> None:
        check_current(self.retired, "interested party")
        if not self.requirements.get(number, False):
            raise NotFound("No standing requirement with this number.", "requirement_number")
        self._requirement_withdrawn(actor_id, number, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("RequirementWithdrawn")
    def _requirement_withdrawn(self, actor_id: UUID, number: int, reason: str) -> None:
        self.requirements[number] = False

    def retire(self, actor_id: UUID, reason: str) -> None:
        check_current(self.retired, "interested party")
        self._retired(actor_id, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("Retired")
    def _retired(self, actor_id: UUID, reason: str) -> None:
        self.retired = True
