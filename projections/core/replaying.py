"""Replaying parked events once an operator fixed what parked them.

They are applied again in order per tenant and projection, each cleared when it now applies; the first that still
fails keeps its place with the new error, and the ones after it stay held.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from sqlalchemy import Connection

from projections.core.parking import Failure, ParkedEvent
from projections.core.projection import Projection

if TYPE_CHECKING:
    from projections.core.runner import ProjectionRunner


@dataclass(frozen=True)
class ReplayResult:
    applied: int
    still_parked: int


def replay_parked(
    runner: ProjectionRunner, tenant_id: UUID | None = None, projection: str | None = None
) -> ReplayResult:
    """Applies parked events again, in order per tenant and projection, clearing each that now applies.

    The first that still fails keeps its place with the new error, and the ones after it stay held.
    """
    applied = still_parked = 0
    by_name = {p.name: p for p in runner.projections}
    with runner.store.writing() as conn:
        runner.tracker.lock(conn)
        blocked: set[tuple[UUID, str]] = set()
        for parked in runner.parked.in_order(conn, tenant_id, projection):
            pair = (parked.tenant_id, parked.projection)
            target = by_name.get(parked.projection)
            if pair in blocked or target is None:
                still_parked += 1
                continue
            failure = _replay_one(runner, conn, target, parked)
            if failure is None:
                runner.parked.clear(conn, parked)
                applied += 1
            else:
                runner.parked.record_failure(conn, parked, failure)
                blocked.add(pair)
                still_parked += 1
    return ReplayResult(applied, still_parked)


def _replay_one(
    runner: ProjectionRunner, conn: Connection, projection: Projection, parked: ParkedEvent
) -> Failure | None:
    [notification] = runner.app.recorder.select_notifications(parked.notification_id, 1, stop=parked.notification_id)
    event, _, failure = runner.decode(notification)
    if failure is not None:
        return failure
    return runner.apply_in_savepoint(conn, projection, notification, event)
