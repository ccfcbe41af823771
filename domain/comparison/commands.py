"""Commands on the members' comparison."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class GiveComparisonConsent:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    organisation_id: UUID


@dataclass(frozen=True)
class WithdrawComparisonConsent:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    organisation_id: UUID
