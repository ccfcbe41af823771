"""Commands on an organisation's competence and awareness records."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID


@dataclass(frozen=True)
class RecordTraining:
    """Someone of the organisation took a training: `account_id` names one of its member accounts, or
    `person_name` a person without one; `document_id` may name one of its documents as evidence."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    course: str
    completed_on: date
    provider: str
    account_id: UUID | None = None
    person_name: str | None = None
    evidence: str | None = None
    document_id: UUID | None = None


@dataclass(frozen=True)
class WithdrawTraining:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    training_id: UUID
    reason: str


@dataclass(frozen=True)
class RunAwarenessCampaign:
    """An awareness campaign the organisation ran: its title, date, audience, material and who took part."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    title: str
    held_on: date
    audience: str
    material: str
    participants: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class WithdrawAwarenessCampaign:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    campaign_id: UUID
    reason: str
