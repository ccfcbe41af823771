"""A library item and its versions: added as version 1, each revision the next version, retired with a reason."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.library.content import Content
from domain.library.rules import can_change_item
from domain.shared.aggregate import TenantAggregate
from domain.shared.errors import ValidationFailed
from domain.shared.text import REASON_MAX_LENGTH, multi_line


class LibraryItem(TenantAggregate):
    """Its id is random: two items may share a title."""

    @classmethod
    def add(cls, tenant_id: UUID, actor_id: UUID, item_id: UUID, kind: str, content: Content) -> LibraryItem:
        return cls(
            tenant_id=tenant_id, actor_id=actor_id, item_id=item_id, kind=kind, title=content.title,
            fields=content.fields,
        )  # fmt: skip

    @staticmethod
    def create_id(item_id: UUID, **_: object) -> UUID:
        return item_id

    @event("Added")
    def __init__(
        self, tenant_id: UUID, actor_id: UUID, item_id: UUID, kind: str, title: str, fields: dict[str, Any]
    ) -> None:
        self.tenant_id = tenant_id
        self.kind = kind
        self.content = Content(title, fields)
        self.item_version = 1
        self.retired = False

    def revise(self, actor_id: UUID, content: Content) -> None:
        """The next version; the same content as now is refused (no version without a change)."""
        self._check_active()
        if content == self.content:
            raise ValidationFailed("title", "Nothing changed: this is the item as it is.")
        self._revised(actor_id, self.item_version + 1, content.title, content.fields)

    @event("Revised")
    def _revised(self, actor_id: UUID, version: int, title: str, fields: dict[str, Any]) -> None:
        self.content = Content(title, fields)
        self.item_version = version

    def retire(self, actor_id: UUID, reason: str) -> None:
        self._check_active()
        self._retired(actor_id, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("Retired")
    def _retired(self, actor_id: UUID, reason: str) -> None:
        self.retired = True

    def _check_active(self) -> None:
        if not can_change_item(self.retired):
            raise ValidationFailed("library_item_id", "This item is retired: it is kept as it was.")
