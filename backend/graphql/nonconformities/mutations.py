"""The nonconformity register's commands. A command on an existing nonconformity acts for the organisation it
belongs to, as the viewer's scope shows it: one out of view is answered as a missing one."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.core.commands import change, role_refusal
from backend.graphql.core.context import Context
from backend.graphql.core.errors import Refusal, parse_id, user_error
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.nonconformities.actions import (
    ANALYSE_NONCONFORMITY,
    CLOSE_NONCONFORMITY,
    COMPLETE_CORRECTIVE_ACTION,
    PLAN_CORRECTIVE_ACTION,
    RAISE_NONCONFORMITY,
    VERIFY_EFFECTIVENESS,
)
from backend.graphql.nonconformities.inputs import (
    AnalyseNonconformityInput,
    CloseNonconformityInput,
    CompleteCorrectiveActionInput,
    PlanCorrectiveActionInput,
    RaiseNonconformityInput,
    VerifyActionEffectivenessInput,
)
from backend.graphql.nonconformities.types import Nonconformity, NonconformityChange, NonconformityChangeResult
from backend.policy import Action
from domain.application import Saved
from domain.nonconformities.commands import (
    AnalyseNonconformity,
    CloseNonconformity,
    CompleteCorrectiveAction,
    PlanCorrectiveAction,
    RaiseNonconformity,
    VerifyActionEffectiveness,
)
from domain.shared.errors import DomainError, NotFound


@strawberry.type
class NonconformitiesMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED, description="From an audit, incident, review or anyone.")
    async def raise_nonconformity(
        self, info: Info[Context, None], input: RaiseNonconformityInput
    ) -> NonconformityChangeResult:
        done = await change(
            info, RAISE_NONCONFORMITY, RaiseNonconformity, organisation_id=input.organisation_id, title=input.title,
            description=input.description, severity=input.severity, source_kind=input.source_kind,
            source_reference=input.source_reference,
        )  # fmt: skip
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def analyse_nonconformity(
        self, info: Info[Context, None], input: AnalyseNonconformityInput
    ) -> NonconformityChangeResult:
        done = await _on(
            info, input.nonconformity_id, ANALYSE_NONCONFORMITY, AnalyseNonconformity, root_cause=input.root_cause,
            correction=input.correction,
        )  # fmt: skip
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def plan_corrective_action(
        self, info: Info[Context, None], input: PlanCorrectiveActionInput
    ) -> NonconformityChangeResult:
        done = await _on(
            info, input.nonconformity_id, PLAN_CORRECTIVE_ACTION, PlanCorrectiveAction, description=input.description,
            owner_id=input.owner_id, due_on=input.due_on,
        )  # fmt: skip
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def complete_corrective_action(
        self, info: Info[Context, None], input: CompleteCorrectiveActionInput
    ) -> NonconformityChangeResult:
        done = await _on(
            info, input.nonconformity_id, COMPLETE_CORRECTIVE_ACTION, CompleteCorrectiveAction,
            action_id=input.action_id, completed_on=input.completed_on, note=input.note,
        )  # fmt: skip
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="By someone other than the action's owner.")
    async def verify_action_effectiveness(
        self, info: Info[Context, None], input: VerifyActionEffectivenessInput
    ) -> NonconformityChangeResult:
        done = await _on(
            info, input.nonconformity_id, VERIFY_EFFECTIVENESS, VerifyActionEffectiveness, action_id=input.action_id,
            effective=input.effective, evidence=input.evidence,
        )  # fmt: skip
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Once each action is verified effective.")
    async def close_nonconformity(
        self, info: Info[Context, None], input: CloseNonconformityInput
    ) -> NonconformityChangeResult:
        done = await _on(info, input.nonconformity_id, CLOSE_NONCONFORMITY, CloseNonconformity, note=input.note)
        return _changed(info, done)


async def _on(
    info: Info[Context, None], nonconformity_id: str, action: Action, command: Any, **given: Any
) -> tuple[object, Saved] | Refusal:
    """The command on the nonconformity, for the organisation it belongs to."""
    if (refusal := role_refusal(info, action)) is not None:
        return refusal
    try:
        found = parse_id(nonconformity_id, "nonconformity_id")
        row = info.context.services.queries.nonconformities.nonconformity(info.context.scope, found)
        if row is None:
            raise NotFound("No nonconformity with this id.", "nonconformity_id")
    except DomainError as error:
        return user_error(error)
    organisation = str(row.organisation_id)
    return await change(info, action, command, organisation_id=organisation, nonconformity_id=nonconformity_id, **given)


def _changed(info: Info[Context, None], done: tuple[object, Saved] | Refusal) -> NonconformityChange | Refusal:
    if not isinstance(done, tuple):
        return done
    found: UUID = done[1].aggregate_id
    row = info.context.services.queries.nonconformities.nonconformity(info.context.scope, found)
    if row is None:
        return user_error(NotFound("The nonconformity is saved but is not in your view.", "id"))
    return NonconformityChange(nonconformity=Nonconformity.from_row(row, info.context.services.app.today()))
