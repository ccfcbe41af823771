"""Commands on an organisation's Statement of Applicability. `organisation_id` names the organisation whose it is."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from domain.soa.rules import ImplementationStatus, InclusionReason


@dataclass(frozen=True)
class StartStatement:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    catalogue: str
    """The catalogue's id, e.g. "iso27001-2022"."""


@dataclass(frozen=True)
class DecideControl:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    control: str
    """The control's id in the statement's catalogue, e.g. "5.1" or "A.5.1.1"."""
    applicable: bool
    justification: str
    reasons: tuple[InclusionReason, ...] = ()
    implementation: ImplementationStatus | None = None
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
    catalogue: str
    """The catalogue's id, e.g. "iso27001-2022"."""
