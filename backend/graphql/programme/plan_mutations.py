"""Commands on a cluster's plan and sessions: unavailability, accepting the plan, moving, holding, cancelling."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.commands import change
from backend.graphql.context import Context
from backend.graphql.permissions import AUTHENTICATED
from backend.graphql.programme.inputs import (
    AcceptPlanInput,
    CancelSessionInput,
    DeclareUnavailabilityInput,
    HoldSessionInput,
    MoveSessionInput,
)
from backend.graphql.programme.payloads import cluster_change
from backend.graphql.programme.types import ClusterChangeResult
from backend.policy import Action
from domain.clusters.commands import AcceptPlan, CancelSession, DeclareUnavailability, HoldSession, MoveSession


@strawberry.type
class PlanMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def declare_unavailability(
        self, info: Info[Context, None], input: DeclareUnavailabilityInput
    ) -> ClusterChangeResult:
        done = await change(
            info,
            Action.DECLARE_UNAVAILABILITY,
            DeclareUnavailability,
            cluster_id=input.cluster_id,
            organisation_id=input.organisation_id,
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            reason=input.reason,
        )
        return cluster_change(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def accept_plan(self, info: Info[Context, None], input: AcceptPlanInput) -> ClusterChangeResult:
        done = await change(
            info,
            Action.PLAN_CLUSTER,
            AcceptPlan,
            cluster_id=input.cluster_id,
            starts_on=input.starts_on,
            fingerprint=input.fingerprint,
        )
        return cluster_change(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def move_session(self, info: Info[Context, None], input: MoveSessionInput) -> ClusterChangeResult:
        done = await change(
            info,
            Action.RUN_SESSIONS,
            MoveSession,
            cluster_id=input.cluster_id,
            session_key=input.session_key,
            on=input.on,
            half_day=input.half_day,
            reason=input.reason,
        )
        return cluster_change(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def hold_session(self, info: Info[Context, None], input: HoldSessionInput) -> ClusterChangeResult:
        done = await change(
            info,
            Action.RUN_SESSIONS,
            HoldSession,
            cluster_id=input.cluster_id,
            session_key=input.session_key,
            held_on=input.held_on,
            half_days=input.half_days,
            attendance={given.organisation_id: list(given.attendees) for given in input.attendance},
        )
        return cluster_change(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def cancel_session(self, info: Info[Context, None], input: CancelSessionInput) -> ClusterChangeResult:
        done = await change(
            info,
            Action.RUN_SESSIONS,
            CancelSession,
            cluster_id=input.cluster_id,
            session_key=input.session_key,
            reason=input.reason,
        )
        return cluster_change(info, done)
