"""An internal or external issue of the organisation (4.1) and how it affects the ISMS."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from eventsourcing.domain import event

from domain.context.owned import OrganisationOwned
from domain.context.rules import ISSUE_CATEGORIES, ISSUE_SIDES, check_current, choice
from domain.shared.text import REASON_MAX_LENGTH, multi_line

ISSUE_TEXT_MAX_LENGTH = 1000
ISSUE_EFFECT_MAX_LENGTH = 2000


@dataclass(frozen=True)
class IssueFacts:
    text: str
    side: str
    category: str
    effect: str

    def checked(self) -> dict[str, str]:
        """The facts cleaned, as the event stores them; refused naming the field otherwise."""
        return {
            "text": multi_line("text", self.text, ISSUE_TEXT_MAX_LENGTH),
            "side": choice("side", self.side, ISSUE_SIDES, "internal or external"),
            "category": choice("category", self.category, ISSUE_CATEGORIES, "a category"),
            "effect": multi_line("effect", self.effect, ISSUE_EFFECT_MAX_LENGTH),
        }


class ContextIssue(OrganisationOwned):
    """One issue; its id is random: issues have no natural key."""

    @classmethod
    def raise_issue(
        cls, tenant_id: UUID, actor_id: UUID, item_id: UUID, organisation_id: UUID, facts: IssueFacts
    ) -> ContextIssue:
        return cls(
            tenant_id=tenant_id, actor_id=actor_id, item_id=item_id, organisation_id=organisation_id, **facts.checked()
        )

    @staticmethod
    def create_id(item_id: UUID, **_: object) -> UUID:
        return item_id

    @event("Raised")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        item_id: UUID,
        organisation_id: UUID,
        text: str,
        side: str,
        category: str,
        effect: str,
    ) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.retired = False

    def change(self, actor_id: UUID, facts: IssueFacts, reason: str) -> None:
        """A new wording or assessment of the issue, saying why; the earlier one stays in its history."""
        check_current(self.retired, "issue")
        self._changed(actor_id, reason=multi_line("reason", reason, REASON_MAX_LENGTH), **facts.checked())

    @event("Changed")
    def _changed(self, actor_id: UUID, text: str, side: str, category: str, effect: str, reason: str) -> None:
        pass

    def retire(self, actor_id: UUID, reason: str) -> None:
        """The issue no longer concerns the organisation."""
        check_current(self.retired, "issue")
        self._retired(actor_id, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("Retired")
    def _retired(self, actor_id: UUID, reason: str) -> None:
        self.retired = True
