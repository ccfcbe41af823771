"""A role of the ISMS (5.3): its kind, title and responsibilities, and the person who holds it, by name and, if they
have one, by their member account of the organisation. One person may hold several roles (paper 000: a CISO may be
responsible for other topics too); conflicts between them are shown, not refused (`rules.role_conflicts`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.context.owned import OrganisationOwned
from domain.context.rules import ROLE_KINDS, check_current, choice
from domain.shared.errors import ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, REASON_MAX_LENGTH, multi_line, single_line

RESPONSIBILITIES_MAX_LENGTH = 4000


@dataclass(frozen=True)
class RoleFacts:
    kind: str
    title: str
    responsibilities: str
    person_name: str
    account_id: UUID | None = None
    """A member account of the organisation, checked by the handler before the role is saved."""

    def checked(self) -> dict[str, Any]:
        return {
            "kind": choice("kind", self.kind, ROLE_KINDS, "a kind of role"),
            "title": single_line("title", self.title, NAME_MAX_LENGTH),
            "responsibilities": multi_line("responsibilities", self.responsibilities, RESPONSIBILITIES_MAX_LENGTH),
            "person_name": single_line("person_name", self.person_name, NAME_MAX_LENGTH),
            "account_id": self.account_id,
        }


class IsmsRole(OrganisationOwned):
    @classmethod
    def define(
        cls, tenant_id: UUID, actor_id: UUID, item_id: UUID, organisation_id: UUID, facts: RoleFacts
    ) -> IsmsRole:
        return cls(
            tenant_id=tenant_id, actor_id=actor_id, item_id=item_id, organisation_id=organisation_id, **facts.checked()
        )

    @staticmethod
    def create_id(item_id: UUID, **_: object) -> UUID:
        return item_id

    @event("Defined")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        item_id: UUID,
        organisation_id: UUID,
        kind: str,
        title: str,
        responsibilities: str,
        person_name: str,
        account_id: UUID | None,
    ) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.facts = RoleFacts(kind, title, responsibilities, person_name, account_id)
        self.retired = False

    def change(self, actor_id: UUID, facts: RoleFacts, reason: str) -> None:
        """Another holder, title or set of responsibilities, saying why; the earlier ones stay in its history."""
        check_current(self.retired, "role")
        checked = facts.checked()
        if RoleFacts(**checked) == self.facts:
            raise ValidationFailed("person_name", "Nothing is changed: the role already reads so.")
        self._changed(actor_id, reason=multi_line("reason", reason, REASON_MAX_LENGTH), **checked)

    @event("Changed")
    def _changed(
        self,
        actor_id: UUID,
        kind: str,
        title: str,
        responsibilities: str,
        person_name: str,
        account_id: UUID | None,
        reason: str,
    ) -> None:
        self.facts = RoleFacts(kind, title, responsibilities, person_name, account_id)

    def retire(self, actor_id: UUID, reason: str) -> None:
        check_current(self.retired, "role")
        self._retired(actor_id, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("Retired")
    def _retired(self, actor_id: UUID, reason: str) -> None:
        self.retired = True
