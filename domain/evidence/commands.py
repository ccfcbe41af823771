"""Commands on an organisation's audit evidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID


@dataclass(frozen=True)
class ExportAuditBundle:
    """An auditor's bundle of the organisation's history between two days (the audit window), both included."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    window_from: date
    window_to: date
