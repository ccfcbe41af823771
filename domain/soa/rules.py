"""What may be decided and done in a Statement of Applicability: one definition each, for the aggregate and the API."""

from __future__ import annotations

from enum import StrEnum
from uuid import UUID


class InclusionReason(StrEnum):
    """Why an applicable control is included."""

    RISK_TREATMENT = "risk_treatment"
    LEGAL = "legal"
    CONTRACTUAL = "contractual"
    BUSINESS = "business"


class ImplementationStatus(StrEnum):
    NOT_STARTED = "not_started"
    PLANNED = "planned"
    PARTIAL = "partial"
    IMPLEMENTED = "implemented"


class VersionStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"


IMPLEMENTATION_ORDER = tuple(ImplementationStatus)
"""From not started to implemented: what a list sorted by status follows."""


def can_decide(status: str) -> bool:
    """A decision changes the draft only: a submitted version waits for its approval or rejection."""
    return status == VersionStatus.DRAFT


def can_submit(status: str, decided: int) -> bool:
    """A draft with at least one decision."""
    return status == VersionStatus.DRAFT and decided > 0


def can_approve(status: str, submitted_by: UUID | None, actor_id: UUID) -> bool:
    """A submitted version, by someone other than the person who submitted it."""
    return status == VersionStatus.SUBMITTED and submitted_by is not None and submitted_by != actor_id


def can_reject(status: str) -> bool:
    return status == VersionStatus.SUBMITTED


def can_move_edition(status: str, has_correspondence: bool) -> bool:
    """A draft, to an edition the shipped correspondences reach."""
    return status == VersionStatus.DRAFT and has_correspondence
