"""The inputs of the engagement's mutations: coaching, the ceiling and outcomes."""

from __future__ import annotations

from datetime import date

import strawberry

from backend.graphql.clusters.inputs import MemberInput


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


@strawberry.input(description="Corrects an entry of the coaching ledger; the ledger keeps what it said before.")
class CorrectCoachingEntryInput(MemberInput):
    entry_number: int
    held_on: date
    work_done: str
    reason: str
    next_steps: str = ""


@strawberry.input(description="Voids an entry logged by mistake: it no longer counts; the ledger still shows it.")
class VoidCoachingEntryInput(MemberInput):
    entry_number: int
    reason: str
