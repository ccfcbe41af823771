"""What the viewer may do with a nonconformity and its actions, from the policy and the domain's rules."""

from __future__ import annotations

from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.nonconformities.actions import (
    ANALYSE_NONCONFORMITY,
    CLOSE_NONCONFORMITY,
    COMPLETE_CORRECTIVE_ACTION,
    PLAN_CORRECTIVE_ACTION,
    RAISE_NONCONFORMITY,
    VERIFY_EFFECTIVENESS,
)
from backend.policy import may
from domain.nonconformities.rules import can_change, can_close, can_verify


@strawberry.type(description="What the viewer may do with the organisation's nonconformities.")
class NonconformitiesViewerCan:
    raise_nonconformity: bool = strawberry.field(name="raise")


@strawberry.type(description="What the viewer may do with a nonconformity now.")
class NonconformityViewerCan:
    analyse: bool
    plan_action: bool
    close: bool = strawberry.field(description="Once analysed and each action verified effective.")


@strawberry.type(description="What the viewer may do with a corrective action now.")
class CorrectiveActionViewerCan:
    complete: bool
    verify: bool = strawberry.field(description="Once completed, by someone other than its owner.")


def on_register(info: Info[Context, None], organisation_id: UUID) -> NonconformitiesViewerCan:
    allowed = may(info.context.signed_in, RAISE_NONCONFORMITY, organisation_id)
    return NonconformitiesViewerCan(raise_nonconformity=allowed)


def on_nonconformity(
    info: Info[Context, None], organisation_id: UUID, closed: bool, analysed: bool, effective: list[bool]
) -> NonconformityViewerCan:
    p, open_ = info.context.signed_in, can_change(closed)
    return NonconformityViewerCan(
        analyse=may(p, ANALYSE_NONCONFORMITY, organisation_id) and open_,
        plan_action=may(p, PLAN_CORRECTIVE_ACTION, organisation_id) and open_,
        close=may(p, CLOSE_NONCONFORMITY, organisation_id) and can_close(closed, analysed, effective),
    )


def on_action(
    info: Info[Context, None], organisation_id: UUID, closed: bool, owner_id: UUID, completed: bool, verified: bool
) -> CorrectiveActionViewerCan:
    p, open_ = info.context.signed_in, can_change(closed)
    return CorrectiveActionViewerCan(
        complete=may(p, COMPLETE_CORRECTIVE_ACTION, organisation_id) and open_ and not completed,
        verify=may(p, VERIFY_EFFECTIVENESS, organisation_id)
        and open_
        and completed
        and not verified
        and can_verify(owner_id, p.account_id),
    )
