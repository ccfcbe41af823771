"""What may be decided and done in a Statement of Applicability: one definition each, for the aggregate and the API."""

from __future__ import annotations

from collections.abc import Collection, Sequence
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


def can_submit(status: str, undecided: int, to_review: int) -> bool:
    """A draft in which every control of the catalogue is decided, none left to review."""
    return status == VersionStatus.DRAFT and undecided == 0 and to_review == 0


def can_approve(status: str, submitted_by: UUID | None, authors: Collection[UUID], actor_id: UUID) -> bool:
    """A submitted version, by someone who neither submitted it nor decided any of its controls."""
    return (
        status == VersionStatus.SUBMITTED
        and submitted_by is not None
        and actor_id != submitted_by
        and actor_id not in authors
    )


def missing_for_submission(undecided: Sequence[str], to_review: Sequence[str]) -> str:
    """What keeps a draft from being submitted, with how many and the first identifiers of each."""
    parts = [
        f"{len(found)} {what} ({_first(found)})"
        for found, what in ((undecided, "undecided"), (to_review, "to review"))
        if found
    ]
    return f"Every control is decided before submitting: {' and '.join(parts)}."


FIRST_SHOWN = 5
"""How many identifiers a refusal names before "…"."""


def _first(identifiers: Sequence[str]) -> str:
    shown = ", ".join(identifiers[:FIRST_SHOWN])
    return shown + (", …" if len(identifiers) > FIRST_SHOWN else "")


def can_reject(status: str) -> bool:
    return status == VersionStatus.SUBMITTED


def can_move_edition(status: str, has_correspondence: bool) -> bool:
    """A draft, to an edition the shipped correspondences reach."""
    return status == VersionStatus.DRAFT and has_correspondence
