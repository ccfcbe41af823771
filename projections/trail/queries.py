"""The trail's reads, newest first: one item's events, and the consultancy's whole trail with filters.

Every read goes through the one visibility filter, table by table; the accounts' trail is read only when the
caller says the viewer administers the consultancy (the API decides that with the policy).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Table, func, select, union_all

from projections.core.reading import FeatureQueries, same
from projections.core.scope import Scope
from projections.trail.rows import TrailPage, TrailRow
from projections.trail.tables import ACCOUNT_EVENTS, TRAIL_TABLES

COLUMNS = tuple(TrailRow.__dataclass_fields__)


@dataclass(frozen=True)
class TrailFilter:
    actor_id: UUID | None = None
    register: str | None = None
    recorded_from: date | None = None
    """The first day, in UTC, of the period the events were recorded in."""
    recorded_to: date | None = None
    """The last day, in UTC, of the period (included)."""


class TrailQueries(FeatureQueries):
    def item_trail(
        self, scope: Scope, item_id: UUID, first: int, after: int | None, *, with_accounts: bool
    ) -> TrailPage:
        """The item's events in view, newest first (none: the item is missing or out of view)."""
        return self._page(scope, first, after, with_accounts, lambda table: [table.c.item_id == item_id])

    def trail(
        self, scope: Scope, first: int, after: int | None, given: TrailFilter, *, with_accounts: bool
    ) -> TrailPage:
        return self._page(scope, first, after, with_accounts, lambda table: _matching(table, given))

    def _page(self, scope: Scope, first: int, after: int | None, with_accounts: bool, conditions: Any) -> TrailPage:
        selects = []
        for name in TRAIL_TABLES:
            if name == ACCOUNT_EVENTS and not with_accounts:
                continue
            table: Table = getattr(self.t, name)
            where = [self.visible.rows(scope, table), *conditions(table)]
            if after is not None:
                where.append(table.c.position < after)
            items = self.t.trail_items
            columns = [table.c[column] for column in COLUMNS if column != "item_title"]
            title = func.coalesce(items.c.title, table.c.item_title).label("item_title")
            newest = (
                select(*columns, title)
                .join(items, same(table, items, "tenant_id", "item_id"), isouter=True)
                .where(*where)
                .order_by(table.c.position.desc())
                .limit(first + 1)
            )
            selects.append(select(newest.subquery(f"{name}_page")))
        union = union_all(*selects).subquery("trail")
        query = select(union).order_by(union.c.position.desc()).limit(first + 1)
        rows = [TrailRow(**row) for row in self._all(query)]
        return TrailPage(rows[:first], len(rows) > first)


def _matching(table: Table, given: TrailFilter) -> list[ColumnElement[bool]]:
    c = table.c
    conditions: list[ColumnElement[bool]] = []
    if given.actor_id is not None:
        conditions.append(c.actor_id == given.actor_id)
    if given.register is not None:
        conditions.append(c.register == given.register)
    if given.recorded_from is not None:
        conditions.append(c.recorded_at >= _midnight(given.recorded_from))
    if given.recorded_to is not None:
        conditions.append(c.recorded_at < _midnight(given.recorded_to + timedelta(days=1)))
    return conditions


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)
