"""The inputs of ITIL declarations."""

from __future__ import annotations

from datetime import date

import strawberry

from backend.graphql.assessment.inputs import LevelInput


@strawberry.input
class DeclareItilPracticeInput:
    organisation_id: strawberry.ID
    item: str = strawberry.field(description="A key of `itilItems`: an ITIL step (step-1 … step-6) or a practice.")
    evidence: str = strawberry.field(description="How the organisation runs it, and where that shows.")
    document_id: strawberry.ID | None = strawberry.field(
        default=None, description="One of the organisation's documents that shows it."
    )


@strawberry.input
class WithdrawItilPracticeInput:
    organisation_id: strawberry.ID
    item: str
    reason: str


@strawberry.input
class ConfirmItilGapProposalsInput:
    cluster_id: strawberry.ID
    organisation_id: strawberry.ID
    visited_on: date
    analysed_on: date
    clause_levels: list[LevelInput] = strawberry.field(description="Each clause's level: the proposed or corrected.")
    theme_levels: list[LevelInput]
