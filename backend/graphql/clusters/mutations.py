"""The clusters feature's commands."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.clusters.actions import (
    ADMIT_ORGANISATION,
    CHANGE_CLUSTER_DETAILS,
    CORRECT_SESSIONS,
    DECLARE_UNAVAILABILITY,
    FORM_CLUSTER,
    PLAN_CLUSTER,
    RETRACT_UNAVAILABILITY,
    RUN_SESSIONS,
    START_OR_CLOSE_CLUSTER,
    WITHDRAW_MEMBER,
)
from backend.graphql.clusters.inputs import (
    AcceptPlanInput,
    AdmitOrganisationInput,
    CancelSessionInput,
    ChangeClusterDetailsInput,
    CloseClusterInput,
    CorrectSessionInput,
    DeclareUnavailabilityInput,
    FormClusterInput,
    HoldSessionInput,
    MoveSessionInput,
    RetractUnavailabilityInput,
    StartClusterInput,
    WithdrawMemberInput,
)
from backend.graphql.clusters.payloads import cluster_change, cluster_formed
from backend.graphql.clusters.types import ClusterChangeResult
from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.permissions import AUTHENTICATED
from domain.clusters import commands
from domain.clusters.admission import AdmissionCriteria


@strawberry.type
class ClustersMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def form_cluster(self, info: Info[Context, None], input: FormClusterInput) -> ClusterChangeResult:
        done = await change(
            info,
            FORM_CLUSTER,
            commands.FormCluster,
            name=input.name,
            coach_id=input.coach_id,
            planned_start=input.planned_start,
            planned_end=input.planned_end,
        )
        return cluster_formed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def admit_organisation(self, info: Info[Context, None], input: AdmitOrganisationInput) -> ClusterChangeResult:
        given = input.criteria
        criteria = AdmissionCriteria(given.small_enterprise, given.management_commitment, given.resources_available)
        done = await change(
            info,
            ADMIT_ORGANISATION,
            commands.AdmitOrganisation,
            cluster_id=input.cluster_id,
            organisation_id=input.organisation_id,
            criteria=criteria,
        )
        return cluster_change(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def withdraw_member(self, info: Info[Context, None], input: WithdrawMemberInput) -> ClusterChangeResult:
        done = await change(
            info,
            WITHDRAW_MEMBER,
            commands.WithdrawMember,
            cluster_id=input.cluster_id,
            organisation_id=input.organisation_id,
            withdrawn_on=input.withdrawn_on,
            reason=input.reason,
        )
        return cluster_change(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def start_cluster(self, info: Info[Context, None], input: StartClusterInput) -> ClusterChangeResult:
        done = await change(
            info,
            START_OR_CLOSE_CLUSTER,
            commands.StartCluster,
            cluster_id=input.cluster_id,
            started_on=input.started_on,
        )
        return cluster_change(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def close_cluster(self, info: Info[Context, None], input: CloseClusterInput) -> ClusterChangeResult:
        done = await change(
            info, START_OR_CLOSE_CLUSTER, commands.CloseCluster, cluster_id=input.cluster_id, closed_on=input.closed_on
        )
        return cluster_change(info, done)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="Renames the cluster or hands it to another coach, with a reason."
    )
    async def change_cluster_details(
        self, info: Info[Context, None], input: ChangeClusterDetailsInput
    ) -> ClusterChangeResult:
        done = await change(
            info,
            CHANGE_CLUSTER_DETAILS,
            commands.ChangeClusterDetails,
            cluster_id=input.cluster_id,
            name=input.name,
            coach_id=input.coach_id,
            reason=input.reason,
        )
        return cluster_change(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def declare_unavailability(
        self, info: Info[Context, None], input: DeclareUnavailabilityInput
    ) -> ClusterChangeResult:
        done = await change(
            info,
            DECLARE_UNAVAILABILITY,
            commands.DeclareUnavailability,
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
            PLAN_CLUSTER,
            commands.AcceptPlan,
            cluster_id=input.cluster_id,
            starts_on=input.starts_on,
            fingerprint=input.fingerprint,
        )
        return cluster_change(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def move_session(self, info: Info[Context, None], input: MoveSessionInput) -> ClusterChangeResult:
        done = await change(
            info,
            RUN_SESSIONS,
            commands.MoveSession,
            cluster_id=input.cluster_id,
            session_key=input.session_key,
            on=input.on,
            half_day=input.half_day,
            reason=input.reason,
            on_day_off=input.on_day_off,
        )
        return cluster_change(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def hold_session(self, info: Info[Context, None], input: HoldSessionInput) -> ClusterChangeResult:
        done = await change(
            info,
            RUN_SESSIONS,
            commands.HoldSession,
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
            RUN_SESSIONS,
            commands.CancelSession,
            cluster_id=input.cluster_id,
            session_key=input.session_key,
            reason=input.reason,
        )
        return cluster_change(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Corrects a declaration, saying why.")
    async def retract_unavailability(
        self, info: Info[Context, None], input: RetractUnavailabilityInput
    ) -> ClusterChangeResult:
        done = await change(
            info,
            RETRACT_UNAVAILABILITY,
            commands.RetractUnavailability,
            cluster_id=input.cluster_id,
            organisation_id=input.organisation_id,
            starts_on=input.starts_on,
            reason=input.reason,
        )
        return cluster_change(info, done)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="A session recorded as held by mistake is planned again."
    )
    async def undo_session_held(self, info: Info[Context, None], input: CorrectSessionInput) -> ClusterChangeResult:
        given = {"cluster_id": input.cluster_id, "session_key": input.session_key, "reason": input.reason}
        done = await change(info, CORRECT_SESSIONS, commands.UndoSessionHeld, **given)
        return cluster_change(info, done)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="A session cancelled by mistake is planned again at its date."
    )
    async def restore_session(self, info: Info[Context, None], input: CorrectSessionInput) -> ClusterChangeResult:
        given = {"cluster_id": input.cluster_id, "session_key": input.session_key, "reason": input.reason}
        done = await change(info, CORRECT_SESSIONS, commands.RestoreSession, **given)
        return cluster_change(info, done)
