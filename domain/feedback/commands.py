"""Commands on feedback about the cluster's training sessions."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class ShareFeedback:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    session_key: str
    organisation_id: UUID
    kind: str
    text: str
    signed_by: str | None = None


@dataclass(frozen=True)
class WithdrawFeedback:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    item_id: UUID
    acting_organisation_id: UUID


@dataclass(frozen=True)
class HideFeedback:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    item_id: UUID
    reason: str


@dataclass(frozen=True)
class UnhideFeedback:
    """Corrects a hiding: the item is shown again, with the reason."""

    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    item_id: UUID
    reason: str
