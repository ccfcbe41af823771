"""The change log's commands."""

from __future__ import annotations

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
from backend.graphql.changes.inputs import (
    ChangeIdInput,
    DefineStandardChangeInput,
    FileChangeInput,
    NameChangeAdvisoryBoardInput,
    RecordChangeExecutionInput,
    ScheduleChangeInput,
)
from backend.graphql.changes.queries import rules_of
from backend.graphql.changes.types import (
    Change,
    ChangeRulesResult,
    ChangeRulesSaved,
    ChangeSaved,
    ChangeSavedResult,
)
from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.errors import Refusal, parse_id, user_error
from backend.graphql.core.permissions import AUTHENTICATED
from domain.application import Saved
from domain.changes.commands import (
    ApproveChange,
    ConsentToChange,
    DefineStandardChange,
    FileChange,
    NameChangeAdvisoryBoard,
    RecordChangeExecution,
    ScheduleChange,
)
from domain.shared.errors import DomainError, NotFound

NOT_IN_VIEW = "It is saved but is not in your view."


@strawberry.type
class ChangesMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Files a change with the log's next number.")
    async def file_change(self, info: Info[Context, None], input: FileChangeInput) -> ChangeSavedResult:
        try:
            standard = (
                None if input.standard_change_id is None else parse_id(input.standard_change_id, "standard_change_id")
            )
        except DomainError as error:
            return user_error(error)
        done = await change(
            info, FILE_CHANGE, FileChange, owner_id=input.owner_id, initiator=input.initiator,
            hostname=input.hostname, description=input.description, category=input.category, risk=input.risk,
            cause=input.cause, ticket=input.ticket, configuration=input.configuration, standard_change_id=standard,
        )  # fmt: skip
        return _saved(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="By anyone but the change's owner.")
    async def approve_change(self, info: Info[Context, None], input: ChangeIdInput) -> ChangeSavedResult:
        return _saved(info, await change(info, APPROVE_CHANGE, ApproveChange, change_id=input.change_id))

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="A board member's consent to an emergency change."
    )
    async def consent_to_change(self, info: Info[Context, None], input: ChangeIdInput) -> ChangeSavedResult:
        return _saved(info, await change(info, CONSENT_TO_CHANGE, ConsentToChange, change_id=input.change_id))

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Its day and its fallback procedure.")
    async def schedule_change(self, info: Info[Context, None], input: ScheduleChangeInput) -> ChangeSavedResult:
        done = await change(
            info, SCHEDULE_CHANGE, ScheduleChange, change_id=input.change_id, scheduled_for=input.scheduled_for,
            fallback=input.fallback,
        )  # fmt: skip
        return _saved(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Refused until every rule is met.")
    async def record_change_execution(
        self, info: Info[Context, None], input: RecordChangeExecutionInput
    ) -> ChangeSavedResult:
        done = await change(
            info, EXECUTE_CHANGE, RecordChangeExecution, change_id=input.change_id, executed_on=input.executed_on,
            succeeded=input.succeeded, notes=input.notes,
        )  # fmt: skip
        return _saved(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="The Change Advisory Board's members.")
    async def name_change_advisory_board(
        self, info: Info[Context, None], input: NameChangeAdvisoryBoardInput
    ) -> ChangeRulesResult:
        try:
            members = tuple(parse_id(member, "member_ids") for member in input.member_ids)
        except DomainError as error:
            return user_error(error)
        done = await change(info, NAME_BOARD, NameChangeAdvisoryBoard, member_ids=members)
        return _rules(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="A duty that counts as a standard change.")
    async def define_standard_change(
        self, info: Info[Context, None], input: DefineStandardChangeInput
    ) -> ChangeRulesResult:
        done = await change(
            info, DEFINE_STANDARD_CHANGE, DefineStandardChange, title=input.title, procedure=input.procedure
        )
        return _rules(info, done)


def _saved(info: Info[Context, None], done: tuple[object, Saved] | Refusal) -> ChangeSaved | Refusal:
    if not isinstance(done, tuple):
        return done
    row = info.context.services.queries.changes.change(info.context.scope, done[1].aggregate_id)
    if row is None:
        return user_error(NotFound(NOT_IN_VIEW, "id"))
    return ChangeSaved(change=Change.from_row(row))


def _rules(info: Info[Context, None], done: tuple[object, Saved] | Refusal) -> ChangeRulesSaved | Refusal:
    if not isinstance(done, tuple):
        return done
    command = done[0]
    return ChangeRulesSaved(rules=rules_of(info, command.organisation_id))  # type: ignore[attr-defined]
