"""The inputs of the change log's mutations. The organisation is the acting member account's own."""

from __future__ import annotations

from datetime import date

import strawberry


@strawberry.input(description="A change for the log; it takes the log's next number.")
class FileChangeInput:
    owner_id: strawberry.ID = strawberry.field(description="A member account of the organisation.")
    initiator: str
    hostname: str
    description: str
    category: str = strawberry.field(description="standard, normal, emergency or non_operational.")
    risk: str = strawberry.field(description="low, medium or high.")
    cause: str | None = strawberry.field(default=None, description="In words; or name the ticket, or both.")
    ticket: str | None = None
    configuration: str | None = strawberry.field(
        default=None, description="The configuration change itself; required for a productive change."
    )
    standard_change_id: strawberry.ID | None = strawberry.field(
        default=None, description="The catalogue's standard change: required for a standard change, else refused."
    )


@strawberry.input
class ChangeIdInput:
    change_id: strawberry.ID


@strawberry.input(description="When the change runs and how it is undone if it fails.")
class ScheduleChangeInput:
    change_id: strawberry.ID
    scheduled_for: date
    fallback: str


@strawberry.input(description="The day the change ran and whether it succeeded.")
class RecordChangeExecutionInput:
    change_id: strawberry.ID
    executed_on: date
    succeeded: bool
    notes: str | None = None


@strawberry.input(description="Every member of the board, at once: member accounts of the organisation.")
class NameChangeAdvisoryBoardInput:
    member_ids: list[strawberry.ID]


@strawberry.input
class DefineStandardChangeInput:
    title: str
    procedure: str
