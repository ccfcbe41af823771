"""A nonconformity of the register, its analysis, its corrective actions and its verified closure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.nonconformities.rules import SEVERITIES, SOURCE_KINDS, can_change, can_close, can_verify
from domain.shared.aggregate import TenantAggregate
from domain.shared.calendar import business_date, past_date
from domain.shared.errors import ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, multi_line, single_line

TITLE_MAX_LENGTH = NAME_MAX_LENGTH
DESCRIPTION_MAX_LENGTH = 4000
SOURCE_REFERENCE_MAX_LENGTH = 100
ROOT_CAUSE_MAX_LENGTH = 4000
CORRECTION_MAX_LENGTH = 4000
ACTION_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 2000
ACTIONS_MAX = 100


@dataclass(frozen=True)
class Found:
    """What did not conform and where it was found."""

    title: str
    description: str
    severity: str
    source_kind: str
    source_reference: str | None

    @classmethod
    def checked(
        cls, title: str, description: str, severity: str, source_kind: str, source_reference: str | None
    ) -> Found:
        if severity not in SEVERITIES:
            raise ValidationFailed("severity", f"Choose one of: {', '.join(SEVERITIES)}.")
        if source_kind not in SOURCE_KINDS:
            raise ValidationFailed("source_kind", f"Choose one of: {', '.join(SOURCE_KINDS)}.")
        return cls(
            single_line("title", title, TITLE_MAX_LENGTH),
            multi_line("description", description, DESCRIPTION_MAX_LENGTH),
            severity,
            source_kind,
            single_line("source_reference", source_reference, SOURCE_REFERENCE_MAX_LENGTH, required=False) or None,
        )


@dataclass
class CorrectiveAction:
    description: str
    owner_id: UUID
    due_on: date
    completed_on: date | None = None
    verified_by: UUID | None = None
    effective: bool | None = None


class Nonconformity(TenantAggregate):
    @classmethod
    def raise_(
        cls, tenant_id: UUID, actor_id: UUID, nonconformity_id: UUID, organisation_id: UUID, found: Found
    ) -> Nonconformity:
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            nonconformity_id=nonconformity_id,
            organisation_id=organisation_id,
            title=found.title,
            description=found.description,
            severity=found.severity,
            source_kind=found.source_kind,
            source_reference=found.source_reference,
        )

    @staticmethod
    def create_id(nonconformity_id: UUID, **_: object) -> UUID:
        return nonconformity_id

    @event("Raised")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        nonconformity_id: UUID,
        organisation_id: UUID,
        title: str,
        description: str,
        severity: str,
        source_kind: str,
        source_reference: str | None,
    ) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.analysed = False
        self.actions: dict[UUID, CorrectiveAction] = {}
        self.closed = False

    def analyse(self, actor_id: UUID, root_cause: str, correction: str) -> None:
        """Its root cause, and the correction made at once (what was done to contain it)."""
        self._check_open()
        self._analysed(
            actor_id,
            multi_line("root_cause", root_cause, ROOT_CAUSE_MAX_LENGTH),
            multi_line("correction", correction, CORRECTION_MAX_LENGTH, required=False),
        )

    @event("Analysed")
    def _analysed(self, actor_id: UUID, root_cause: str, correction: str) -> None:
        self.analysed = True

    def plan_action(self, actor_id: UUID, action_id: UUID, description: str, owner_id: UUID, due_on: date) -> None:
        """A corrective action against the root cause, its owner (an account) and its due date."""
        self._check_open()
        if len(self.actions) >= ACTIONS_MAX:
            raise ValidationFailed("nonconformity_id", f"A nonconformity has at most {ACTIONS_MAX} actions.")
        self._action_planned(
            actor_id,
            action_id,
            multi_line("description", description, ACTION_MAX_LENGTH),
            owner_id,
            business_date("due_on", due_on),
        )

    @event("ActionPlanned")
    def _action_planned(self, actor_id: UUID, action_id: UUID, description: str, owner_id: UUID, due_on: date) -> None:
        self.actions[action_id] = CorrectiveAction(description, owner_id, due_on)

    def complete_action(self, actor_id: UUID, action_id: UUID, completed_on: date, note: str | None) -> None:
        self._check_open()
        action = self._action(action_id)
        if action.completed_on is not None:
            raise ValidationFailed("action_id", "This action is already completed.")
        self._action_completed(
            actor_id,
            action_id,
            past_date("completed_on", completed_on),
            multi_line("note", note, NOTE_MAX_LENGTH, required=False),
        )

    @event("ActionCompleted")
    def _action_completed(self, actor_id: UUID, action_id: UUID, completed_on: date, note: str) -> None:
        self.actions[action_id].completed_on = completed_on

    def verify_effectiveness(self, actor_id: UUID, action_id: UUID, effective: bool, evidence: str) -> None:
        """Whether the completed action removed the cause, as someone other than its owner found."""
        self._check_open()
        action = self._action(action_id)
        if action.completed_on is None:
            raise ValidationFailed("action_id", "Verify an action once it is completed.")
        if not can_verify(action.owner_id, actor_id):
            raise ValidationFailed("action_id", "The action's owner cannot verify its effectiveness: ask someone else.")
        self._effectiveness_verified(actor_id, action_id, effective, multi_line("evidence", evidence, NOTE_MAX_LENGTH))

    @event("EffectivenessVerified")
    def _effectiveness_verified(self, actor_id: UUID, action_id: UUID, effective: bool, evidence: str) -> None:
        action = self.actions[action_id]
        action.verified_by, action.effective = actor_id, effective

    def close(self, actor_id: UUID, note: str | None) -> None:
        """Closed once analysed and every action verified effective by someone other than its owner."""
        if self.closed:
            raise ValidationFailed("nonconformity_id", "This nonconformity is already closed.")
        if not can_close(self.closed, self.analysed, [a.effective is True for a in self.actions.values()]):
            raise ValidationFailed(
                "nonconformity_id",
                "Close it once its root cause is recorded and each corrective action is verified effective.",
            )
        self._closed(actor_id, multi_line("note", note, NOTE_MAX_LENGTH, required=False))

    @event("Closed")
    def _closed(self, actor_id: UUID, note: str) -> None:
        self.closed = True

    def _action(self, action_id: UUID) -> CorrectiveAction:
        action = self.actions.get(action_id)
        if action is None:
            raise ValidationFailed("action_id", "No corrective action of this nonconformity with this id.")
        return action

    def _check_open(self) -> None:
        if not can_change(self.closed):
            raise ValidationFailed("nonconformity_id", "This nonconformity is closed: it is kept as it was.")
