"""Commands on a cluster's plan and sessions: unavailability, accepting the plan, moving, holding, cancelling."""

from __future__ import annotations

from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.auth.principal import Principal
from backend.graphql.context import Context
from backend.graphql.errors import parse_id
from backend.graphql.permissions import AUTHENTICATED
from backend.graphql.programme.common import on_cluster, organisation_named
from backend.graphql.programme.inputs import (
    AcceptPlanInput,
    CancelSessionInput,
    DeclareUnavailabilityInput,
    HoldSessionInput,
    MoveSessionInput,
)
from backend.graphql.programme.types import ClusterChangeResult
from backend.policy import Action, Named
from domain.clusters.commands import AcceptPlan, CancelSession, DeclareUnavailability, HoldSession, MoveSession


@strawberry.type
class PlanMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def declare_unavailability(
        self, info: Info[Context, None], input: DeclareUnavailabilityInput
    ) -> ClusterChangeResult:
        def build(p: Principal) -> DeclareUnavailability:
            return DeclareUnavailability(
                p.tenant_id,
                p.account_id,
                parse_id(input.cluster_id, "cluster_id"),
                parse_id(input.organisation_id, "organisation_id"),
                input.starts_on,
                input.ends_on,
                input.reason,
            )

        return await on_cluster(  # type: ignore[return-value]
            info,
            Action.DECLARE_UNAVAILABILITY,
            input.cluster_id,
            build,
            lambda app: app.declare_unavailability,
            organisation_named(input.organisation_id),
        )

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def accept_plan(self, info: Info[Context, None], input: AcceptPlanInput) -> ClusterChangeResult:
        def build(p: Principal) -> AcceptPlan:
            cluster_id = parse_id(input.cluster_id, "cluster_id")
            return AcceptPlan(p.tenant_id, p.account_id, cluster_id, input.starts_on, input.fingerprint)

        return await on_cluster(  # type: ignore[return-value]
            info, Action.PLAN_CLUSTER, input.cluster_id, build, lambda app: app.accept_plan
        )

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def move_session(self, info: Info[Context, None], input: MoveSessionInput) -> ClusterChangeResult:
        def build(p: Principal) -> MoveSession:
            cluster_id = parse_id(input.cluster_id, "cluster_id")
            return MoveSession(
                p.tenant_id, p.account_id, cluster_id, input.session_key, input.on, input.half_day, input.reason
            )

        return await on_cluster(  # type: ignore[return-value]
            info,
            Action.RUN_SESSIONS,
            input.cluster_id,
            build,
            lambda app: app.move_session,
            lambda: Named(session_key=input.session_key),
        )

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def hold_session(self, info: Info[Context, None], input: HoldSessionInput) -> ClusterChangeResult:
        def attendance_ids() -> list[UUID]:
            return [parse_id(given.organisation_id, "attendance.organisation_id") for given in input.attendance]

        def build(p: Principal) -> HoldSession:
            attendance = {
                organisation_id: list(given.attendees)
                for organisation_id, given in zip(attendance_ids(), input.attendance, strict=True)
            }
            cluster_id = parse_id(input.cluster_id, "cluster_id")
            return HoldSession(
                p.tenant_id, p.account_id, cluster_id, input.session_key, input.held_on, input.half_days, attendance
            )

        return await on_cluster(  # type: ignore[return-value]
            info,
            Action.RUN_SESSIONS,
            input.cluster_id,
            build,
            lambda app: app.hold_session,
            lambda: Named(session_key=input.session_key, attendance=tuple(attendance_ids())),
        )

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def cancel_session(self, info: Info[Context, None], input: CancelSessionInput) -> ClusterChangeResult:
        def build(p: Principal) -> CancelSession:
            cluster_id = parse_id(input.cluster_id, "cluster_id")
            return CancelSession(p.tenant_id, p.account_id, cluster_id, input.session_key, input.reason)

        return await on_cluster(  # type: ignore[return-value]
            info,
            Action.RUN_SESSIONS,
            input.cluster_id,
            build,
            lambda app: app.cancel_session,
            lambda: Named(session_key=input.session_key),
        )
