"""What the risk queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID


@dataclass(frozen=True)
class RiskRow:
    risk_id: UUID
    organisation_id: UUID
    title: str
    threat: str
    vulnerability: str
    owner_id: UUID
    owner_name: str | None
    status: str
    likelihood: int | None
    impact: int | None
    level: int | None
    level_label: str | None
    method_version: int | None
    option: str | None
    residual_likelihood: int | None
    residual_impact: int | None
    residual_level: int | None
    residual_level_label: str | None
    treatment_method_version: int | None
    management_decided: bool
    accepted_until: date | None
    accepted_at: datetime | None
    accepted_reason: str | None
    source_library_item: str | None
    source_library_version: int | None
    identified_at: datetime
    changed_at: datetime
    closed_at: datetime | None
    since_review: str | None
    """`new`, `changed` or `closed` since the register's last review (every risk is new before the first)."""


@dataclass(frozen=True)
class ReviewRow:
    held_on: date
    notes: str
    held_by: str | None
    held_at: datetime


@dataclass(frozen=True)
class RiskPageRows:
    """One page of a register, the number of risks the filters match, and of the whole register."""

    rows: list[RiskRow]
    has_next_page: bool
    total: int
    register: int
    """Open risks, whatever the filters."""
    new: int
    changed: int
    closed: int
    """Since the last review, whatever the filters."""
    last_review: ReviewRow | None


@dataclass(frozen=True)
class RiskAssetRow:
    asset_id: UUID
    name: str
    confidentiality: int | None
    integrity: int | None
    availability: int | None
    scale_version: int | None


@dataclass(frozen=True)
class RiskControlRow:
    """A catalogue's control (`catalogue_id`, `control_id`) or the organisation's own (`name`)."""

    catalogue_id: str | None
    control_id: str | None
    name: str | None


@dataclass(frozen=True)
class RiskEventRow:
    """Something done to a risk: `identified`, `described`, `assessed`, `treated`, `management_decided`,
    `accepted` or `closed`; who did it, when and why."""

    action: str
    details: str
    reason: str | None
    acted_by: str | None
    acted_at: datetime


@dataclass(frozen=True)
class HeatCellRow:
    likelihood: int
    impact: int
    count: int


@dataclass(frozen=True)
class HeatMapRows:
    """Open risks counted by (likelihood, impact): as assessed, and as left by their treatment."""

    inherent: list[HeatCellRow]
    residual: list[HeatCellRow]


@dataclass(frozen=True)
class TreatingRisk:
    """A risk whose treatment chose a control, as the Statement of Applicability lists it: levels by their labels
    on the method the risk was assessed and treated with (None while not assessed or not treated)."""

    risk_id: UUID
    title: str
    level: str | None
    residual_level: str | None
    status: str


@dataclass(frozen=True)
class ActionRow:
    action_id: UUID
    organisation_id: UUID
    title: str
    owner: str
    due_on: date
    status: str
    status_reason: str | None
    risk_ids: tuple[UUID, ...]
    controls: tuple[str, ...]
    planned_at: datetime


@dataclass(frozen=True)
class ObjectiveRow:
    objective_id: UUID
    organisation_id: UUID
    title: str
    measure: str
    owner: str
    due_on: date
    status: str
    status_reason: str | None
    set_at: datetime


@dataclass(frozen=True)
class OwnerRow:
    """A member account of the organisation: who may own a risk."""

    account_id: UUID
    name: str


@dataclass(frozen=True)
class RiskSummary:
    """An organisation's risk register in a few figures, for its ISMS home."""

    open: int = 0
    unassessed: int = 0
    untreated: int = 0
    above_criteria: int = 0
    """Open risks not accepted whose level (residual once treated) is above the acceptance criteria."""
    acceptances_expired: int = 0
    actions_overdue: int = 0
