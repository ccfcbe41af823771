"""The inputs of ITIL declarations."""

from __future__ import annotations

import strawberry


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
