"""Inputs of the programme's mutations."""

from __future__ import annotations

from datetime import date

import strawberry


@strawberry.input
class RegisterOrganisationInput:
    name: str
    sector: str
    employee_count: int


@strawberry.input
class FormClusterInput:
    name: str
    coach_id: strawberry.ID
    planned_start: date | None = None
    planned_end: date | None = None


@strawberry.input(description="Evidence for each criterion; a criterion without evidence is not met.")
class AdmissionCriteriaInput:
    small_enterprise: str
    management_commitment: str
    resources_available: str


@strawberry.input
class AdmitOrganisationInput:
    cluster_id: strawberry.ID
    organisation_id: strawberry.ID
    criteria: AdmissionCriteriaInput


@strawberry.input
class StartClusterInput:
    cluster_id: strawberry.ID
    started_on: date


@strawberry.input
class LogCoachingHalfDayInput:
    cluster_id: strawberry.ID
    organisation_id: strawberry.ID
    held_on: date
    work_done: str
    next_steps: str = ""
    module_number: int | None = strawberry.field(default=None, description="The module this half-day follows up.")
    coach_id: strawberry.ID | None = strawberry.field(
        default=None, description="Who coached; the signed-in user when left out."
    )


@strawberry.input
class MemberInput:
    cluster_id: strawberry.ID
    organisation_id: strawberry.ID


@strawberry.input
class WithdrawMemberInput(MemberInput):
    withdrawn_on: date
    reason: str


@strawberry.input
class DeclareUnavailabilityInput(MemberInput):
    starts_on: date
    ends_on: date
    reason: str


@strawberry.input
class AcceptPlanInput:
    cluster_id: strawberry.ID
    starts_on: date
    fingerprint: str | None = strawberry.field(
        default=None, description="The proposal's fingerprint as shown; a changed proposal is then a conflict."
    )


@strawberry.input
class MoveSessionInput:
    cluster_id: strawberry.ID
    session_key: str
    on: date
    half_day: str = "morning"
    reason: str = ""


@strawberry.input
class AttendanceInput:
    organisation_id: strawberry.ID
    attendees: list[str]


@strawberry.input
class HoldSessionInput:
    cluster_id: strawberry.ID
    session_key: str
    held_on: date
    half_days: int
    attendance: list[AttendanceInput] = strawberry.field(
        default_factory=list, description="Who came from each member; a member not listed was absent."
    )


@strawberry.input
class CancelSessionInput:
    cluster_id: strawberry.ID
    session_key: str
    reason: str


@strawberry.input
class CloseClusterInput:
    cluster_id: strawberry.ID
    closed_on: date


@strawberry.input
class RaiseCoachingCeilingInput(MemberInput):
    additional_half_days: int
    reason: str


@strawberry.input
class RecordIsmsEstablishedInput(MemberInput):
    established_on: date


@strawberry.input
class PlanCertificationAuditInput(MemberInput):
    audit_on: date
    certification_body: str


@strawberry.input
class RecordCertifiedInput(MemberInput):
    certified_on: date
    certificate_reference: str


@strawberry.input
class LevelInput:
    area: str = strawberry.field(
        description='A clause "4" to "10", or a theme: organisational, people, physical, technological.'
    )
    level: int


@strawberry.input
class AssessGapInput(MemberInput):
    visited_on: date
    analysed_on: date
    clause_levels: list[LevelInput]
    theme_levels: list[LevelInput]


@strawberry.input
class ShareFeedbackInput:
    cluster_id: strawberry.ID
    session_key: str
    kind: str = strawberry.field(description='"worked" or "hard".')
    text: str
    signed: bool = strawberry.field(default=False, description="Sign with your name; otherwise the item is anonymous.")


@strawberry.input
class FeedbackItemInput:
    cluster_id: strawberry.ID
    item_id: strawberry.ID


@strawberry.input
class HideFeedbackInput(FeedbackItemInput):
    reason: str
