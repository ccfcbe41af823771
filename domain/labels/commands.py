"""Commands on the labelling body's scheme and on its candidates' label tracks. A track is named by the candidate
professional's id; the labelling body's user acting is `actor_id`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.labels.missions import MissionFacts
from domain.labels.scheme import SchemeGiven
from domain.labels.track import CoachedMission, RatingGiven


@dataclass(frozen=True)
class PublishLabelScheme:
    """The scheme's first version, or a new one: tracks already enrolled keep theirs."""

    tenant_id: UUID
    actor_id: UUID
    scheme: SchemeGiven


@dataclass(frozen=True)
class EnrolCandidate:
    """A professional enrolled on the scheme; their name and e-mail (as the body enrols them) and the body's
    name are recorded with it when given, for the body's lists and the professional's own view."""

    tenant_id: UUID
    actor_id: UUID
    professional_id: UUID
    enrolled_on: date
    candidate_name: str = ""
    candidate_email: str = ""
    body_name: str = ""


@dataclass(frozen=True)
class RecordLabelTraining:
    """The scheme's training, attended: when, with whom, its evidence (a certificate's reference, a note) and its
    hours, at least the version's minimum."""

    tenant_id: UUID
    actor_id: UUID
    professional_id: UUID
    attended_on: date
    provider: str
    evidence: str
    hours: float


@dataclass(frozen=True)
class RecordExamAttempt:
    """An attempt at the exam and its score in percent; passed or failed by the candidate's version's pass mark."""

    tenant_id: UUID
    actor_id: UUID
    professional_id: UUID
    sat_on: date
    score: int


@dataclass(frozen=True)
class EvaluateFirstMission:
    """A coach's evaluation of the candidate's first mission: `evaluator_id` is the coach's professional id, never
    the candidate's; a rating and a comment for every requirement of the four categories."""

    tenant_id: UUID
    actor_id: UUID
    professional_id: UUID
    evaluator_id: UUID
    mission: str
    evaluated_on: date
    ratings: tuple[RatingGiven, ...]


@dataclass(frozen=True)
class NameEvaluator:
    """The coach the labelling body asks to evaluate the candidate's first mission: a professional, never the
    candidate; only they evaluate it once named."""

    tenant_id: UUID
    actor_id: UUID
    professional_id: UUID
    evaluator_id: UUID
    evaluator_name: str


@dataclass(frozen=True)
class GrantLabel:
    tenant_id: UUID
    actor_id: UUID
    professional_id: UUID
    granted_on: date


@dataclass(frozen=True)
class RenewLabel:
    """A renewal, given the missions the professional coached as the consultancies attested them."""

    tenant_id: UUID
    actor_id: UUID
    professional_id: UUID
    renewed_on: date
    missions: tuple[CoachedMission, ...]


@dataclass(frozen=True)
class SuspendLabel:
    tenant_id: UUID
    actor_id: UUID
    professional_id: UUID
    suspended_on: date
    reason: str


@dataclass(frozen=True)
class ReinstateLabel:
    tenant_id: UUID
    actor_id: UUID
    professional_id: UUID
    reinstated_on: date
    reason: str


@dataclass(frozen=True)
class RevokeLabel:
    tenant_id: UUID
    actor_id: UUID
    professional_id: UUID
    revoked_on: date
    reason: str


@dataclass(frozen=True)
class AttestMission:
    """A consultancy attests that a professional coached one member of one of its clusters, with exactly the facts
    a portfolio shows (`MissionFacts`); the caller gathers them from the consultancy's own records."""

    tenant_id: UUID
    actor_id: UUID
    professional_id: UUID
    cluster_id: UUID
    organisation_id: UUID
    facts: MissionFacts


@dataclass(frozen=True)
class CorrectMissionAttestation:
    tenant_id: UUID
    actor_id: UUID
    mission_id: UUID
    facts: MissionFacts
    reason: str


@dataclass(frozen=True)
class WithdrawMissionAttestation:
    tenant_id: UUID
    actor_id: UUID
    mission_id: UUID
    reason: str
