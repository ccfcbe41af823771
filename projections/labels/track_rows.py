"""What the label scheme's and tracks' queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.labels.rules import LabelStatus


@dataclass(frozen=True)
class RequirementRow:
    category: str
    key: str
    text: str


@dataclass(frozen=True)
class SchemeVersionRow:
    body_id: UUID
    version: int
    training_title: str
    training_minimum_hours: int
    pass_mark: int
    maximum_attempts: int
    validity_months: int
    renewal_missions: int
    renewal_days: int
    requirements: tuple[RequirementRow, ...]


@dataclass(frozen=True)
class TrackRow:
    """A candidate's track as its body reads it, or as the realm holds it for the professional and their
    evaluator."""

    body_id: UUID
    professional_id: UUID
    track_id: UUID
    body_name: str
    candidate_name: str
    candidate_email: str
    cycle: int
    scheme_version: int
    enrolled_on: date
    training_on: date | None
    training_provider: str | None
    training_evidence: str | None
    training_hours: float | None
    attempts: int
    last_score: int | None
    exam_passed: bool
    evaluator_id: UUID | None
    evaluator_name: str | None
    evaluated_on: date | None
    evaluated_by: UUID | None
    """The coach whose evaluation is in force (the one named may have changed since)."""
    evaluated_mission: str | None
    evaluation_passed: bool | None
    granted_on: date | None
    expires_on: date | None
    period_started_on: date | None
    """The grant, or the last renewal: missions that ended after it count towards the next renewal."""
    suspended_on: date | None
    revoked_on: date | None

    def status_on(self, day: date) -> LabelStatus:
        """As the track says it (`LabelTrack.status_on`), for today's reading: a suspension in force is the last
        one, not reinstated."""
        if self.revoked_on is not None and day >= self.revoked_on:
            return LabelStatus.REVOKED
        if self.granted_on is None or self.expires_on is None or day < self.granted_on:
            return LabelStatus.CANDIDATE
        if day >= self.expires_on:
            return LabelStatus.EXPIRED
        if self.suspended_on is not None and day >= self.suspended_on:
            return LabelStatus.SUSPENDED
        return LabelStatus.VALID


@dataclass(frozen=True)
class TrackHistoryRow:
    position: int
    what: str
    """`enrolled`, `enrolled_again`, `training`, `exam`, `evaluator_named`, `evaluation`, `granted`, `renewed`,
    `suspended`, `reinstated` or `revoked`."""
    on: date | None
    """None for a fact of no day of its own (an evaluator named)."""
    detail: str


@dataclass(frozen=True)
class RatingRow:
    category: str
    key: str
    rating: str
    comment: str
