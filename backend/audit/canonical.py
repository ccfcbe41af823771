"""An event's canonical bytes, the leaf the log hashes: the same whatever database stored it.

The canonical form is one line of JSON, its keys in order and no spaces, UTF-8:
`{"originator_id":"<uuid>","originator_version":<n>,"state":<the stored state>,"topic":"<module:Class.Event>"}`,
where the state is the event's JSON exactly as the `eventsourcing` library stored it, byte for byte: nothing is
parsed or written again, so hashing a million events costs little more than reading them, and a state altered in
any byte changes the leaf. The notification id is left out on purpose: it is the database's counter, and a tenant
moved to another instance gets other ones, while its tree and its signed checkpoints stay the same. An auditor's
bundle holds these lines as they are, so its verifier hashes each line's bytes.
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


@dataclass(frozen=True)
class Leaf:
    """What the log keeps of one stored event: its tenant, identity, recording time and leaf hash."""

    tenant_id: UUID
    originator_id: UUID
    originator_version: int
    recorded_at: str
    """When it was recorded, UTC, `YYYY-MM-DDTHH:MM:SS.ffffff`: text that sorts as time does."""
    hash: bytes


def canonical_event(originator_id: UUID | str, originator_version: int, topic: str, state: bytes) -> bytes:
    identity = (
        f'{{"originator_id":"{_uuid_text(originator_id)}","originator_version":{int(originator_version)},"state":'
    )
    return identity.encode() + state + f',"topic":{json.dumps(topic)}}}'.encode()


def split_canonical(line: bytes) -> tuple[UUID, int, str, bytes]:
    """The stored event's parts from its canonical line: the state's bytes as they are; ValueError otherwise."""
    parsed = json.loads(line)
    originator, version, topic = UUID(parsed["originator_id"]), parsed["originator_version"], parsed["topic"]
    head = canonical_event(originator, version, topic, b"")
    prefix, suffix = head[: head.index(b'"state":') + 8], head[head.index(b'"state":') + 8 :]
    if not (line.startswith(prefix) and line.endswith(suffix)) or not isinstance(version, int):
        raise ValueError("Not an event in its canonical form.")
    return originator, version, topic, line[len(prefix) : len(line) - len(suffix)]


def _uuid_text(value: UUID | str) -> str:
    return str(value if isinstance(value, UUID) else UUID(str(value)))


def leaf_of(originator_id: UUID | str, originator_version: int, topic: str, state: bytes) -> Leaf:
    parsed = json.loads(state)
    return Leaf(
        tenant_of(parsed),
        UUID(str(originator_id)),
        originator_version,
        recorded_at_of(parsed),
        leaf_hash(canonical_event(originator_id, originator_version, topic, state)),
    )


def tenant_of(state: dict[str, Any]) -> UUID:
    value = state.get("tenant_id")
    if isinstance(value, dict) and isinstance(value.get("_data_"), str):
        return UUID(value["_data_"])
    return NO_TENANT


def recorded_at_of(state: dict[str, Any]) -> str:
    value = state.get("timestamp")
    if isinstance(value, dict) and isinstance(value.get("_data_"), str):
        data: str = value["_data_"]
        if len(data) == 32 and data.endswith("+00:00"):  # as the library writes UTC times: already the log's form
            return data[:26]
        return moment_text(datetime.fromisoformat(data))
    return ""


def moment_text(moment: datetime) -> str:
    """A moment as the log stores it (UTC, microseconds), so that comparing texts compares moments."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")
