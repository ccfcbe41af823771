"""The inputs of the cluster's mutations: membership, the plan and sessions."""

from __future__ import annotations

from datetime import date

import strawberry


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
    on_day_off: bool = strawberry.field(
        default=False, description="Confirms a move onto a weekend or a public holiday of a member concerned."
    )


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


@strawberry.input(description="Retracts a period declared by mistake; the reason is kept with the retraction.")
class RetractUnavailabilityInput(MemberInput):
    starts_on: date = strawberry.field(description="The first day of the period, which names it.")
    reason: str


@strawberry.input(description="A correction of a session: undoing its holding, or restoring it once cancelled.")
class CorrectSessionInput:
    cluster_id: strawberry.ID
    session_key: str
    reason: str


@strawberry.input(description="A cluster's new name and coach (either may stay as it is), and why they change.")
class ChangeClusterDetailsInput:
    cluster_id: strawberry.ID
    name: str
    coach_id: strawberry.ID
    reason: str
