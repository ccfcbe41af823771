"""The inputs of the competence register's mutations."""

from __future__ import annotations

from datetime import date

import strawberry


@strawberry.input(description="A training someone of your organisation took: an account of it, or a person named.")
class RecordTrainingInput:
    organisation_id: strawberry.ID = strawberry.field(description="Your own organisation.")
    course: str
    completed_on: date
    provider: str = strawberry.field(description="Who gave it: a school, a supplier, a colleague.")
    account_id: strawberry.ID | None = strawberry.field(default=None, description="A member account of yours.")
    person_name: str | None = strawberry.field(default=None, description="Someone without an account.")
    evidence: str | None = strawberry.field(default=None, description="A certificate number, an attendance list.")
    document_id: strawberry.ID | None = strawberry.field(default=None, description="One of your documents.")


@strawberry.input
class WithdrawTrainingInput:
    training_id: strawberry.ID
    reason: str


@strawberry.input(description="An awareness campaign your organisation ran.")
class RunAwarenessCampaignInput:
    organisation_id: strawberry.ID = strawberry.field(description="Your own organisation.")
    title: str
    held_on: date
    audience: str
    material: str
    participants: list[str] = strawberry.field(default_factory=list, description="The names of who took part.")


@strawberry.input
class WithdrawAwarenessCampaignInput:
    campaign_id: strawberry.ID
    reason: str
