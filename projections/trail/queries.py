"""The trail's reads, newest first: one item's events, and the consultancy's whole trail with filters; and the
milestones a cluster's members reached, from their history (`milestones.py`).

Every read goes through the one visibility filter, table by table; the accounts' trail is read only when the
caller says the viewer administers the consultancy (the API decides that with the policy).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    String,
    Table,
    and_,
    case,
    func,
    null,
    or_,
    select,
    type_coerce,
    union_all,
)

from projections.core.reading import FeatureQueries, same
from projections.core.scope import Scope
from projections.trail.milestones import GAP_ANALYSIS, MILESTONE_EVENTS, Reaching, reached_from
from projections.trail.rows import MilestonesReached, TrailPage, TrailRow
from projections.trail.tables import ACCOUNT_EVENTS, CLUSTER_EVENTS, ORGANISATION_EVENTS, TRAIL_TABLES

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

    def milestones_by_member(self, scope: Scope, cluster_id: UUID) -> dict[UUID, MilestonesReached]:
        """The cluster's members whose registers are in view, each with its first gap analysis in the cluster and
        the day each milestone was first reached: one statement for the whole cluster, the first day of each kind
        of event that reaches a milestone, per member (a member out of view, as another member of the cluster is,
        is not in the answer)."""
        query, parameters = self._prepared.get("milestones", scope, self._milestones_query, cluster_id=cluster_id)
        firsts: dict[UUID, dict[tuple[str, str, str, str | None], date]] = {}
        for row in self._all(query, parameters):
            kinds = firsts.setdefault(row["organisation_id"], {})
            if row["register"] is not None:
                kinds[(row["register"], row["item_kind"], row["event_name"], row["document_kind"])] = row["day"]
        return {organisation_id: reached_from(kinds) for organisation_id, kinds in firsts.items()}

    def _milestones_query(self, scope: Scope, cluster_id: Any) -> Select[Any]:
        members = self.t.cluster_members
        in_view = and_(
            self.visible.rows(scope, members),
            members.c.cluster_id == cluster_id,
            self.visible.registers(scope, members.c.organisation_id),
        )
        member_ids = select(members.c.organisation_id).where(in_view)
        history = union_all(
            self._reaching_events(scope, ORGANISATION_EVENTS, member_ids, MILESTONE_EVENTS),
            self._reaching_events(scope, CLUSTER_EVENTS, member_ids, (GAP_ANALYSIS,), cluster_id),
        ).subquery("history")
        h = history.c
        return (
            select(
                members.c.organisation_id, h.register, h.item_kind, h.event_name, h.document_kind,
                func.min(h.day).label("day"),
            )
            .select_from(members)
            .join(history, h.organisation_id == members.c.organisation_id, isouter=True)
            .where(in_view)
            .group_by(members.c.organisation_id, h.register, h.item_kind, h.event_name, h.document_kind)
        )  # fmt: skip

    def _reaching_events(
        self,
        scope: Scope,
        table_name: str,
        member_ids: Select[Any],
        reaching: tuple[Reaching, ...],
        cluster_id: Any = None,
    ) -> Select[Any]:
        events: Table = getattr(self.t, table_name)
        c = events.c
        conditions = [
            and_(c.register == r.register, c.item_kind == r.item_kind, c.event_name.in_(r.event_names))
            for r in reaching
        ]
        documents = self.t.documents.alias(f"{table_name}_documents")
        kinds = sorted({r.document_kind for r in reaching if r.document_kind is not None})
        document_kind = (
            case(
                *(
                    (
                        and_(
                            c.register == "documents",
                            c.item_id.in_(
                                select(documents.c.document_id).where(
                                    documents.c.tenant_id == scope.tenant_id, documents.c.kind == kind
                                )
                            ),
                        ),
                        kind,
                    )
                    for kind in kinds
                ),
                else_=None,
            )
            if kinds
            else null()
        )
        where = [self.visible.rows(scope, events), c.organisation_id.in_(member_ids), or_(*conditions)]
        if cluster_id is not None:
            where.append(c.cluster_id == cluster_id)
        day = type_coerce(func.coalesce(c.business_date, func.date(c.recorded_at)), Date)
        return select(
            c.organisation_id, c.register, c.item_kind, c.event_name,
            type_coerce(document_kind, String).label("document_kind"), day.label("day"),
        ).where(*where)  # fmt: skip

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
