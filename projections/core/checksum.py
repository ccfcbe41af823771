"""A checksum of every read row: a rebuild, a replay or another database must give the same."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import select

from projections.core.store import ReadStore


def checksum(store: ReadStore) -> str:
    """A SHA-256 of every read row (tracking and parked events aside), tables by name, rows in primary-key order."""
    digest = hashlib.sha256()
    operational = (store.tables.tracking, store.tables.parked_events)
    tables = sorted((t for t in store.tables.all() if t not in operational), key=lambda t: t.name)
    with store.reading() as conn:
        for table in tables:
            digest.update(f"table {store.tables.unprefixed(table)}\n".encode())
            for row in conn.execute(select(table).order_by(*table.primary_key.columns)).mappings():
                canonical = {key: _canonical(value) for key, value in row.items()}
                digest.update(json.dumps(canonical, sort_keys=True).encode() + b"\n")
    return digest.hexdigest()


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat()
    if isinstance(value, date | UUID):
        return str(value)
    return value
