"""Every event of every register, in words, one row each, with the name its actor had when it was recorded.

The trail keeps its own memory of the items it has seen (`trail_items`: an item's register, kind and owner from its
first event, its name as events change it): an account is an item too, so the actor's name is the one the trail had
for that account when the event came, and a rebuild, running the log in the same order, gives the same names.
Nothing is read of another feature's tables.

What it remembers between events in memory is what never changes once recorded: an item's owner, and the names of
accounts and organisations (neither can be renamed). A name that can change (a cluster's, an asset's) is never
remembered, so any process applying any event writes the same row; ids of such items are left out of summaries,
and an item's own name is read with its trail.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple
from uuid import UUID, uuid5

from sqlalchemy import Insert, bindparam, insert, select, update

from domain.clusters.cluster import Cluster
from domain.feedback.feedback_item import FeedbackItem
from domain.labels.links import ProfessionalLink
from domain.labels.missions import MissionAttestation
from domain.legacy_topics import topics_of
from domain.organisations.organisation import Organisation
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.account import Account
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
from projections.trail.wording import business_date, cut, ids_named, in_words, one_line, summary

TITLE_FIELDS = ("title", "name", "display_name", "label", "course", "threat", "service")
"""The fields whose value names an item, first found first: a document's title, an account's display name."""
SYSTEM_NAME = "Cordee (set-up and demo)"
"""The name shown for what was done from the command line."""
NAMED_FOR_GOOD = (Account, Organisation)
"""The items whose name never changes once recorded: remembered, and given for their ids in summaries."""
_CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters a reason may not carry; its line breaks are kept."""
ANONYMOUS_AUTHOR = "The author of unsigned feedback"
"""Who shared or withdrew an unsigned item of feedback, as the trail says it: feedback is anonymous unless signed,
to the coach and the admins who read its trail as to every member."""
ANONYMOUS_AUTHOR_ID = uuid5(UUID(int=0), "cordee:anonymous-feedback-author")
REMEMBERED = 100_000
"""Items remembered in memory before the memory starts again (each is read back once when next needed)."""


class Owner(NamedTuple):
    organisation_id: UUID | None
    cluster_id: UUID | None
    name: str | None
    """For an account or an organisation: its name, which never changes; for any other item, none."""


NOT_AN_ITEM = Owner(None, None, None)
"""What an id that names no item is remembered as (a measurement's, a finding's): it is not looked up again. An item
that has no first event yet is remembered so too, until its first event comes and replaces it."""
ADMINS_ONLY: tuple[type, ...] = (MissionAttestation, ProfessionalLink)
"""The items whose trail is the admins' alone, as the accounts' is, whatever organisation or cluster they name: a
mission attestation and a professional link are read by the consultancy's admins only, so their events (the facts,
the professional's address, a withdrawal's reason) are kept out of the organisation's, the cluster's and the
consultancy's trails, which its members, auditors and every coach read."""
_NAMED_FOR_GOOD_KINDS = frozenset(in_words(kind.__name__) for kind in NAMED_FOR_GOOD)


def _owner_of(row: Any) -> Owner:
    name = row.title if row.item_kind in _NAMED_FOR_GOOD_KINDS else None
    return Owner(row.owner_organisation_id, row.owner_cluster_id, name)


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
        self._owners: dict[tuple[UUID, UUID], Owner] = {}

    def recorded(self, writer: GroupedWriter, event: Any) -> None:  # pragma: no cover (reached by `apply_at`)
        raise TypeError("The audit trail records an event with its position in the log: call `apply_at`.")

    def apply_at(self, writer: GroupedWriter, position: int, topic: str, event: Any) -> None:
        register, aggregate = self._kinds[topic]
        title = _title(event)
        if event.originator_version == 1:
            self._first_seen(writer, event, register, aggregate, title)
        elif title is not None:
            writer.write_apart(self._rename_item, {"t": event.tenant_id, "i": event.originator_id, "title": title})
        owners = self._remembered(writer, event.tenant_id, {event.originator_id, event.actor_id, *ids_named(event)})
        item = owners[event.originator_id]
        organisation_id = getattr(event, "organisation_id", None) or item.organisation_id
        cluster_id = getattr(event, "cluster_id", None) or item.cluster_id
        anonymous = _by_anonymous_author(aggregate, event)
        hidden = {event.actor_id, organisation_id} if anonymous else set()
        names = {item_id: owner.name for item_id, owner in owners.items() if owner.name and item_id not in hidden}
        row = {
            "tenant_id": event.tenant_id,
            "position": position,
            "recorded_at": event.timestamp,
            "register": register,
            "item_kind": in_words(aggregate.__name__),
            "item_id": event.originator_id,
            "item_version": event.originator_version,
            "item_title": title,
            "actor_id": ANONYMOUS_AUTHOR_ID if anonymous else event.actor_id,
            "actor_name": ANONYMOUS_AUTHOR if anonymous else _actor_name(event.actor_id, names),
            "event_name": in_words(type(event).__name__),
            "summary": summary(event, names),
            "reason": _reason(event),
            "business_date": business_date(event),
        }
        table = ACCOUNT_EVENTS if aggregate in ADMINS_ONLY else _table(register, organisation_id, cluster_id)
        owner_columns = {"organisation_id": organisation_id, "cluster_id": cluster_id}
        if table == ORGANISATION_EVENTS:
            owner_columns.pop("cluster_id")
        elif table != CLUSTER_EVENTS:
            owner_columns = {}
        writer.write_apart(self._insert_event[table], row | owner_columns)

    def _first_seen(self, writer: GroupedWriter, event: Any, register: str, aggregate: type, title: str | None) -> None:
        organisation_id, cluster_id = _owner(aggregate, event)
        row = {"tenant_id": event.tenant_id, "item_id": event.originator_id, "register": register}
        row |= {"item_kind": in_words(aggregate.__name__), "title": title}
        writer.write_apart(
            self._insert_item, row | {"owner_organisation_id": organisation_id, "owner_cluster_id": cluster_id}
        )
        name = title if issubclass(aggregate, NAMED_FOR_GOOD) else None
        self._remember((event.tenant_id, event.originator_id), Owner(organisation_id, cluster_id, name))

    def _remembered(self, writer: GroupedWriter, tenant_id: UUID, ids: set[UUID]) -> dict[UUID, Owner]:
        """The owners of the items, from memory, or read (once) from the trail's own table."""
        missing = [item_id for item_id in ids if (tenant_id, item_id) not in self._owners]
        if missing:
            found = {row.item_id: row for row in writer.read(self._known, {"t": tenant_id, "ids": missing})}
            for item_id in missing:
                row = found.get(item_id)
                self._remember((tenant_id, item_id), NOT_AN_ITEM if row is None else _owner_of(row))
        return {item_id: self._owners[(tenant_id, item_id)] for item_id in ids}

    def _remember(self, key: tuple[UUID, UUID], owner: Owner) -> None:
        if len(self._owners) >= REMEMBERED:
            self._owners.clear()
        self._owners[key] = owner


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
            return cut(one_line(value), NAME_LENGTH)
    return None


def _reason(event: Any) -> str | None:
    reason = getattr(event, "reason", None)
    return _CONTROL_BUT_LINES.sub(" ", reason) if isinstance(reason, str) and reason.strip() else None


def _actor_name(actor_id: UUID, names: dict[UUID, str]) -> str | None:
    return SYSTEM_NAME if actor_id == SYSTEM_ACTOR else names.get(actor_id)


def _by_anonymous_author(aggregate: type, event: Any) -> bool:
    """Whether the event is the act of an unsigned item of feedback's author: sharing it unsigned, or withdrawing an
    item (which only its author's organisation may do). Its row names neither the author nor the organisation."""
    if aggregate is not FeedbackItem:
        return False
    name = type(event).__name__
    return name == "Withdrawn" or (name == "Shared" and getattr(event, "signed_by", None) is None)
