"""Commands on an organisation's management reviews. `organisation_id` is the organisation the member acts for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.reviews.review import PlannedAction


@dataclass(frozen=True)
class PlanReview:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    held_on: date
    chair: str
    attendees: tuple[str, ...]


@dataclass(frozen=True)
class GatherReviewInputs:
    """Reads the registers as they stand now and keeps them with the review."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    review_id: UUID


@dataclass(frozen=True)
class NoteImprovementOpportunity:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    review_id: UUID
    text: str


@dataclass(frozen=True)
class HoldReview:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    review_id: UUID


@dataclass(frozen=True)
class RecordReviewDecision:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    review_id: UUID
    text: str
    how_reached: str
    resources: str
    actions: tuple[PlannedAction, ...] = ()


@dataclass(frozen=True)
class CloseReview:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    review_id: UUID


@dataclass(frozen=True)
class CorrectReviewDecision:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    review_id: UUID
    number: int
    text: str
    how_reached: str
    resources: str
    reason: str


@dataclass(frozen=True)
class ChangeReviewAction:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    review_id: UUID
    number: int
    status: str
    note: str = ""
