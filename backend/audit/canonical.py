"""An event's canonical bytes, the leaf the log hashes: the same whatever database stored it, and however it did.

The canonical form is one line of JSON with sorted keys and no spaces, UTF-8:
`{"originator_id":"<uuid>","originator_version":<n>,"state":{…},"topic":"<module:Class.Event>"}`, where `state` is
the event's stored JSON as the `eventsourcing` library wrote it, parsed and written again in that form. The
notification id is left out on purpose: it is the database's counter, and a tenant moved to another instance gets
other ones, while its tree and its signed checkpoints stay the same. An auditor's bundle holds these lines as they
are, so its verifier hashes each line's bytes without parsing them first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from backend.audit.verifier import leaf_hash

NO_TENANT = UUID(int=0)
"""The tree of an event that names no tenant: none does today, but such an event would still be logged."""


def canonical_json(document: Any) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass(frozen=True)
class Leaf:
    """What the log keeps of one stored event: its tenant, identity, recording time and leaf hash."""

    tenant_id: UUID
    originator_id: UUID
    originator_version: int
    recorded_at: str
    """When it was recorded, UTC, `YYYY-MM-DDTHH:MM:SS.ffffff`: text that sorts as time does."""
    hash: bytes


def canonical_event(originator_id: UUID | str, originator_version: int, topic: str, state: Any) -> bytes:
    """`state` is the stored bytes, or the JSON already parsed."""
    parsed = json.loads(state) if isinstance(state, bytes | str) else state
    return canonical_json(
        {
            "originator_id": str(UUID(str(originator_id))),
            "originator_version": originator_version,
            "state": parsed,
            "topic": topic,
        }
    )


def leaf_of(originator_id: UUID | str, originator_version: int, topic: str, state: bytes) -> Leaf:
    parsed = json.loads(state)
    return Leaf(
        tenant_of(parsed),
        UUID(str(originator_id)),
        originator_version,
        recorded_at_of(parsed),
        leaf_hash(canonical_event(originator_id, originator_version, topic, parsed)),
    )


def tenant_of(state: dict[str, Any]) -> UUID:
    value = state.get("tenant_id")
    if isinstance(value, dict) and isinstance(value.get("_data_"), str):
        return UUID(value["_data_"])
    return NO_TENANT


def recorded_at_of(state: dict[str, Any]) -> str:
    value = state.get("timestamp")
    if isinstance(value, dict) and isinstance(value.get("_data_"), str):
        return moment_text(datetime.fromisoformat(value["_data_"]))
    return ""


def moment_text(moment: datetime) -> str:
    """A moment as the log stores it (UTC, microseconds), so that comparing texts compares moments."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")
