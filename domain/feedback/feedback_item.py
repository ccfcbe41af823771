"""Feedback shared by members about a training session: anonymous unless its author signs it."""

from __future__ import annotations

from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import event

from domain.feedback.rules import can_hide_feedback, can_unhide_feedback, can_withdraw_feedback
from domain.shared.aggregate import TenantAggregate
from domain.shared.errors import Forbidden, ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, REASON_MAX_LENGTH, multi_line, single_line

FEEDBACK_MAX_LENGTH = 4000
SIGNATURE_MAX_LENGTH = NAME_MAX_LENGTH
"""A signature is the author's display name."""
HIDE_REASON_MAX_LENGTH = REASON_MAX_LENGTH


class FeedbackKind(StrEnum):
    WORKED = "worked"
    HARD = "hard"


class FeedbackItem(TenantAggregate):
    """One item of feedback. Its id is random: feedback has no natural key."""

    @classmethod
    def share(
        cls,
        tenant_id: UUID,
        actor_id: UUID,
        item_id: UUID,
        cluster_id: UUID,
        session_key: str,
        organisation_id: UUID,
        kind: str,
        text: str,
        signed_by: str | None,
    ) -> FeedbackItem:
        """`signed_by` is the author's name when they chose to sign; None keeps the item anonymous."""
        if kind not in FeedbackKind.__members__.values():
            raise ValidationFailed("kind", "Say whether it worked or was hard.")
        text = multi_line("text", text, FEEDBACK_MAX_LENGTH)
        if signed_by is not None:
            signed_by = single_line("signed_by", signed_by, SIGNATURE_MAX_LENGTH)
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            item_id=item_id,
            cluster_id=cluster_id,
            session_key=session_key,
            organisation_id=organisation_id,
            kind=kind,
            text=text,
            signed_by=signed_by,
        )

    @staticmethod
    def create_id(item_id: UUID, **_: object) -> UUID:
        return item_id

    @event("Shared")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        item_id: UUID,
        cluster_id: UUID,
        session_key: str,
        organisation_id: UUID,
        kind: str,
        text: str,
        signed_by: str | None,
    ) -> None:
        self.tenant_id = tenant_id
        self.cluster_id = cluster_id
        self.organisation_id = organisation_id
        self.withdrawn = False
        self.hidden = False

    def withdraw(self, actor_id: UUID, acting_organisation_id: UUID) -> None:
        """Only the author's organisation may take its feedback back."""
        if acting_organisation_id != self.organisation_id:
            raise Forbidden("Only the organisation that shared this feedback may withdraw it.")
        if not can_withdraw_feedback(self.withdrawn):
            raise ValidationFailed("id", "This feedback is already withdrawn.")
        self._withdrawn(actor_id)

    @event("Withdrawn")
    def _withdrawn(self, actor_id: UUID) -> None:
        self.withdrawn = True

    def hide(self, actor_id: UUID, reason: str) -> None:
        """The coach hides an item from the cluster's view, saying why."""
        if self.withdrawn:
            raise ValidationFailed("id", "Its author withdrew this feedback.")
        if not can_hide_feedback(self.withdrawn, self.hidden):
            raise ValidationFailed("id", "This feedback is already hidden.")
        self._hidden(actor_id, multi_line("reason", reason, HIDE_REASON_MAX_LENGTH))

    @event("Hidden")
    def _hidden(self, actor_id: UUID, reason: str) -> None:
        self.hidden = True

    def unhide(self, actor_id: UUID, reason: str) -> None:
        """A correction: the item is shown again, saying why; the hiding stays in its history."""
        if not can_unhide_feedback(self.withdrawn, self.hidden):
            raise ValidationFailed("id", "This feedback is not hidden.")
        self._unhidden(actor_id, multi_line("reason", reason, HIDE_REASON_MAX_LENGTH))

    @event("Unhidden")
    def _unhidden(self, actor_id: UUID, reason: str) -> None:
        self.hidden = False
