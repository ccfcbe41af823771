"""Commands on an organisation's risks, its treatment plan and objectives, and on the consultancy's risk method."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID


@dataclass(frozen=True)
class SetRiskMethod:
    """A new version of the consultancy's method: scales as (value, label, description), the matrix as
    (likelihood, impact, level), the acceptance as (level, "owner" or "management")."""

    tenant_id: UUID
    actor_id: UUID
    likelihood: tuple[tuple[int, str, str], ...]
    impact: tuple[tuple[int, str, str], ...]
    levels: tuple[tuple[int, str, str], ...]
    matrix: tuple[tuple[int, int, int], ...]
    acceptance: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class IdentifyRisk:
    """A new risk; `source_library_item` and `source_library_version` name the library scenario it was copied
    from, if it was."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    title: str
    threat: str
    vulnerability: str
    owner_id: UUID
    asset_ids: tuple[UUID, ...] = ()
    source_library_item: UUID | None = None
    source_library_version: int | None = None


@dataclass(frozen=True)
class CopyRiskScenario:
    """A new risk from a scenario of the consultancy's library: its title, threat and vulnerability, with the
    scenario's id and version recorded as its source."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    library_item_id: UUID
    owner_id: UUID
    asset_ids: tuple[UUID, ...] = ()


@dataclass(frozen=True)
class DescribeRisk:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    risk_id: UUID
    title: str
    threat: str
    vulnerability: str
    owner_id: UUID
    asset_ids: tuple[UUID, ...]
    reason: str


@dataclass(frozen=True)
class AssessRisk:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    risk_id: UUID
    likelihood: int
    impact: int
    reason: str | None = None


@dataclass(frozen=True)
class TreatRisk:
    """`controls` are refs of shipped catalogues' controls (`iso27001-2022:5.15`); `own_controls` the
    organisation's own, by name."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    risk_id: UUID
    option: str
    residual_likelihood: int
    residual_impact: int
    controls: tuple[str, ...] = ()
    own_controls: tuple[str, ...] = ()
    reason: str | None = None


@dataclass(frozen=True)
class RecordManagementDecision:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    risk_id: UUID
    reason: str


@dataclass(frozen=True)
class AcceptRisk:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    risk_id: UUID
    reason: str
    until: date


@dataclass(frozen=True)
class CloseRisk:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    risk_id: UUID
    reason: str


@dataclass(frozen=True)
class HoldRiskReview:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    held_on: date
    notes: str | None = None


@dataclass(frozen=True)
class PlanTreatmentAction:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    title: str
    owner: str
    due_on: date
    risk_ids: tuple[UUID, ...] = ()
    controls: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChangeTreatmentActionStatus:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    action_id: UUID
    status: str
    reason: str | None = None


@dataclass(frozen=True)
class SetSecurityObjective:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    title: str
    measure: str
    owner: str
    due_on: date


@dataclass(frozen=True)
class ChangeObjectiveStatus:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    objective_id: UUID
    status: str
    reason: str | None = None
