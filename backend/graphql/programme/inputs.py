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
    topic: str
    notes: str = ""
    coach_id: strawberry.ID | None = strawberry.field(
        default=None, description="Who coached; the signed-in user when left out."
    )
