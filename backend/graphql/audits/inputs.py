"""The inputs of the internal audits' mutations."""

from __future__ import annotations

from datetime import date

import strawberry

REFERENCE = "A clause of ISO/IEC 27001 (9.2) or an Annex A control with its A. (A.5.15)."
KINDS = "major_nonconformity, minor_nonconformity, observation or opportunity."


@strawberry.input(description="A clause or control the programme audits, and the account answerable for it.")
class AuditAreaInput:
    reference: str = strawberry.field(description=REFERENCE)
    owner_id: strawberry.ID = strawberry.field(
        description="An account of the organisation, or a coach or admin of the consultancy."
    )


@strawberry.input(description="The organisation's audit programme for a year: one per year.")
class PlanAuditProgrammeInput:
    organisation_id: strawberry.ID
    year: int
    areas: list[AuditAreaInput]
    objectives: str | None = None


@strawberry.input(description="The programme's areas and objectives, as they are to be, and why.")
class ReviseAuditProgrammeInput:
    programme_id: strawberry.ID
    areas: list[AuditAreaInput]
    reason: str
    objectives: str | None = None


@strawberry.input(description="An audit of some of the programme's areas, by an auditor who owns none of them.")
class PlanAuditInput:
    programme_id: strawberry.ID
    title: str
    scope: list[str] = strawberry.field(description="Areas of the programme, by their reference.")
    criteria: str = strawberry.field(description="What the areas are audited against.")
    planned_on: date = strawberry.field(description="A day of the programme's year.")
    auditor_id: strawberry.ID


@strawberry.input(description="A finding of the auditor's.")
class RecordAuditFindingInput:
    audit_id: strawberry.ID
    kind: str = strawberry.field(description=KINDS)
    reference: str = strawberry.field(description=REFERENCE)
    statement: str
    evidence: str


@strawberry.input(description="Raises a nonconformity of the register from a major or minor finding, linked to it.")
class RaiseNonconformityFromFindingInput:
    audit_id: strawberry.ID
    finding_id: strawberry.ID
    title: str


@strawberry.input(description="The audit held, its conclusion written: its report is final.")
class CompleteAuditInput:
    audit_id: strawberry.ID
    held_on: date
    conclusion: str
