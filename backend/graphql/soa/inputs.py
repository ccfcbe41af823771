"""The inputs of the Statement of Applicability's mutations: each names the organisation whose statement it is."""

from __future__ import annotations

import strawberry


@strawberry.input(description="Starts the organisation's statement on a catalogue (its id and version are kept).")
class StartSoaInput:
    organisation_id: strawberry.ID
    catalogue: str = strawberry.field(description='The catalogue\'s id: "iso27001-2022" or "iso27001-2005".')


@strawberry.input(description="A decision on one control: justified either way.")
class DecideSoaControlInput:
    organisation_id: strawberry.ID
    control: str = strawberry.field(description="The control's id in the statement's catalogue, e.g. \"5.1\".")
    applicable: bool
    justification: str = strawberry.field(
        description="Why it is included (with the reasons), or why it does not apply. Required either way."
    )
    reasons: list[str] = strawberry.field(
        default_factory=list,
        description='Applicable only, at least one: "risk_treatment", "legal", "contractual", "business".',
    )
    implementation: str | None = strawberry.field(
        default=None, description='Applicable only: "not_started", "planned", "partial" or "implemented".'
    )
    evidence: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Documents of the same organisation that show it (at most 20)."
    )


@strawberry.input
class SoaVersionInput:
    organisation_id: strawberry.ID
    version: int


@strawberry.input(description="Sends a submitted version back to draft, saying why.")
class RejectSoaVersionInput(SoaVersionInput):
    reason: str


@strawberry.input(description="Moves a draft statement to another edition through the shipped correspondence.")
class MoveSoaInput:
    organisation_id: strawberry.ID
    catalogue: str = strawberry.field(description="The catalogue's id to move to.")
