"""The inputs of the nonconformity register's mutations."""

from __future__ import annotations

from datetime import date

import strawberry


@strawberry.input(description="A nonconformity found in an audit, an incident, a management review or by anyone.")
class RaiseNonconformityInput:
    organisation_id: strawberry.ID
    title: str
    description: str
    severity: str = strawberry.field(description="major or minor.")
    source_kind: str = strawberry.field(description="audit, incident, review or other.")
    source_reference: str | None = strawberry.field(default=None, description="The source's id or a ticket number.")


@strawberry.input(description="Its root cause, and the correction made at once.")
class AnalyseNonconformityInput:
    nonconformity_id: strawberry.ID
    root_cause: str
    correction: str | None = None


@strawberry.input(description="A corrective action against the root cause.")
class PlanCorrectiveActionInput:
    nonconformity_id: strawberry.ID
    description: str
    owner_id: strawberry.ID = strawberry.field(
        description="An account of the organisation, or a coach or admin of the consultancy."
    )
    due_on: date


@strawberry.input
class CompleteCorrectiveActionInput:
    nonconformity_id: strawberry.ID
    action_id: strawberry.ID
    completed_on: date
    note: str | None = None


@strawberry.input(description="By someone other than the action's owner, once it is completed.")
class VerifyActionEffectivenessInput:
    nonconformity_id: strawberry.ID
    action_id: strawberry.ID
    effective: bool
    evidence: str


@strawberry.input(description="Once analysed and each corrective action verified effective.")
class CloseNonconformityInput:
    nonconformity_id: strawberry.ID
    note: str | None = None
