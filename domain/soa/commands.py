"""Commands on an organisation's Statement of Applicability. `organisation_id` names the organisation whose it is."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID


@dataclass(frozen=True)
class StartStatement:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    catalogue_id: str


@dataclass(frozen=True)
class DecideControl:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    control_id: str
    applicable: bool
    justification: str
    reasons: tuple[str, ...] = ()
    implementation: str | None = None
    evidence: tuple[UUID, ...] = field(default=())


@dataclass(frozen=True)
class SubmitStatement:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    version: int


@dataclass(frozen=True)
class ApproveStatement:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    version: int


@dataclass(frozen=True)
class RejectStatement:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    version: int
    reason: str


@dataclass(frozen=True)
class MoveStatementToEdition:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    catalogue_id: str
