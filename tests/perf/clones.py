"""A large store made fast: one consultancy's stored events copied as other consultancies, for the benchmarks.

A clone is a new consultancy whose events are the template's stored events with every id of the template remapped
(the tenant's own, its aggregates', the ids inside event state, in their hex and dashed forms), one consistent
mapping old -> new per clone, so that every reference inside the clone still points inside the clone. Ids derived
with `uuid5` from the tenant are mapped like any other: nothing is recomputed from the template's keys, so a clone
is read, not written to (commands that look an aggregate up by its derived id would not find it).

What the read models keep unique across tenants is made unique per clone: e-mail addresses (the sign-in directory
is keyed by address), the slug and name of the consultancy, and the hashes of keys and secrets (invitations,
monitoring tokens, integration clients). The consultancy's own facts are copied once per clone; what belongs to an
organisation or a cluster (every aggregate whose events name one) is copied `copies` times into the same clone, so
that a clone holds `copies` times the template's clusters and member organisations with all their registers.

Events are written through the application's recorder, so each one has its leaf in its tenant's tamper-evident log
(`backend/audit`), as the product writes them, in batches of `BATCH` events, one transaction each.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID, uuid5

from eventsourcing.persistence import StoredEvent

from domain.shared.aggregate import SYSTEM_ACTOR

BATCH = 5_000
"""Events a transaction of the recorder: big enough that the per-transaction cost (the sync) disappears."""

NAMESPACE = UUID("6d3c2f3e-9b1f-4d0a-8f7e-0b6c1a2d3e4f")
"""Where the clones' ids come from: uuid5(NAMESPACE, "<clone>:<copy>:<old id>")."""

_UUID = re.compile(
    rb"(?<![0-9a-f])([0-9a-f]{8})(-?)([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})(?![0-9a-f])"
)
_EMAIL = re.compile(rb'"([^"@\s\\]+)@([^"@\s\\]+\.[a-z]+)"')
_SECRET_HASH = re.compile(rb'"(key_hash|secret_hash)":"([0-9a-f]+)"')
_ORGANISATION_OR_CLUSTER = re.compile(
    rb'"(?:organisation_id|cluster_id)":\{"_type_":"uuid_hex","_data_":"([0-9a-f]{32})"'
)


@dataclass(frozen=True)
class Template:
    """The template consultancy's stored events, in the order they were stored."""

    tenant_id: UUID
    events: list[tuple[UUID, int, str, bytes]]
    copied: frozenset[UUID]
    """Aggregates copied `copies` times into a clone: the organisations and clusters, and every aggregate whose
    events name one."""
    own_ids: frozenset[bytes]
    """Every id of the template, as 32 hex digits: the tenant, its aggregates, ids inside event state."""
    copy_ids: frozenset[bytes]
    """The ids that belong to copied aggregates alone (theirs, and any seen only in their events)."""

    def events_per_clone(self, copies: int) -> int:
        return sum(copies if originator in self.copied else 1 for originator, *_ in self.events)


def read_template(event_store: Path, tenant_id: UUID) -> Template:
    """The tenant's events as stored (its leaves in the log name the tenant of each event)."""
    with sqlite3.connect(event_store) as db:
        rows = db.execute(
            "SELECT e.originator_id, e.originator_version, e.topic, e.state FROM stored_events e "
            "JOIN audit_leaves l ON l.notification_id = e.rowid WHERE l.tenant_id = ? ORDER BY e.rowid",
            (str(tenant_id),),
        ).fetchall()
    events = [(UUID(str(o)), v, t, bytes(s)) for o, v, t, s in rows]
    named = {m.group(1) for _, _, _, state in events for m in _ORGANISATION_OR_CLUSTER.finditer(state)}
    copied = frozenset(
        o for o, _, _, state in events if o.hex.encode() in named or _ORGANISATION_OR_CLUSTER.search(state)
    )
    ids_in: dict[bytes, set[bool]] = {}
    for originator, _, _, state in events:
        in_copy = originator in copied
        found = [b"".join(m.group(1, 3, 4, 5, 6)) for m in _UUID.finditer(state)]
        for hex_id in [originator.hex.encode(), *found]:
            ids_in.setdefault(hex_id, set()).add(in_copy)
    ids_in.pop(SYSTEM_ACTOR.hex.encode(), None)
    originators = {o.hex.encode() for o, *_ in events}
    foreign = _foreign_ids(event_store, tenant_id)
    # An id is the template's when an aggregate of it has it, or when it is named nowhere else than in its events.
    own = frozenset(hex_id for hex_id in ids_in if hex_id in originators or hex_id not in foreign)
    # A copied aggregate's id is copied even where the consultancy's own facts name it (those name copy 0).
    copy_ids = frozenset({o.hex.encode() for o in copied} | {hex_id for hex_id in own if ids_in[hex_id] == {True}}) - {
        tenant_id.hex.encode()
    }
    return Template(tenant_id, events, copied, own, copy_ids)


def _foreign_ids(event_store: Path, tenant_id: UUID) -> set[bytes]:
    """Ids named in other tenants' events: those stay as they are (the system's actor, say)."""
    with sqlite3.connect(event_store) as db:
        rows = db.execute(
            "SELECT e.originator_id, e.state FROM stored_events e JOIN audit_leaves l ON l.notification_id = e.rowid "
            "WHERE l.tenant_id != ?",
            (str(tenant_id),),
        )
        found: set[bytes] = set()
        for originator, state in rows:
            found.add(UUID(str(originator)).hex.encode())
            found.update(b"".join(m.group(1, 3, 4, 5, 6)) for m in _UUID.finditer(bytes(state)))
    return found


class Cloner:
    """Makes the stored events of clone number `clone` (1, 2, ...) of the template."""

    def __init__(self, template: Template, copies: int) -> None:
        self.template, self.copies = template, copies

    def tenant_of(self, clone: int) -> UUID:
        return self._new_id(clone, 0, self.template.tenant_id.hex.encode())

    def events(self, clone: int) -> Iterator[StoredEvent]:
        consultancy_topic = "domain.tenancy.consultancy:Consultancy.Created"
        for originator, version, topic, state in self.template.events:
            for copy in range(self.copies if originator in self.template.copied else 1):
                new_state = self._state(clone, copy, state)
                if topic == consultancy_topic:
                    new_state = _renamed_consultancy(new_state, clone)
                new_originator = self._new_id(clone, copy, originator.hex.encode())
                yield StoredEvent(new_originator, version, topic, new_state)

    def _new_id(self, clone: int, copy: int, hex_id: bytes) -> UUID:
        if hex_id not in self.template.copy_ids:
            copy = 0
        return uuid5(NAMESPACE, f"{clone}:{copy}:{hex_id.decode()}")

    def _state(self, clone: int, copy: int, state: bytes) -> bytes:
        tag = f"c{clone}k{copy}".encode()

        def uuid(match: re.Match[bytes]) -> bytes:
            hex_id = b"".join(match.group(1, 3, 4, 5, 6))
            if hex_id not in self.template.own_ids:
                return match.group(0)
            new = self._new_id(clone, copy, hex_id)
            return str(new).encode() if match.group(2) else new.hex.encode()

        def email(match: re.Match[bytes]) -> bytes:
            return b'"' + match.group(1) + b"@" + tag + b"." + match.group(2) + b'"'

        def secret(match: re.Match[bytes]) -> bytes:
            return b'"' + match.group(1) + b'":"' + hashlib.sha256(tag + match.group(2)).hexdigest().encode() + b'"'

        state = _UUID.sub(uuid, state)
        state = _EMAIL.sub(email, state)
        return _SECRET_HASH.sub(secret, state)


def _renamed_consultancy(state: bytes, clone: int) -> bytes:
    parsed = json.loads(state)
    parsed["name"] = f"{parsed['name']} {clone:04d}"
    parsed["slug"] = f"{parsed['slug']}-{clone:04d}"
    return json.dumps(parsed, separators=(",", ":")).encode()


def write_clones(insert: Callable[[list[StoredEvent]], object], cloner: Cloner, first: int, last: int) -> int:
    """Writes clones `first`..`last` (inclusive) in batches of `BATCH` events; answers how many events."""
    batch: list[StoredEvent] = []
    written = 0
    for clone in range(first, last + 1):
        for event in cloner.events(clone):
            batch.append(event)
            if len(batch) >= BATCH:
                insert(batch)
                written += len(batch)
                batch = []
    if batch:
        insert(batch)
        written += len(batch)
    return written
