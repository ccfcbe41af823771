"""A whole tenant moved between instances: its events in its log's order, its signed checkpoints, their keys.

The archive is a ZIP: `manifest.json` (format, tenant, number of events, root hash), `events.jsonl` (each event in
its canonical form, one per line, in the tenant's log order), `checkpoints.jsonl` and `keys.json`. Importing it
into an instance where the tenant has no events stores the events through the same recorder, which hashes them
into a tree that must end at the manifest's root; the checkpoints and their public keys are kept as they were
signed, so `cordee audit verify` answers the same on both instances, and a rebuild gives the same read models.
"""

from __future__ import annotations

import base64
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from sqlalchemy import text

from backend.audit.canonical import canonical_event, moment_text, split_canonical
from backend.audit.log import AuditLog

FORMAT = "cordee-tenant-export/1"
IMPORT_BATCH = 500


class ImportRefused(ValueError):
    pass


@dataclass(frozen=True)
class Moved:
    tenant_id: UUID
    events: int
    root: bytes


def export_tenant(audit: AuditLog, tenant_id: UUID, archive: Path) -> Moved:
    """Writes the tenant's archive, after signing a checkpoint of its log as it stands."""
    audit.checkpoint(tenant_id)
    count = 0
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        with zipped.open("events.jsonl", "w") as events:
            for _, event in audit.tenant_events(tenant_id):
                topic = event.topic
                events.write(canonical_event(event.originator_id, event.originator_version, topic, event.state) + b"\n")
                count += 1
        checkpoints = audit.checkpoints(tenant_id)
        zipped.writestr(
            "checkpoints.jsonl",
            "".join(
                json.dumps({"tree_size": c.tree_size, "signed_at": c.signed_at, "key_id": c.key_id, "note": c.note})
                + "\n"
                for c in checkpoints
            ),
        )
        used = {c.key_id for c in checkpoints}
        keys = [
            {
                "key_id": k.key_id,
                "name": k.name,
                "public_key": base64.b64encode(k.public_key).decode(),
                "first_used_at": k.first_used_at,
            }
            for k in audit.published_keys()
            if k.key_id in used
        ]
        zipped.writestr("keys.json", json.dumps(keys, indent=2))
        size, root = audit.head(tenant_id)
        manifest = {
            "format": FORMAT,
            "tenant_id": str(tenant_id),
            "events": size,
            "root_hash": root.hex(),
            "exported_at": moment_text(datetime.now(UTC)),
        }
        zipped.writestr("manifest.json", json.dumps(manifest, indent=2))
    if count != size:
        raise RuntimeError("The tenant's log grew while it was exported; export it again.")
    return Moved(tenant_id, size, root)


def import_tenant(app: Any, audit: AuditLog, archive: Path) -> Moved:
    """Stores an exported tenant's events in this instance, where that tenant must have none yet."""
    with zipfile.ZipFile(archive) as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise ImportRefused(f"Not a Cordee tenant export ({FORMAT}).")
        tenant_id = UUID(manifest["tenant_id"])
        if audit.head(tenant_id)[0]:
            raise ImportRefused("This consultancy already has events here; import it into an instance without it.")
        with zipped.open("events.jsonl") as events:
            batch: list[StoredEvent] = []
            for event in _stored_events(events):
                batch.append(event)
                if len(batch) == IMPORT_BATCH:
                    app.recorder.insert_events(batch)
                    batch = []
            if batch:
                app.recorder.insert_events(batch)
        size, root = audit.head(tenant_id)
        if size != manifest["events"] or root.hex() != manifest["root_hash"]:
            raise ImportRefused("The imported events do not hash to the exported root: the archive was altered.")
        _keep_signatures(audit, tenant_id, zipped)
    return Moved(tenant_id, size, root)


def _stored_events(lines: Any) -> Iterator[StoredEvent]:
    for line in lines:
        try:
            originator_id, version, topic, state = split_canonical(line.rstrip(b"\n"))
        except (ValueError, KeyError, TypeError) as error:
            raise ImportRefused(
                "An event of the archive is not in its canonical form: the archive was altered."
            ) from error
        yield StoredEvent(originator_id=originator_id, originator_version=version, topic=topic, state=state)


def _keep_signatures(audit: AuditLog, tenant_id: UUID, zipped: zipfile.ZipFile) -> None:
    with audit.writing() as conn, conn.begin():
        for key in json.loads(zipped.read("keys.json")):
            conn.execute(
                text(
                    "INSERT INTO audit_keys (key_id, name, public_key, first_used_at) VALUES (:k, :n, :p, :at) "
                    "ON CONFLICT DO NOTHING"
                ),
                {
                    "k": key["key_id"],
                    "n": key["name"],
                    "p": base64.b64decode(key["public_key"]),
                    "at": key["first_used_at"],
                },
            )
        for line in zipped.read("checkpoints.jsonl").decode().splitlines():
            checkpoint = json.loads(line)
            conn.execute(
                text(
                    "INSERT INTO audit_checkpoints (tenant_id, tree_size, root_hash, signed_at, key_id, note) "
                    "VALUES (:t, :s, :r, :at, :k, :n)"
                ),
                {
                    "t": str(tenant_id),
                    "s": checkpoint["tree_size"],
                    "r": _signed_root(checkpoint["note"]),
                    "at": checkpoint["signed_at"],
                    "k": checkpoint["key_id"],
                    "n": checkpoint["note"],
                },
            )


def _signed_root(note: str) -> bytes:
    return base64.b64decode(note.split("\n")[2])
