"""The risk treatment plan's actions, the security objectives (ISO/IEC 27001 6.2) and the reviews of the register.

An action has an owner, a due date and a status, and is linked to the risks it treats and the controls it puts in
place. An objective says what is to be reached and how it is measured. A review of the register is held on a day:
the next one shows what is new, changed or closed since."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.risks.risk import checked_controls
from domain.risks.rules import OBJECTIVE_STATUSES, PROGRESS
from domain.shared.aggregate import TenantAggregate
from domain.shared.calendar import business_date, past_date
from domain.shared.errors import ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, REASON_MAX_LENGTH, multi_line, single_line

ACTION_TITLE_MAX_LENGTH = NAME_MAX_LENGTH
MEASURE_MAX_LENGTH = 1000
NOTES_MAX_LENGTH = 2000
MAX_LINKED_RISKS = 50


@dataclass(frozen=True)
class Planned:
    """What an action or an objective is: a title, an owner (a person's name or a role) and a due date."""

    title: str
    owner: str
    due_on: date

    @classmethod
    def checked(cls, title: str, owner: str, due_on: date) -> Planned:
        return cls(
            single_line("title", title, ACTION_TITLE_MAX_LENGTH),
            single_line("owner", owner, NAME_MAX_LENGTH),
            business_date("due_on", due_on),
        )


def _status(field: str, status: str, allowed: tuple[str, ...]) -> str:
    if status not in allowed:
        raise ValidationFailed(field, f"Choose one of: {', '.join(allowed)}.")
    return status


class TreatmentAction(TenantAggregate):
    @classmethod
    def plan(
        cls,
        tenant_id: UUID,
        actor_id: UUID,
        action_id: UUID,
        organisation_id: UUID,
        planned: Planned,
        risk_ids: tuple[UUID, ...],
        controls: tuple[str, ...],
    ) -> TreatmentAction:
        """A new action, planned; its risks are the organisation's (the handler checks them)."""
        if len(risk_ids) > MAX_LINKED_RISKS:
            raise ValidationFailed("risk_ids", f"Link at most {MAX_LINKED_RISKS} risks.")
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            action_id=action_id,
            organisation_id=organisation_id,
            title=planned.title,
            owner=planned.owner,
            due_on=planned.due_on,
            risk_ids=list(dict.fromkeys(risk_ids)),
            controls=list(checked_controls(controls)),
        )

    @staticmethod
    def create_id(action_id: UUID, **_: object) -> UUID:
        return action_id

    @event("Planned")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        action_id: UUID,
        organisation_id: UUID,
        title: str,
        owner: str,
        due_on: date,
        risk_ids: list[UUID],
        controls: list[str],
    ) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.status = PROGRESS[0]

    def progress(self, actor_id: UUID, status: str, reason: str | None) -> None:
        status = _status("status", status, PROGRESS)
        if status == self.status:
            raise ValidationFailed("status", f"The action is already {status.replace('_', ' ')}.")
        self._status_changed(actor_id, status, multi_line("reason", reason, REASON_MAX_LENGTH, required=False) or None)

    @event("StatusChanged")
    def _status_changed(self, actor_id: UUID, status: str, reason: str | None) -> None:
        self.status = status


class SecurityObjective(TenantAggregate):
    @classmethod
    def set(
        cls, tenant_id: UUID, actor_id: UUID, objective_id: UUID, organisation_id: UUID, planned: Planned, measure: str
    ) -> SecurityObjective:
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            objective_id=objective_id,
            organisation_id=organisation_id,
            title=planned.title,
            measure=multi_line("measure", measure, MEASURE_MAX_LENGTH),
            owner=planned.owner,
            due_on=planned.due_on,
        )

    @staticmethod
    def create_id(objective_id: UUID, **_: object) -> UUID:
        return objective_id

    @event("Set")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        objective_id: UUID,
        organisation_id: UUID,
        title: str,
        measure: str,
        owner: str,
        due_on: date,
    ) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.status = OBJECTIVE_STATUSES[0]

    def progress(self, actor_id: UUID, status: str, reason: str | None) -> None:
        status = _status("status", status, OBJECTIVE_STATUSES)
        if status == self.status:
            raise ValidationFailed("status", f"The objective is already {status.replace('_', ' ')}.")
        self._status_changed(actor_id, status, multi_line("reason", reason, REASON_MAX_LENGTH, required=False) or None)

    @event("StatusChanged")
    def _status_changed(self, actor_id: UUID, status: str, reason: str | None) -> None:
        self.status = status


class RiskReview(TenantAggregate):
    """A review of an organisation's risk register, held on a day; the next review shows what changed since."""

    @classmethod
    def hold(
        cls, tenant_id: UUID, actor_id: UUID, review_id: UUID, organisation_id: UUID, held_on: date, notes: str | None
    ) -> RiskReview:
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            review_id=review_id,
            organisation_id=organisation_id,
            held_on=past_date("held_on", held_on),
            notes=multi_line("notes", notes, NOTES_MAX_LENGTH, required=False),
        )

    @staticmethod
    def create_id(review_id: UUID, **_: object) -> UUID:
        return review_id

    @event("Held")
    def __init__(
        self, tenant_id: UUID, actor_id: UUID, review_id: UUID, organisation_id: UUID, held_on: date, notes: str
    ) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
