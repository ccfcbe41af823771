"""The bundles exported for an organisation's auditors: one stream per organisation, an event per export.

Exporting a bundle is itself a fact of the history: who exported which window, and when. The n-th export is the
stream's event of version n + 1 (the first event opens the stream); the bundle proves its events against the
first checkpoint signed after that event, and its log's consistency with the previous export's checkpoint.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.calendar import business_date, stated_today
from domain.shared.errors import ValidationFailed

LONGEST_WINDOW = timedelta(days=3 * 366)
"""A certification cycle is three years: a longer window is a mistake, not an audit."""


def audit_bundles_id(tenant_id: UUID, organisation_id: UUID) -> UUID:
    return tenant_scoped_id(tenant_id, "audit-bundles", str(organisation_id))


def export_version(number: int) -> int:
    """The stream version of the n-th export's event."""
    return number + 1


class AuditBundles(TenantAggregate):
    @classmethod
    def open(cls, tenant_id: UUID, actor_id: UUID, organisation_id: UUID) -> AuditBundles:
        return cls(tenant_id=tenant_id, actor_id=actor_id, organisation_id=organisation_id)

    @staticmethod
    def create_id(tenant_id: UUID, organisation_id: UUID, **_: Any) -> UUID:
        return audit_bundles_id(tenant_id, organisation_id)

    @event("Opened")
    def __init__(self, tenant_id: UUID, actor_id: UUID, organisation_id: UUID) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.exported = 0

    def export(self, actor_id: UUID, window_from: date, window_to: date) -> int:
        """Records the export; returns its number."""
        window_from, window_to = business_date("window_from", window_from), business_date("window_to", window_to)
        if window_from > window_to:
            raise ValidationFailed("window_from", "The window starts after it ends.")
        today = stated_today()
        if today is not None and window_to > today:
            raise ValidationFailed("window_to", "The window ends in the future: nothing is recorded there yet.")
        if window_to - window_from > LONGEST_WINDOW:
            raise ValidationFailed("window_from", "A window covers at most three years (a certification cycle).")
        self._exported(actor_id, self.organisation_id, self.exported + 1, window_from, window_to)
        return self.exported

    @event("Exported")
    def _exported(self, actor_id: UUID, organisation_id: UUID, number: int, window_from: date, window_to: date) -> None:
        self.exported = number
