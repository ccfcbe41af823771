"""GraphQL shapes of an organisation's change log, its Change Advisory Board and its standard changes."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Annotated
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.changes.actions import (
    APPROVE_CHANGE,
    CONSENT_TO_CHANGE,
    DEFINE_STANDARD_CHANGE,
    EXECUTE_CHANGE,
    FILE_CHANGE,
    NAME_BOARD,
    SCHEDULE_CHANGE,
)
from backend.graphql.core.context import Context
from backend.graphql.core.errors import NotFoundError, Refusal, ValidationError
from backend.graphql.core.pagination import PageInfo
from backend.policy import may
from domain.changes.rules import can_approve, can_consent, can_schedule, is_four_eyes, missing_before_execution
from projections.changes.rows import ChangeRow


@strawberry.enum(description="How the change log is sorted: by its numbers.")
class ChangeOrder(Enum):
    NEWEST = "newest"
    OLDEST = "oldest"


@strawberry.type(description="What the viewer may do to a change now.")
class ChangeViewerCan:
    approve: bool = strawberry.field(description="Not its owner (four-eye principle), not a standard change.")
    consent: bool = strawberry.field(description="A member of the board, on an emergency change not yet consented.")
    schedule: bool
    execute: bool
    execution_awaits: str | None = strawberry.field(
        description="What the change still lacks before it may run; null when nothing."
    )


@strawberry.type(description="What the viewer may do with the organisation's change log.")
class ChangeLogViewerCan:
    file: bool
    name_board: bool
    define_standard_change: bool


@strawberry.type
class ChangeEvent:
    action: str
    details: str
    acted_by: str | None
    acted_at: datetime


@strawberry.type(description="A member of the Change Advisory Board's consent to an emergency change.")
class ChangeConsent:
    member_id: strawberry.ID
    name: str | None
    consented_on: date


@strawberry.type(description="A change of the log, in the columns of the paper, then its schedule and fallback.")
class Change:
    id: strawberry.ID
    organisation_id: strawberry.ID
    number: int = strawberry.field(description="The log's incremental id: per organisation, never repeated or skipped.")
    owner_id: strawberry.ID
    owner_name: str | None
    initiator: str
    cause: str
    ticket: str
    hostname: str
    description: str
    configuration: str
    category: str = strawberry.field(description="standard, normal (regular), emergency or non_operational.")
    risk: str = strawberry.field(description="low, medium or high.")
    standard_change_id: str | None
    standard_change_title: str | None
    approver_name: str | None
    approved_on: date | None
    executed_on: date | None
    succeeded: bool | None
    scheduled_for: date | None
    fallback: str | None
    execution_notes: str | None
    status: str = strawberry.field(description="filed, approved, scheduled, succeeded or failed.")
    consent_count: int
    filed_on: date
    row: strawberry.Private[ChangeRow]

    @classmethod
    def from_row(cls, row: ChangeRow) -> Change:
        return cls(
            id=strawberry.ID(str(row.change_id)),
            organisation_id=strawberry.ID(str(row.organisation_id)),
            owner_id=strawberry.ID(str(row.owner_id)),
            **{name: getattr(row, name) for name in _PLAIN},
            row=row,
        )

    @strawberry.field(description="Filed first, then every step, oldest first.")
    def history(self, info: Info[Context, None]) -> list[ChangeEvent]:
        rows = info.context.services.queries.changes.history(info.context.scope, self.row.change_id)
        return [
            ChangeEvent(action=r.action, details=r.details, acted_by=r.actor_name, acted_at=r.acted_at) for r in rows
        ]

    @strawberry.field(description="The board members' consents to an emergency change.")
    def consents(self, info: Info[Context, None]) -> list[ChangeConsent]:
        rows = info.context.services.queries.changes.consents(info.context.scope, self.row.change_id)
        return [
            ChangeConsent(member_id=strawberry.ID(str(r.member_id)), name=r.name, consented_on=r.consented_on)
            for r in rows
        ]

    @strawberry.field
    def viewer_can(self, info: Info[Context, None]) -> ChangeViewerCan:
        return on_change(info, self.row)


_PLAIN = tuple(
    name
    for name in Change.__annotations__
    if name not in ("id", "organisation_id", "owner_id", "row") and name in ChangeRow.__dataclass_fields__
)


def on_change(info: Info[Context, None], row: ChangeRow) -> ChangeViewerCan:
    p, queries, scope = info.context.signed_in, info.context.services.queries.changes, info.context.scope
    org, executed = row.organisation_id, row.succeeded is not None
    board = {member.member_id for member in queries.board(scope, org)}
    consents = {consent.member_id for consent in queries.consents(scope, row.change_id)}
    approved = row.approved_on is not None
    awaits = None if executed else missing_before_execution(
        row.category, approved, row.scheduled_for is not None, board, consents
    )  # fmt: skip
    return ChangeViewerCan(
        approve=may(p, APPROVE_CHANGE, org)
        and can_approve(row.category, approved, executed)
        and is_four_eyes(p.account_id, row.owner_id),
        consent=may(p, CONSENT_TO_CHANGE, org)
        and can_consent(row.category, executed)
        and p.account_id in board
        and p.account_id not in consents,
        schedule=may(p, SCHEDULE_CHANGE, org) and can_schedule(executed),
        execute=may(p, EXECUTE_CHANGE, org) and not executed and awaits is None,
        execution_awaits=awaits,
    )


def on_log(info: Info[Context, None], organisation_id: UUID) -> ChangeLogViewerCan:
    p = info.context.signed_in
    return ChangeLogViewerCan(
        file=may(p, FILE_CHANGE, organisation_id),
        name_board=may(p, NAME_BOARD, organisation_id),
        define_standard_change=may(p, DEFINE_STANDARD_CHANGE, organisation_id),
    )


@strawberry.type
class ChangeEdge:
    cursor: str
    node: Change


@strawberry.type(description="The change log, by page.")
class ChangeConnection:
    edges: list[ChangeEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="The changes matching the filters.")
    viewer_can: ChangeLogViewerCan


@strawberry.type
class ChangeBoardMember:
    id: strawberry.ID
    name: str | None


@strawberry.type(description="A duty defined up front as a standard change: pre-approved.")
class StandardChange:
    id: strawberry.ID
    title: str
    procedure: str


@strawberry.type(description="The organisation's Change Advisory Board and its catalogue of standard changes.")
class ChangeRules:
    board: list[ChangeBoardMember] = strawberry.field(
        description="Every member consents before an emergency change runs (unanimity)."
    )
    standard_changes: list[StandardChange]
    viewer_can: ChangeLogViewerCan


@strawberry.type
class ChangeSaved:
    change: Change


@strawberry.type
class ChangeRulesSaved:
    rules: ChangeRules


ChangeResult = Annotated[Change | NotFoundError | ValidationError, strawberry.union("ChangeResult")]
ChangeSavedResult = Annotated[ChangeSaved | Refusal, strawberry.union("ChangeSavedResult")]
ChangeRulesResult = Annotated[ChangeRulesSaved | Refusal, strawberry.union("ChangeRulesResult")]
