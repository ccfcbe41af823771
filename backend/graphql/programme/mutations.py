"""Commands on organisations and on a cluster's membership and lifecycle."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.auth.principal import Principal
from backend.graphql.commands import run_command
from backend.graphql.context import Context
from backend.graphql.errors import parse_id
from backend.graphql.permissions import AUTHENTICATED
from backend.graphql.programme.common import cluster_change, on_cluster, organisation_named
from backend.graphql.programme.inputs import (
    AdmitOrganisationInput,
    CloseClusterInput,
    FormClusterInput,
    RegisterOrganisationInput,
    StartClusterInput,
    WithdrawMemberInput,
)
from backend.graphql.programme.types import (
    ClusterChangeResult,
    Organisation,
    OrganisationChange,
    OrganisationChangeResult,
)
from backend.policy import Action, Named, authorize
from domain.application import Saved
from domain.clusters.admission import AdmissionCriteria
from domain.clusters.commands import AdmitOrganisation, CloseCluster, FormCluster, StartCluster, WithdrawMember
from domain.organisations.commands import RegisterOrganisation


@strawberry.type
class ProgrammeMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def register_organisation(
        self, info: Info[Context, None], input: RegisterOrganisationInput
    ) -> OrganisationChangeResult:
        def build(p: Principal) -> RegisterOrganisation:
            return RegisterOrganisation(p.tenant_id, p.account_id, input.name, input.sector, input.employee_count)

        result = await run_command(
            info, lambda p: authorize(p, Action.REGISTER_ORGANISATION), build, lambda app: app.register_organisation
        )
        if not isinstance(result, Saved):
            return result  # type: ignore[return-value]
        row = info.context.services.queries.organisations.organisation(info.context.scope, result.aggregate_id)
        return OrganisationChange(organisation=Organisation.from_row(row))  # type: ignore[arg-type]

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def form_cluster(self, info: Info[Context, None], input: FormClusterInput) -> ClusterChangeResult:
        def build(p: Principal) -> FormCluster:
            coach_id = parse_id(input.coach_id, "coach_id")
            return FormCluster(p.tenant_id, p.account_id, input.name, coach_id, input.planned_start, input.planned_end)

        result = await run_command(info, lambda p: authorize(p, Action.FORM_CLUSTER), build, lambda a: a.form_cluster)
        cluster_id = result.aggregate_id if isinstance(result, Saved) else None
        return cluster_change(info, cluster_id, result) if cluster_id else result  # type: ignore[return-value]

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def admit_organisation(self, info: Info[Context, None], input: AdmitOrganisationInput) -> ClusterChangeResult:
        def build(p: Principal) -> AdmitOrganisation:
            given = input.criteria
            criteria = AdmissionCriteria(given.small_enterprise, given.management_commitment, given.resources_available)
            organisation_id = parse_id(input.organisation_id, "organisation_id")
            return AdmitOrganisation(
                p.tenant_id, p.account_id, parse_id(input.cluster_id, "cluster_id"), organisation_id, criteria
            )

        return await on_cluster(  # type: ignore[return-value]
            info,
            Action.ADMIT_ORGANISATION,
            input.cluster_id,
            build,
            lambda app: app.admit_organisation,
            lambda: Named(candidate=parse_id(input.organisation_id, "organisation_id")),
        )

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def withdraw_member(self, info: Info[Context, None], input: WithdrawMemberInput) -> ClusterChangeResult:
        def build(p: Principal) -> WithdrawMember:
            return WithdrawMember(
                p.tenant_id,
                p.account_id,
                parse_id(input.cluster_id, "cluster_id"),
                parse_id(input.organisation_id, "organisation_id"),
                input.withdrawn_on,
                input.reason,
            )

        return await on_cluster(  # type: ignore[return-value]
            info,
            Action.WITHDRAW_MEMBER,
            input.cluster_id,
            build,
            lambda app: app.withdraw_member,
            organisation_named(input.organisation_id),
        )

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def start_cluster(self, info: Info[Context, None], input: StartClusterInput) -> ClusterChangeResult:
        def build(p: Principal) -> StartCluster:
            return StartCluster(p.tenant_id, p.account_id, parse_id(input.cluster_id, "cluster_id"), input.started_on)

        return await on_cluster(  # type: ignore[return-value]
            info, Action.START_OR_CLOSE_CLUSTER, input.cluster_id, build, lambda app: app.start_cluster
        )

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def close_cluster(self, info: Info[Context, None], input: CloseClusterInput) -> ClusterChangeResult:
        def build(p: Principal) -> CloseCluster:
            return CloseCluster(p.tenant_id, p.account_id, parse_id(input.cluster_id, "cluster_id"), input.closed_on)

        return await on_cluster(  # type: ignore[return-value]
            info, Action.START_OR_CLOSE_CLUSTER, input.cluster_id, build, lambda app: app.close_cluster
        )
