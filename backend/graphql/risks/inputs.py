"""The inputs of the risk register's mutations."""

from __future__ import annotations

from datetime import date

import strawberry

OPTIONS = "mitigate, accept, transfer or avoid."
CONTROLS = 'Controls of the shipped catalogues as "catalogue:control", e.g. "iso27001-2022:5.15".'


@strawberry.input(description="A new risk. The library fields name the consultancy library's scenario it copies.")
class IdentifyRiskInput:
    organisation_id: strawberry.ID = strawberry.field(description="Your own organisation.")
    title: str
    threat: str
    vulnerability: str
    owner_id: strawberry.ID = strawberry.field(description="A member account of the organisation: it accepts.")
    asset_ids: list[strawberry.ID] = strawberry.field(default_factory=list, description="Of the same inventory.")
    source_library_item: strawberry.ID | None = strawberry.field(
        default=None, description="The library's risk scenario, threat or vulnerability it copies."
    )
    source_library_version: int | None = None


@strawberry.input(description="A new risk copied from a risk scenario of the consultancy's library.")
class CopyRiskScenarioInput:
    organisation_id: strawberry.ID = strawberry.field(description="Your own organisation.")
    library_item_id: strawberry.ID = strawberry.field(description="A risk scenario of the library, not retired.")
    owner_id: strawberry.ID = strawberry.field(description="A member account of the organisation: it accepts.")
    asset_ids: list[strawberry.ID] = strawberry.field(default_factory=list, description="Of the same inventory.")


@strawberry.input(description="What a risk is, whom it belongs to and what it concerns; every field as it is to be.")
class ChangeRiskInput:
    risk_id: strawberry.ID
    title: str
    threat: str
    vulnerability: str
    owner_id: strawberry.ID
    asset_ids: list[strawberry.ID]
    reason: str


@strawberry.input(description="Levels on the consultancy's current risk method.")
class AssessRiskInput:
    risk_id: strawberry.ID
    likelihood: int
    impact: int
    reason: str | None = strawberry.field(default=None, description="Required for a re-assessment.")


@strawberry.input
class TreatRiskInput:
    risk_id: strawberry.ID
    option: str = strawberry.field(description=OPTIONS)
    residual_likelihood: int
    residual_impact: int
    controls: list[str] = strawberry.field(default_factory=list, description=CONTROLS)
    own_controls: list[str] = strawberry.field(default_factory=list, description="The organisation's own, by name.")
    reason: str | None = None


@strawberry.input(description="Management lets a risk above the acceptance criteria be accepted, saying why.")
class RiskDecisionInput:
    risk_id: strawberry.ID
    reason: str


@strawberry.input(description="The risk's owner accepts what remains of it, until a day.")
class AcceptRiskInput:
    risk_id: strawberry.ID
    reason: str
    until: date


@strawberry.input(description="Takes the risk out of the register, saying why; its history stays.")
class CloseRiskInput:
    risk_id: strawberry.ID
    reason: str


@strawberry.input(description="The register was reviewed on a day: the next review shows what changed since.")
class HoldRiskReviewInput:
    organisation_id: strawberry.ID
    held_on: date
    notes: str | None = None


@strawberry.input
class PlanTreatmentActionInput:
    organisation_id: strawberry.ID
    title: str
    owner: str = strawberry.field(description="A person's name or a role.")
    due_on: date
    risk_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    controls: list[str] = strawberry.field(default_factory=list, description=CONTROLS)


@strawberry.input
class ChangeTreatmentActionStatusInput:
    action_id: strawberry.ID
    status: str = strawberry.field(description="planned, in_progress, done or cancelled.")
    reason: str | None = None


@strawberry.input(description="A security objective (ISO/IEC 27001 6.2): what is to be reached, how it is measured.")
class SetSecurityObjectiveInput:
    organisation_id: strawberry.ID
    title: str
    measure: str = strawberry.field(description="The target and how it is measured.")
    owner: str
    due_on: date


@strawberry.input
class ChangeSecurityObjectiveStatusInput:
    objective_id: strawberry.ID
    status: str = strawberry.field(description="planned, in_progress, achieved or cancelled.")
    reason: str | None = None


@strawberry.input
class RiskLevelInput:
    value: int = strawberry.field(description="1, 2, 3, … in order.")
    label: str
    description: str


@strawberry.input(description="The level of one (likelihood, impact) pair.")
class RiskMatrixCellInput:
    likelihood: int
    impact: int
    level: int


@strawberry.input(description='Who may accept a risk of a level: "owner" alone, or only after "management" decides.')
class RiskAcceptanceInput:
    level: int
    accepted_by: str


@strawberry.input(description="A new version of the method; past assessments keep theirs. The matrix is complete.")
class SetRiskMethodInput:
    likelihood: list[RiskLevelInput]
    impact: list[RiskLevelInput]
    levels: list[RiskLevelInput]
    matrix: list[RiskMatrixCellInput]
    acceptance: list[RiskAcceptanceInput]
