"""Commands on organisations and on a cluster's membership and lifecycle."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.commands import change
from backend.graphql.context import Context
from backend.graphql.permissions import AUTHENTICATED
from backend.graphql.programme.inputs import (
    AdmitOrganisationInput,
    CloseClusterInput,
    FormClusterInput,
    RegisterOrganisationInput,
    StartClusterInput,
    WithdrawMemberInput,
)
from backend.graphql.programme.payloads import cluster_change, cluster_formed, organisation_registered
from backend.graphql.programme.types import ClusterChangeResult, OrganisationChangeResult
from backend.policy import Action
from domain.clusters.admission import AdmissionCriteria
from domain.clusters.commands import AdmitOrganisation, CloseCluster, FormCluster, StartCluster, WithdrawMember
from domain.organisations.commands import RegisterOrganisation


@strawberry.type
class ProgrammeMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def register_organisation(
        self, info: Info[Context, None], input: RegisterOrganisationInput
    ) -> OrganisationChangeResult:
        done = await change(
            info,
            Action.REGISTER_ORGANISATION,
            RegisterOrganisation,
            name=input.name,
            sector=input.sector,
            employee_count=input.employee_count,
        )
        return organisation_registered(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def form_cluster(self, info: Info[Context, None], input: FormClusterInput) -> ClusterChangeResult:
        done = await change(
            info,
            Action.FORM_CLUSTER,
            FormCluster,
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
            Action.ADMIT_ORGANISATION,
            AdmitOrganisation,
            cluster_id=input.cluster_id,
            organisation_id=input.organisation_id,
            criteria=criteria,
        )
        return cluster_change(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def withdraw_member(self, info: Info[Context, None], input: WithdrawMemberInput) -> ClusterChangeResult:
        done = await change(
            info,
            Action.WITHDRAW_MEMBER,
            WithdrawMember,
            cluster_id=input.cluster_id,
            organisation_id=input.organisation_id,
            withdrawn_on=input.withdrawn_on,
            reason=input.reason,
        )
        return cluster_change(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def start_cluster(self, info: Info[Context, None], input: StartClusterInput) -> ClusterChangeResult:
        done = await change(
            info, Action.START_OR_CLOSE_CLUSTER, StartCluster, cluster_id=input.cluster_id, started_on=input.started_on
        )
        return cluster_change(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def close_cluster(self, info: Info[Context, None], input: CloseClusterInput) -> ClusterChangeResult:
        done = await change(
            info, Action.START_OR_CLOSE_CLUSTER, CloseCluster, cluster_id=input.cluster_id, closed_on=input.closed_on
        )
        return cluster_change(info, done)
