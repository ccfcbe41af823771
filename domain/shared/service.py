"""The base of Cordee's application service: tenant-checked loading and conflict-aware saving."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, JSONTranscoder

from domain.shared.aggregate import DateAsISO, TenantAggregate
from domain.shared.errors import Conflict, NotFound

A = TypeVar("A", bound=TenantAggregate)


@dataclass(frozen=True)
class Saved:
    """What a command wrote: the aggregate it concerns and the position of its last event in the log."""

    aggregate_id: UUID
    position: int
    first_position: int = 0
    """The position of its first event: a command's events lie from `first_position` to `position`."""


class CommandService(Application[UUID]):
    name = "cordee"

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    def get(self, kind: type[A], tenant_id: UUID, aggregate_id: UUID, field: str = "id") -> A:
        """The aggregate if it exists in this tenant; otherwise NotFound, whether missing or foreign."""
        try:
            aggregate: Any = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            aggregate = None
        if not isinstance(aggregate, kind) or aggregate.tenant_id != tenant_id:
            raise NotFound(f"No {kind.__name__.lower()} with this id.", field)
        return aggregate

    def exists(self, kind: type[A], tenant_id: UUID, aggregate_id: UUID) -> bool:
        try:
            self.get(kind, tenant_id, aggregate_id)
        except NotFound:
            return False
        return True

    def save_new(self, aggregate: TenantAggregate, field: str, message: str) -> Saved:
        return self.save_changes(aggregate, on_conflict=lambda: Conflict(message, field))

    def save_changes(
        self, aggregate: TenantAggregate, *also: TenantAggregate, on_conflict: Callable[[], Conflict] | None = None
    ) -> Saved:
        """Saves the aggregate's new events, and those of `also` in the same transaction: all, or none on a conflict."""
        try:
            recordings = self.save(aggregate, *also)
        except IntegrityError:
            if on_conflict is not None:
                raise on_conflict() from None
            raise Conflict("Someone else changed this at the same moment. Reload and try again.") from None
        positions = [r.notification.id for r in recordings]
        return Saved(aggregate.id, max(positions, default=0), min(positions, default=0))
