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
    with runner.store.writing() as conn:
        runner.tracker.lock(conn)
        return _replay_in_order(runner, conn, runner.parked.in_order(conn, tenant_id, projection))


def _replay_in_order(runner: ProjectionRunner, conn: Connection, events: list[ParkedEvent]) -> ReplayResult:
    by_name = {p.name: p for p in runner.projections}
    blocked: set[tuple[UUID, str]] = set()
    applied = 0
    for parked in events:
        pair, target = (parked.tenant_id, parked.projection), by_name.get(parked.projection)
        if pair not in blocked and target is not None and _replayed(runner, conn, target, parked):
            applied += 1
        else:
            blocked.add(pair)  # what follows a failure of the same tenant and projection stays held
    return ReplayResult(applied, len(events) - applied)


def _replayed(runner: ProjectionRunner, conn: Connection, projection: Projection, parked: ParkedEvent) -> bool:
    """Whether the parked event now applies (and is cleared); if not, its new failure is recorded."""
    failure = _replay_one(runner, conn, projection, parked)
    if failure is None:
        runner.parked.clear(conn, parked)
        return True
    runner.parked.record_failure(conn, parked, failure)
    return False


def _replay_one(
    runner: ProjectionRunner, conn: Connection, projection: Projection, parked: ParkedEvent
) -> Failure | None:
    [notification] = runner.app.recorder.select_notifications(parked.notification_id, 1, stop=parked.notification_id)
    event, _, failure = runner.decode(notification)
    if failure is not None:
        return failure
    return runner.apply_in_savepoint(conn, projection, notification, event)
