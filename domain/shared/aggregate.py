"""The base of every aggregate: each event carries its tenant and the user who caused it."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Transcoding

CORDEE_NAMESPACE = UUID("6c0f3e0e-4a8f-5b52-9d0e-2a6f1c0d8b11")
"""Root namespace of Cordee's name-based ids (uuid5). Never change it: ids in stored events derive from it."""

SYSTEM_ACTOR = uuid5(CORDEE_NAMESPACE, "actor:system")
"""The acting user recorded for operations run from the command line (set-up, demo seeding)."""


def tenant_scoped_id(tenant_id: UUID, kind: str, key: str) -> UUID:
    """A name-based id inside the tenant's own namespace, so equal names in two tenants never collide."""
    return uuid5(tenant_id, f"{kind}:{key}")


class TenantAggregate(Aggregate):
    """An aggregate owned by one tenant.

    The creating method takes `tenant_id` and `actor_id`; every later event method takes `actor_id`, and the
    tenant is stamped on the event here, so no event can be stored without both.
    """

    tenant_id: UUID

    class Event(Aggregate.Event):
        tenant_id: UUID

    def trigger_event(self, event_class: Any, **kwargs: Any) -> None:
        kwargs.setdefault("tenant_id", self.tenant_id)
        super().trigger_event(event_class, **kwargs)


class DateAsISO(Transcoding):
    """Stores business dates (a session was held on …) as ISO 8601 text."""

    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)
