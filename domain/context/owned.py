"""The base of the context's aggregates: every event names the organisation the item belongs to, so that each read
row is found by its organisation (the key the visibility filter and the lists use) without a lookup."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.shared.aggregate import TenantAggregate


class OrganisationOwned(TenantAggregate):
    organisation_id: UUID

    class Event(TenantAggregate.Event):
        organisation_id: UUID

    def trigger_event(self, event_class: Any, **kwargs: Any) -> None:
        kwargs.setdefault("organisation_id", self.organisation_id)
        super().trigger_event(event_class, **kwargs)
