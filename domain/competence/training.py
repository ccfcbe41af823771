"""A training record: who took which course, when, from whom, with what evidence. A record entered by mistake is
withdrawn with a reason; it stays in the history."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.competence.rules import can_withdraw, person_named
from domain.shared.aggregate import TenantAggregate
from domain.shared.calendar import past_date
from domain.shared.errors import ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, REASON_MAX_LENGTH, multi_line, single_line

COURSE_MAX_LENGTH = NAME_MAX_LENGTH
PROVIDER_MAX_LENGTH = NAME_MAX_LENGTH
PERSON_NAME_MAX_LENGTH = NAME_MAX_LENGTH
EVIDENCE_MAX_LENGTH = 2000


class Training(TenantAggregate):
    @classmethod
    def record(
        cls,
        tenant_id: UUID,
        actor_id: UUID,
        training_id: UUID,
        organisation_id: UUID,
        *,
        course: str,
        completed_on: date,
        provider: str,
        account_id: UUID | None,
        person_name: str | None,
        evidence: str | None,
        document_id: UUID | None,
    ) -> Training:
        """Every field checked, in the form's order, before anything is written."""
        name = single_line("person_name", person_name, PERSON_NAME_MAX_LENGTH, required=False)
        person_named(account_id, name)
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            training_id=training_id,
            organisation_id=organisation_id,
            account_id=account_id,
            person_name=name,
            course=single_line("course", course, COURSE_MAX_LENGTH),
            completed_on=past_date("completed_on", completed_on),
            provider=single_line("provider", provider, PROVIDER_MAX_LENGTH),
            evidence=multi_line("evidence", evidence, EVIDENCE_MAX_LENGTH, required=False),
            document_id=document_id,
        )

    @staticmethod
    def create_id(training_id: UUID, **_: object) -> UUID:
        return training_id

    @event("Recorded")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        training_id: UUID,
        organisation_id: UUID,
        account_id: UUID | None,
        person_name: str,
        course: str,
        completed_on: date,
        provider: str,
        evidence: str,
        document_id: UUID | None,
    ) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.account_id = account_id
        self.person_name = person_name
        self.course = course
        self.completed_on = completed_on
        self.withdrawn = False

    def withdraw(self, actor_id: UUID, reason: str) -> None:
        if not can_withdraw(self.withdrawn):
            raise ValidationFailed("training_id", "This training record is already withdrawn.")
        self._withdrawn(actor_id, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("Withdrawn")
    def _withdrawn(self, actor_id: UUID, reason: str) -> None:
        self.withdrawn = True
