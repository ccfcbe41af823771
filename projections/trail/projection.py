"""Every event of every register, in words, one row each, with the name its actor had when it was recorded.

The trail keeps its own memory of the items it has seen (`trail_items`: an item's register, kind, name and owner
from its first event, its name as later events change it): an account is an item too, so the actor's name is the
one the trail had for that account when the event came, and a rebuild, running the log in the same order, gives the
same names. Nothing is read of another feature's tables.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import Insert, bindparam, insert, select, update

from domain.clusters.cluster import Cluster
from domain.legacy_topics import topics_of
from domain.organisations.organisation import Organisation
from domain.shared.aggregate import SYSTEM_ACTOR
from projections.core.projection import Projection
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter
from projections.trail.events import ACCOUNT_REGISTER, every_event, register_of
from projections.trail.tables import (
    ACCOUNT_EVENTS,
    CLUSTER_EVENTS,
    CONSULTANCY_EVENTS,
    NAME_LENGTH,
    ORGANISATION_EVENTS,
)
from projections.trail.wording import business_date, cut, ids_named, in_words, summary

TITLE_FIELDS = ("title", "name", "display_name", "label", "course", "threat", "service")
"""The fields whose value names an item, first found first: a document's title, an account's display name."""
SYSTEM_NAME = "Cordee (set-up and demo)"
"""The name shown for what was done from the command line."""


class AuditTrailProjection(Projection):
    name = "audit_trail"
    handles = dict.fromkeys(every_event(), "recorded")

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        self._kinds = {
            f"{topic}.{event_name}": (register_of(aggregate), aggregate)
            for aggregate, event_name in self.handles
            for topic in topics_of(aggregate)
        }
        items = tables.trail_items
        self._insert_item = insert(items)
        the_item = (items.c.tenant_id == bindparam("t"), items.c.item_id == bindparam("i"))
        self._rename_item = update(items).where(*the_item).values(title=bindparam("title"))
        self._known = select(items).where(
            items.c.tenant_id == bindparam("t"), items.c.item_id.in_(bindparam("ids", expanding=True))
        )
        self._insert_event: dict[str, Insert] = {
            name: insert(getattr(tables, name))
            for name in (ORGANISATION_EVENTS, CLUSTER_EVENTS, CONSULTANCY_EVENTS, ACCOUNT_EVENTS)
        }

    def recorded(self, writer: GroupedWriter, event: Any) -> None:  # pragma: no cover (reached by `apply_at`)
        raise TypeError("The audit trail records an event with its position in the log: call `apply_at`.")

    def apply_at(self, writer: GroupedWriter, position: int, topic: str, event: Any) -> None:
        register, aggregate = self._kinds[topic]
        wanted = {event.originator_id, event.actor_id, *ids_named(event)}
        known = {row.item_id: row for row in writer.read(self._known, {"t": event.tenant_id, "ids": list(wanted)})}
        item = known.get(event.originator_id)
        title = _title(event)
        if item is None:
            owner = _owner(aggregate, event)
            row = {"tenant_id": event.tenant_id, "item_id": event.originator_id, "register": register}
            row |= {"item_kind": in_words(aggregate.__name__), "title": title}
            writer.write(self._insert_item, row | {"owner_organisation_id": owner[0], "owner_cluster_id": owner[1]})
            organisation_id, cluster_id = owner
        else:
            organisation_id, cluster_id = item.owner_organisation_id, item.owner_cluster_id
            if title is not None and title != item.title:
                writer.write(self._rename_item, {"t": event.tenant_id, "i": event.originator_id, "title": title})
            title = title or item.title
        names = {item_id: row.title for item_id, row in known.items() if row.title}
        organisation_id = getattr(event, "organisation_id", None) or organisation_id
        cluster_id = getattr(event, "cluster_id", None) or cluster_id
        row = {
            "tenant_id": event.tenant_id,
            "position": position,
            "recorded_at": event.timestamp,
            "register": register,
            "item_kind": in_words(aggregate.__name__),
            "item_id": event.originator_id,
            "item_version": event.originator_version,
            "item_title": title,
            "actor_id": event.actor_id,
            "actor_name": SYSTEM_NAME if event.actor_id == SYSTEM_ACTOR else names.get(event.actor_id),
            "event_name": in_words(type(event).__name__),
            "summary": summary(event, names),
            "reason": getattr(event, "reason", None) or None,
            "business_date": business_date(event),
        }
        table = _table(register, organisation_id, cluster_id)
        owner_columns = {"organisation_id": organisation_id, "cluster_id": cluster_id}
        if table == ORGANISATION_EVENTS:
            owner_columns.pop("cluster_id")
        elif table != CLUSTER_EVENTS:
            owner_columns = {}
        writer.write(self._insert_event[table], row | owner_columns)


def _owner(aggregate: type, event: Any) -> tuple[UUID | None, UUID | None]:
    """The organisation and the cluster an item belongs to, from its first event."""
    if aggregate is Organisation:
        return event.originator_id, None
    if aggregate is Cluster:
        return None, event.originator_id
    return getattr(event, "organisation_id", None), getattr(event, "cluster_id", None)


def _table(register: str, organisation_id: UUID | None, cluster_id: UUID | None) -> str:
    if register == ACCOUNT_REGISTER:
        return ACCOUNT_EVENTS
    if cluster_id is not None:
        return CLUSTER_EVENTS
    if organisation_id is not None:
        return ORGANISATION_EVENTS
    return CONSULTANCY_EVENTS


def _title(event: Any) -> str | None:
    for field in TITLE_FIELDS:
        value = getattr(event, field, None)
        if isinstance(value, str) and value.strip():
            return cut(" ".join(value.split()), NAME_LENGTH)
    return None
