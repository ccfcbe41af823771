"""What the viewer may do with an organisation's risk register and with one of its risks."""

from __future__ import annotations

from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.risks.actions import (
    ACCEPT_RISK,
    ASSESS_RISK,
    CHANGE_RISK,
    CLOSE_RISK,
    HOLD_RISK_REVIEW,
    IDENTIFY_RISK,
    PLAN_TREATMENT,
    RECORD_MANAGEMENT_DECISION,
    SET_OBJECTIVES,
    TREAT_RISK,
)
from backend.policy import may
from domain.risks.rules import can_accept, can_change_risk, can_treat, is_owner, may_decide_for_management


@strawberry.type(description="What the viewer may do to a risk now.")
class RiskViewerCan:
    change: bool
    assess: bool
    treat: bool
    record_management_decision: bool = strawberry.field(
        description="The residual level is above the acceptance criteria, management has not decided yet, and the "
        "viewer is not the risk's owner (who may not decide on their own risk)."
    )
    accept: bool = strawberry.field(description="Only the risk's owner, once it is treated (and decided on).")
    close: bool


def on_risk(
    info: Info[Context, None], organisation_id: UUID, status: str, owner_id: UUID, decision_awaited: bool
) -> RiskViewerCan:
    p, open_ = info.context.signed_in, can_change_risk(status)
    acceptable = can_accept(status) and not decision_awaited
    return RiskViewerCan(
        change=may(p, CHANGE_RISK, organisation_id) and open_,
        assess=may(p, ASSESS_RISK, organisation_id) and open_,
        treat=may(p, TREAT_RISK, organisation_id) and can_treat(status),
        record_management_decision=may(p, RECORD_MANAGEMENT_DECISION, organisation_id)
        and decision_awaited
        and may_decide_for_management(p.account_id, owner_id),
        accept=may(p, ACCEPT_RISK, organisation_id) and acceptable and is_owner(p.account_id, owner_id),
        close=may(p, CLOSE_RISK, organisation_id) and open_,
    )


@strawberry.type(description="What the viewer may do with the organisation's risk register.")
class RegisterViewerCan:
    identify: bool
    hold_review: bool
    plan: bool = strawberry.field(description="Plan actions of the treatment plan and change their status.")
    set_objectives: bool


def on_register(info: Info[Context, None], organisation_id: UUID) -> RegisterViewerCan:
    p = info.context.signed_in
    return RegisterViewerCan(
        identify=may(p, IDENTIFY_RISK, organisation_id),
        hold_review=may(p, HOLD_RISK_REVIEW, organisation_id),
        plan=may(p, PLAN_TREATMENT, organisation_id),
        set_objectives=may(p, SET_OBJECTIVES, organisation_id),
    )
