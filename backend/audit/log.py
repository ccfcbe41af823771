"""Each tenant's tamper-evident log: its leaves, its signed checkpoints, and the check that finds any tampering.

The leaves are written with the events (`recorder.py`); this module reads them, signs checkpoints of each tenant's
tree, publishes the public keys, and verifies: it recomputes every leaf from the stored event, every tree from
those leaves, and compares them with the leaves kept and the checkpoints signed. What it finds names its place:
the tenant, the position in the tenant's log, the aggregate and its version.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Engine, text

from backend.audit.canonical import NO_TENANT, canonical_event, leaf_of, moment_text
from backend.audit.recorder import append_leaves
from backend.audit.signing import Signer
from backend.audit.verifier import Peaks, checkpoint_body, leaf_hash, parse_checkpoint, signature_valid

BATCH = 2000


@dataclass(frozen=True)
class StoredEventRow:
    notification_id: int
    originator_id: UUID
    originator_version: int
    topic: str
    state: bytes


@dataclass(frozen=True)
class Problem:
    """One thing verification found wrong, with its place."""

    tenant_id: UUID
    kind: str
    """`altered`, `replaced`, `deleted`, `inserted`, `truncated`, `out of order`, `unsigned root` or `bad signature`."""
    position: int | None
    """The sequence number in the tenant's log (0-based), when the problem sits at one."""
    originator_id: UUID | None
    originator_version: int | None
    detail: str

    def __str__(self) -> str:
        place = f"tenant {self.tenant_id}"
        if self.position is not None:
            place += f", sequence number {self.position}"
        if self.originator_id is not None:
            place += f", aggregate {self.originator_id} version {self.originator_version}"
        return f"{self.kind}: {place}: {self.detail}"


@dataclass
class TenantVerification:
    tenant_id: UUID
    size: int = 0
    root: bytes = b""
    checkpoints: int = 0
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class StoredCheckpoint:
    tenant_id: UUID
    tree_size: int
    root_hash: bytes
    signed_at: str
    key_id: str
    note: str


@dataclass(frozen=True)
class PublishedKey:
    key_id: str
    name: str
    public_key: bytes
    first_used_at: str


class AuditLog:
    def __init__(self, engine: Engine, events_table: str, signer: Signer, origin: str) -> None:
        self.engine = engine
        self.is_postgres = engine.dialect.name == "postgresql"
        self.events_table = events_table
        self.event_id = "notification_id" if self.is_postgres else "rowid"
        self.signer = signer
        self.origin = origin
        self._placeholder = "%s" if self.is_postgres else "?"
        self._advancing = threading.Lock()
        self._advanced_to = 0
        """The last notification whose leaf `advance_all` has taken into its tenant's tree, in this process."""

    # Writing

    def writing(self) -> Any:
        return self.engine.connect().execution_options(writer=True)

    def start(self) -> int:
        """Hashes, once, the events stored before the log existed, in the log's order; returns how many."""
        with self.writing() as conn, conn.begin():
            if self.is_postgres:
                conn.exec_driver_sql(f"LOCK TABLE {self.events_table} IN EXCLUSIVE MODE")
            if conn.execute(text("SELECT value FROM audit_meta WHERE name = 'started'")).first():
                return 0
            hashed = 0
            while batch := self._unlogged(conn, BATCH):
                self._append(conn, batch)
                hashed += len(batch)
            last = conn.execute(text(f"SELECT max({self.event_id}) FROM {self.events_table}")).scalar() or 0
            conn.execute(text("INSERT INTO audit_meta (name, value) VALUES ('started', :v)"), {"v": str(last)})
            return hashed

    def _unlogged(self, conn: Connection, limit: int) -> list[StoredEventRow]:
        rows = conn.execute(
            text(
                f"SELECT e.{self.event_id}, e.originator_id, e.originator_version, e.topic, e.state "
                f"FROM {self.events_table} e LEFT JOIN audit_leaves l ON l.notification_id = e.{self.event_id} "
                f"WHERE l.notification_id IS NULL ORDER BY e.{self.event_id} LIMIT :limit"
            ),
            {"limit": limit},
        )
        return [_event_row(row) for row in rows]

    def _append(self, conn: Connection, events: Sequence[StoredEventRow]) -> None:
        def execute(statement: str, parameters: tuple[Any, ...]) -> None:
            conn.exec_driver_sql(statement, parameters)

        def fetch_one(statement: str, parameters: tuple[Any, ...]) -> int:
            return int(conn.exec_driver_sql(statement, parameters).scalar_one())

        leaves = [leaf_of(e.originator_id, e.originator_version, e.topic, e.state) for e in events]
        append_leaves(execute, fetch_one, self._placeholder, leaves, [e.notification_id for e in events])

    def import_events(self, conn: Connection, events: Sequence[StoredEventRow]) -> None:
        """Leaves for events written by an import in the caller's transaction (see `transfer.py`)."""
        self._append(conn, events)

    # Checkpoints

    def checkpoint(self, tenant_id: UUID, now: datetime | None = None) -> StoredCheckpoint | None:
        """Signs the tenant's tree as it stands (on demand); the existing one when nothing was added since."""
        moment = now or datetime.now(UTC)
        with self.writing() as conn, conn.begin():
            head = self._advance(conn, str(tenant_id))
            if head.size == 0:
                return None
            existing = self._checkpoint_at(conn, tenant_id, head.size)
            if existing:
                return existing
            root = head.root()
            body = checkpoint_body(self.log_origin(tenant_id), head.size, root, [f"time {_rfc3339(moment)}"])
            row = {
                "t": str(tenant_id),
                "s": head.size,
                "r": root,
                "at": moment_text(moment),
                "k": self.signer.key_id,
                "n": self.signer.sign(body),
            }
            self._publish_key(conn, moment)
            conn.execute(
                text(
                    "INSERT INTO audit_checkpoints (tenant_id, tree_size, root_hash, signed_at, key_id, note) "
                    "VALUES (:t, :s, :r, :at, :k, :n) ON CONFLICT DO NOTHING"
                ),
                row,
            )
            return self._checkpoint_at(conn, tenant_id, head.size)

    def checkpoint_due(self, every_events: int, every: timedelta, now: datetime | None = None) -> list[UUID]:
        """Signs a checkpoint of every tenant whose log grew by `every_events`, or grew at all in `every`."""
        moment = now or datetime.now(UTC)
        self.advance_all()
        with self.engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT h.tenant_id, h.size, max(c.tree_size) AS signed_size, max(c.signed_at) AS signed_at, "
                    "(SELECT min(l.recorded_at) FROM audit_leaves l WHERE l.tenant_id = h.tenant_id "
                    "AND l.leaf_index = 0) AS first_at "
                    "FROM audit_heads h LEFT JOIN audit_checkpoints c ON c.tenant_id = h.tenant_id "
                    "GROUP BY h.tenant_id, h.size"
                )
            ).all()
        due = []
        for row in rows:
            grown = row.size - (row.signed_size or 0)
            since = row.signed_at or row.first_at or ""
            if grown >= every_events or (grown > 0 and since <= moment_text(moment - every)):
                due.append(UUID(row.tenant_id))
        for tenant_id in due:
            self.checkpoint(tenant_id, moment)
        return due

    def unsigned(self) -> tuple[int, int, str | None]:
        """Events logged, events not yet under a signed checkpoint, and the oldest last checkpoint's time."""
        self.advance_all()
        with self.engine.connect() as conn:
            row = conn.execute(
                text(
                    "SELECT coalesce(sum(h.size), 0), coalesce(sum(h.size - coalesce(c.signed_size, 0)), 0), "
                    "min(c.signed_at) FROM audit_heads h LEFT JOIN (SELECT tenant_id, max(tree_size) AS signed_size, "
                    "max(signed_at) AS signed_at FROM audit_checkpoints GROUP BY tenant_id) c "
                    "ON c.tenant_id = h.tenant_id"
                )
            ).one()
        return int(row[0]), int(row[1]), row[2]

    def checkpoints(self, tenant_id: UUID, up_to: int | None = None) -> list[StoredCheckpoint]:
        with self.engine.connect() as conn:
            limit = "" if up_to is None else " AND tree_size <= :s"
            rows = conn.execute(
                text(f"SELECT * FROM audit_checkpoints WHERE tenant_id = :t{limit} ORDER BY tree_size"),
                {"t": str(tenant_id), "s": up_to},
            )
            return [_checkpoint(row) for row in rows]

    def _checkpoint_at(self, conn: Connection, tenant_id: UUID, size: int) -> StoredCheckpoint | None:
        row = conn.execute(
            text("SELECT * FROM audit_checkpoints WHERE tenant_id = :t AND tree_size = :s"),
            {"t": str(tenant_id), "s": size},
        ).first()
        return _checkpoint(row) if row else None

    def log_origin(self, tenant_id: UUID) -> str:
        return f"{self.origin}/tenants/{tenant_id}"

    # Keys

    def _publish_key(self, conn: Connection, moment: datetime) -> None:
        conn.execute(
            text(
                "INSERT INTO audit_keys (key_id, name, public_key, first_used_at) VALUES (:k, :n, :p, :at) "
                "ON CONFLICT DO NOTHING"
            ),
            {"k": self.signer.key_id, "n": self.signer.name, "p": self.signer.public_key, "at": moment_text(moment)},
        )

    def published_keys(self) -> list[PublishedKey]:
        """Every key that signed a checkpoint, and the current one: older checkpoints verify after a rotation."""
        with self.engine.connect() as conn:
            rows = conn.execute(text("SELECT * FROM audit_keys ORDER BY first_used_at")).all()
        found = [PublishedKey(r.key_id, r.name, bytes(r.public_key), r.first_used_at) for r in rows]
        if all(k.key_id != self.signer.key_id for k in found):
            found.append(PublishedKey(self.signer.key_id, self.signer.name, self.signer.public_key, ""))
        return found

    # Reading

    def head(self, tenant_id: UUID) -> tuple[int, bytes]:
        """The tenant's log size and root hash as they stand."""
        with self.writing() as conn, conn.begin():
            head = self._advance(conn, str(tenant_id))
        return head.size, head.root()

    def advance_all(self) -> None:
        """Brings the tree of every tenant with leaves added since the last call up to date (`audit_heads`)."""
        with self._advancing, self.writing() as conn, conn.begin():
            last = conn.execute(text("SELECT max(notification_id) FROM audit_leaves")).scalar() or 0
            grown = conn.execute(
                text("SELECT DISTINCT tenant_id FROM audit_leaves WHERE notification_id > :after"),
                {"after": self._advanced_to},
            ).scalars()
            for tenant in list(grown):
                self._advance(conn, tenant)
            self._advanced_to = last

    def _advance(self, conn: Connection, tenant: str) -> Peaks:
        """The tenant's tree from its last state in `audit_heads` and the leaves added since, kept there again."""
        row = conn.execute(text("SELECT size, peaks FROM audit_heads WHERE tenant_id = :t"), {"t": tenant}).first()
        head = Peaks.unpacked(row.size, bytes(row.peaks)) if row else Peaks()
        added = conn.execute(
            text("SELECT leaf_hash FROM audit_leaves WHERE tenant_id = :t AND leaf_index >= :s ORDER BY leaf_index"),
            {"t": tenant, "s": head.size},
        ).scalars()
        before = head.size
        for leaf in added:
            head.append(bytes(leaf))
        if head.size > before:
            conn.execute(
                text(
                    "INSERT INTO audit_heads (tenant_id, size, peaks) VALUES (:t, :s, :p) ON CONFLICT (tenant_id) "
                    "DO UPDATE SET size = excluded.size, peaks = excluded.peaks WHERE audit_heads.size < excluded.size"
                ),
                {"t": tenant, "s": head.size, "p": head.packed()},
            )
        return head

    def tenants(self) -> list[UUID]:
        with self.engine.connect() as conn:
            found = conn.execute(text("SELECT DISTINCT tenant_id FROM audit_leaves ORDER BY tenant_id")).scalars()
            return [UUID(t) for t in found]

    def tenant_events(
        self, tenant_id: UUID, until: str | None = None, batch: int = BATCH
    ) -> Iterator[tuple[int, StoredEventRow]]:
        """The tenant's events in its log's order, with their sequence numbers; up to a recording moment if given."""
        after = -1
        limit = "" if until is None else " AND l.recorded_at <= :until"
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(
                    text(
                        f"SELECT l.leaf_index, e.{self.event_id}, e.originator_id, e.originator_version, e.topic, "
                        f"e.state FROM audit_leaves l JOIN {self.events_table} e ON e.{self.event_id} = "
                        f"l.notification_id WHERE l.tenant_id = :t AND l.leaf_index > :after{limit} "
                        "ORDER BY l.leaf_index LIMIT :batch"
                    ),
                    {"t": str(tenant_id), "after": after, "until": until, "batch": batch},
                ).all()
            for row in rows:
                yield row[0], _event_row(row[1:])
            if len(rows) < batch:
                return
            after = rows[-1][0]

    def leaf_hashes(self, tenant_id: UUID, size: int) -> list[bytes]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                text("SELECT leaf_hash FROM audit_leaves WHERE tenant_id = :t AND leaf_index < :s ORDER BY leaf_index"),
                {"t": str(tenant_id), "s": size},
            )
            return [bytes(h) for h in rows.scalars()]

    # Verifying

    def verify(
        self, tenant_id: UUID | None = None, progress: Callable[[int], None] | None = None
    ) -> list[TenantVerification]:
        """Recomputes every leaf and every tenant's tree, and checks them against what was kept and signed."""
        keys = {k.key_id: k for k in self.published_keys()}
        found: dict[UUID, TenantVerification] = {}
        trees: dict[UUID, Peaks] = {}
        signed = self._signed(tenant_id)
        by_text: dict[str, tuple[UUID, TenantVerification, Peaks]] = {}
        for row in self._leaves_with_events(tenant_id, progress):
            if row[0] not in by_text:
                tenant = UUID(row[0])
                found[tenant], trees[tenant] = TenantVerification(tenant), Peaks()
                by_text[row[0]] = (tenant, found[tenant], trees[tenant])
            tenant, report, tree = by_text[row[0]]
            recomputed, problems = _checked_leaf(row, tree.size)
            leaf_index, logged_originator, logged_version = row[1], row[3], row[4]
            if problems:
                report.problems.extend(
                    Problem(tenant, kind, leaf_index, UUID(logged_originator), logged_version, detail)
                    for kind, detail in problems
                )
            tree.append(recomputed)
            checkpoint = signed.get((tenant, tree.size))
            if checkpoint:
                report.checkpoints += 1
                report.problems.extend(_checkpoint_problems(checkpoint, tree.root(), keys, f"/tenants/{tenant}"))
        for event, tenant in self._events_without_leaves(tenant_id):
            report = found.setdefault(tenant, TenantVerification(tenant))
            detail = f"stored at notification {event.notification_id} ({_event_name(event.topic)}) and never logged"
            position = self._position_of(tenant, event.notification_id)
            report.problems.append(
                Problem(tenant, "inserted", position, event.originator_id, event.originator_version, detail)
            )
        heads = self._heads(tenant_id)
        for tenant in set(heads) | {t for t, _ in signed}:
            report = found.setdefault(tenant, TenantVerification(tenant))
            tree = trees.get(tenant, Peaks())
            report.size, report.root = tree.size, tree.root()
            longest = max([s for t, s in signed if t == tenant] + [heads.get(tenant, 0)])
            if longest > tree.size:
                detail = f"the log was {longest} events long (signed or recorded) and has {tree.size}"
                report.problems.append(Problem(tenant, "truncated", tree.size, None, None, detail))
        return sorted(found.values(), key=lambda r: str(r.tenant_id))

    def _leaves_with_events(self, tenant_id: UUID | None, progress: Callable[[int], None] | None) -> Iterator[Any]:
        """Each leaf with its stored event (absent: None), as raw rows, in the log's order."""
        after = -1
        only = "" if tenant_id is None else " AND l.tenant_id = :t"
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(
                    text(
                        "SELECT l.tenant_id, l.leaf_index, l.notification_id, l.originator_id, l.originator_version, "
                        "l.leaf_hash, e.originator_id, e.originator_version, e.topic, e.state "
                        f"FROM audit_leaves l LEFT JOIN {self.events_table} e "
                        f"ON e.{self.event_id} = l.notification_id WHERE l.notification_id > :after{only} "
                        "ORDER BY l.notification_id LIMIT :batch"
                    ),
                    {"after": after, "t": str(tenant_id), "batch": BATCH},
                ).all()
            yield from rows
            if progress:
                progress(len(rows))
            if len(rows) < BATCH:
                return
            after = rows[-1][2]

    def _position_of(self, tenant_id: UUID, notification_id: int) -> int:
        """Where an event stored at this notification would sit in the tenant's log."""
        with self.engine.connect() as conn:
            return int(
                conn.execute(
                    text("SELECT count(*) FROM audit_leaves WHERE tenant_id = :t AND notification_id < :n"),
                    {"t": str(tenant_id), "n": notification_id},
                ).scalar_one()
            )

    def _events_without_leaves(self, tenant_id: UUID | None) -> Iterator[tuple[StoredEventRow, UUID]]:
        with self.engine.connect() as conn:
            for row in conn.execute(
                text(
                    f"SELECT e.{self.event_id}, e.originator_id, e.originator_version, e.topic, e.state "
                    f"FROM {self.events_table} e LEFT JOIN audit_leaves l ON l.notification_id = e.{self.event_id} "
                    f"WHERE l.notification_id IS NULL ORDER BY e.{self.event_id}"
                )
            ):
                event = _event_row(row)
                tenant = _tenant_named(event)
                if tenant_id is None or tenant == tenant_id:
                    yield event, tenant

    def _signed(self, tenant_id: UUID | None) -> dict[tuple[UUID, int], StoredCheckpoint]:
        with self.engine.connect() as conn:
            only = "" if tenant_id is None else " WHERE tenant_id = :t"
            rows = conn.execute(text(f"SELECT * FROM audit_checkpoints{only}"), {"t": str(tenant_id)})
            return {(UUID(r.tenant_id), r.tree_size): _checkpoint(r) for r in rows}

    def _heads(self, tenant_id: UUID | None) -> dict[UUID, int]:
        with self.engine.connect() as conn:
            only = "" if tenant_id is None else " WHERE tenant_id = :t"
            rows = conn.execute(text(f"SELECT tenant_id, size FROM audit_heads{only}"), {"t": str(tenant_id)})
            return {UUID(r.tenant_id): r.size for r in rows}


def _checked_leaf(row: Sequence[Any], expected: int) -> tuple[bytes, list[tuple[str, str]]]:
    """The leaf recomputed from the stored event (the one kept when the event is gone), and what is wrong there."""
    _, leaf_index, _, logged_originator, logged_version, logged_hash, originator, version, topic, state = row
    problems = []
    if leaf_index != expected:
        problems.append(("out of order", f"logged at {leaf_index} where {expected} comes next"))
    if topic is None:
        problems.append(("deleted", "the event logged here is no longer stored"))
        return bytes(logged_hash), problems
    stored = _uuid_text(originator)
    recomputed = leaf_hash(canonical_event(stored, version, topic, _bytes(state)))
    if (stored, version) != (logged_originator, logged_version):
        detail = f"another event is stored in its place: aggregate {stored} version {version} ({_event_name(topic)})"
        problems.append(("replaced", detail))
    elif recomputed != bytes(logged_hash):
        problems.append(("altered", f"the stored {_event_name(topic)} is not the one logged"))
    return recomputed, problems


def _bytes(value: Any) -> bytes:
    """A stored state: bytes, or text where the column's content was replaced by text behind the store's back."""
    return value.encode() if isinstance(value, str) else bytes(value)


def _uuid_text(value: Any) -> str:
    """An originator id as the log writes it: SQLite stores 32 hex digits, PostgreSQL a uuid."""
    if isinstance(value, str) and len(value) == 32:
        return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
    return str(value)


def _checkpoint_problems(
    checkpoint: StoredCheckpoint, root: bytes, keys: dict[str, PublishedKey], origin: str
) -> list[Problem]:
    """`origin` is the tenant's part of the log's origin: a tenant moved from another instance keeps the
    checkpoints that instance signed under its own host, with its published key."""
    tenant, size = checkpoint.tenant_id, checkpoint.tree_size
    try:
        parsed = parse_checkpoint(checkpoint.note)
    except ValueError as error:
        return [Problem(tenant, "bad signature", size - 1, None, None, f"checkpoint at size {size}: {error}")]
    key = keys.get(checkpoint.key_id)
    found = []
    if key is None or not signature_valid(parsed, key.name, key.public_key):
        found.append(Problem(tenant, "bad signature", size - 1, None, None, f"checkpoint at size {size}"))
    if not parsed.origin.endswith(origin) or parsed.size != size or parsed.root != root:
        detail = f"the first {size} events hash to another root than the one signed"
        found.append(Problem(tenant, "unsigned root", size - 1, None, None, detail))
    return found


def _tenant_named(event: StoredEventRow) -> UUID:
    try:
        return leaf_of(event.originator_id, event.originator_version, event.topic, event.state).tenant_id
    except (ValueError, AttributeError):
        return NO_TENANT


def _event_row(row: Sequence[Any]) -> StoredEventRow:
    return StoredEventRow(int(row[0]), _uuid(row[1]), int(row[2]), str(row[3]), _bytes(row[4]))


def _uuid(value: Any) -> UUID:
    return value if isinstance(value, UUID) else UUID(str(value))


def _checkpoint(row: Any) -> StoredCheckpoint:
    return StoredCheckpoint(
        UUID(row.tenant_id), row.tree_size, bytes(row.root_hash), row.signed_at, row.key_id, row.note
    )


def _event_name(topic: str) -> str:
    return topic.rpartition(":")[2]


def _rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Checkpointer:
    """Signs due checkpoints in the background: every few seconds it asks the log which tenants are due."""

    def __init__(self, log: AuditLog, every_events: int, every: timedelta, poll_seconds: float = 5.0) -> None:
        self.log = log
        self.every_events = every_events
        self.every = every
        self.poll_seconds = poll_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.last_error_class: str | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="cordee-checkpoints", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.wait(self.poll_seconds):
            try:
                self.log.checkpoint_due(self.every_events, self.every)
                self.last_error_class = None
            except Exception as error:  # the next round tries again; the health check shows the class
                self.last_error_class = type(error).__name__


__all__ = ["NO_TENANT", "AuditLog", "Checkpointer", "Problem", "StoredCheckpoint", "TenantVerification"]
