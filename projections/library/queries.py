"""The consultancy's library, read by everyone signed in to it: a kind's items a page at a time, by title or by
last change, with filters; an item and its history; the risk scenarios the risk register copies from."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, and_, func, or_, select

from projections.core.reading import FeatureQueries
from projections.core.scope import Scope
from projections.library.rows import LibraryEventRow, LibraryItemRow, LibraryPageRows

BY_TITLE, BY_CHANGE = "title", "changed"


@dataclass(frozen=True)
class LibraryFilter:
    kind: str
    retired: bool = False
    """False: the items in use; True: the retired ones."""
    search: str | None = None
    order: str = BY_TITLE


@dataclass(frozen=True)
class LibraryKey:
    """Where a page ends: the keyset cursor's content (the title in lower case, or the last change, and the id)."""

    sort_value: str
    item_id: UUID


class LibraryQueries(FeatureQueries):
    def items(self, scope: Scope, first: int, after: LibraryKey | None, given: LibraryFilter) -> LibraryPageRows:
        items = self.t.library_items
        conditions = self._matching(scope, given)
        ordered = [items.c.sort_title if given.order == BY_TITLE else items.c.changed_at.desc(), items.c.item_id]
        page_conditions = conditions + ([self._after(after, given.order)] if after else [])
        query = select(items).where(*page_conditions).order_by(*ordered).limit(first + 1)
        rows = [_item(row) for row in self._all(query)]
        total = self._one(select(func.count().label("n")).select_from(items).where(*conditions)) or {"n": 0}
        return LibraryPageRows(rows[:first], len(rows) > first, total["n"])

    def key_of(self, row: LibraryItemRow, order: str) -> LibraryKey:
        value = row.title.casefold() if order == BY_TITLE else row.changed_at.isoformat()
        return LibraryKey(value, row.item_id)

    def item(self, scope: Scope, item_id: UUID) -> LibraryItemRow | None:
        items = self.t.library_items
        found = self._one(select(items).where(self.visible.rows(scope, items), items.c.item_id == item_id))
        return None if found is None else _item(found)

    def history(self, scope: Scope, item_id: UUID) -> list[LibraryEventRow]:
        """Every version and the retirement, oldest first."""
        history, accounts = self.t.library_item_history, self.t.accounts
        query = (
            select(history, accounts.c.display_name)
            .outerjoin(
                accounts, and_(accounts.c.tenant_id == history.c.tenant_id, accounts.c.account_id == history.c.acted_by)
            )
            .where(self.visible.rows(scope, history), history.c.item_id == item_id)
            .order_by(history.c.event_version)
        )
        return [
            LibraryEventRow(
                r["action"], r["item_version"], r["title"], json.loads(r["fields"]), r["reason"], r["display_name"],
                r["acted_at"],
            )
            for r in self._all(query)
        ]  # fmt: skip

    def counts(self, scope: Scope) -> dict[str, int]:
        """Items in use, by kind."""
        items = self.t.library_items
        query = (
            select(items.c.kind, func.count().label("n"))
            .where(self.visible.rows(scope, items), items.c.retired == 0)
            .group_by(items.c.kind)
        )
        return {row["kind"]: row["n"] for row in self._all(query)}

    def risk_scenarios(self, scope: Scope, first: int, after: LibraryKey | None = None) -> LibraryPageRows:
        """The scenarios in use, by title: what "copy into risks" offers (each row's id and version are what the
        risk register's creating command records as `source_library_item` and `source_library_version`)."""
        return self.items(scope, first, after, LibraryFilter("risk_scenario"))

    def _matching(self, scope: Scope, given: LibraryFilter) -> list[ColumnElement[bool]]:
        items = self.t.library_items
        conditions = [
            self.visible.rows(scope, items),
            items.c.kind == given.kind,
            items.c.retired == int(given.retired),
        ]
        for word in (given.search or "").casefold().split():
            conditions.append(items.c.search_text.contains(word, autoescape=True))
        return conditions

    def _after(self, after: LibraryKey, order: str) -> ColumnElement[bool]:
        items = self.t.library_items
        if order == BY_TITLE:
            column: Any = items.c.sort_title
            return or_(column > after.sort_value, and_(column == after.sort_value, items.c.item_id > after.item_id))
        changed = datetime.fromisoformat(after.sort_value)
        column = items.c.changed_at
        return or_(column < changed, and_(column == changed, items.c.item_id > after.item_id))


def _item(row: dict[str, Any]) -> LibraryItemRow:
    return LibraryItemRow(
        item_id=row["item_id"],
        kind=row["kind"],
        title=row["title"],
        version=row["version"],
        fields=json.loads(row["fields"]),
        retired=bool(row["retired"]),
        retired_reason=row["retired_reason"],
        added_at=row["added_at"],
        changed_at=row["changed_at"],
    )
