"""Commands of the programme. Each resolver translates; the domain decides."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import strawberry
from strawberry.types import Info

from backend.auth.principal import Principal
from backend.graphql.commands import run_command
from backend.graphql.context import Context
from backend.graphql.errors import UserError, parse_id, user_error
from backend.graphql.permissions import IsAuthenticated
from backend.graphql.programme.inputs import (
    AdmitOrganisationInput,
    FormClusterInput,
    LogCoachingHalfDayInput,
    RegisterOrganisationInput,
    StartClusterInput,
)
from backend.graphql.programme.types import (
    Cluster,
    ClusterChange,
    ClusterChangeResult,
    Organisation,
    OrganisationChange,
    OrganisationChangeResult,
)
from backend.policy import Action, authorize, authorize_on_cluster
from domain.application import Cordee, Saved
from domain.programme import commands
from domain.programme.admission import AdmissionCriteria
from domain.shared.errors import NotFound

C = TypeVar("C")


def _cluster_change(info: Info[Context, None], result: Saved | UserError) -> ClusterChange | UserError:
    if not isinstance(result, Saved):
        return result
    row = info.context.services.queries.cluster(info.context.scope, result.aggregate_id)
    if row is None:
        return user_error(NotFound("The cluster is saved but is not in your view.", "id"))
    return ClusterChange(cluster=Cluster.from_row(row))


async def _on_cluster(
    info: Info[Context, None],
    action: Action,
    cluster_id: strawberry.ID,
    build: Callable[[Principal], C],
    handler: Callable[[Cordee], Callable[[C], Saved]],
) -> ClusterChange | UserError:
    """A command on an existing cluster: allowed only on a cluster the principal can see."""

    def allowed(principal: Principal) -> None:
        queries = info.context.services.queries
        authorize_on_cluster(principal, action, queries, parse_id(cluster_id, "cluster_id"))

    return _cluster_change(info, await run_command(info, allowed, build, handler))


@strawberry.type
class ProgrammeMutation:
    @strawberry.mutation(permission_classes=[IsAuthenticated])
    async def register_organisation(
        self, info: Info[Context, None], input: RegisterOrganisationInput
    ) -> OrganisationChangeResult:
        def build(p: Principal) -> commands.RegisterOrganisation:
            return commands.RegisterOrganisation(
                p.tenant_id, p.account_id, input.name, input.sector, input.employee_count
            )

        result = await run_command(
            info, lambda p: authorize(p, Action.REGISTER_ORGANISATION), build, lambda app: app.register_organisation
        )
        if not isinstance(result, Saved):
            return result  # type: ignore[return-value]
        row = info.context.services.queries.organisation(info.context.scope, result.aggregate_id)
        return OrganisationChange(organisation=Organisation.from_row(row))  # type: ignore[arg-type]

    @strawberry.mutation(permission_classes=[IsAuthenticated])
    async def form_cluster(self, info: Info[Context, None], input: FormClusterInput) -> ClusterChangeResult:
        def build(p: Principal) -> commands.FormCluster:
            coach_id = parse_id(input.coach_id, "coach_id")
            return commands.FormCluster(
                p.tenant_id, p.account_id, input.name, coach_id, input.planned_start, input.planned_end
            )

        result = await run_command(
            info, lambda p: authorize(p, Action.FORM_CLUSTER), build, lambda app: app.form_cluster
        )
        return _cluster_change(info, result)  # type: ignore[return-value]

    @strawberry.mutation(permission_classes=[IsAuthenticated])
    async def admit_organisation(self, info: Info[Context, None], input: AdmitOrganisationInput) -> ClusterChangeResult:
        def build(p: Principal) -> commands.AdmitOrganisation:
            given = input.criteria
            criteria = AdmissionCriteria(given.small_enterprise, given.management_commitment, given.resources_available)
            return commands.AdmitOrganisation(
                p.tenant_id,
                p.account_id,
                parse_id(input.cluster_id, "cluster_id"),
                parse_id(input.organisation_id, "organisation_id"),
                criteria,
            )

        return await _on_cluster(  # type: ignore[return-value]
            info, Action.ADMIT_ORGANISATION, input.cluster_id, build, lambda app: app.admit_organisation
        )

    @strawberry.mutation(permission_classes=[IsAuthenticated])
    async def start_cluster(self, info: Info[Context, None], input: StartClusterInput) -> ClusterChangeResult:
        def build(p: Principal) -> commands.StartCluster:
            cluster_id = parse_id(input.cluster_id, "cluster_id")
            return commands.StartCluster(p.tenant_id, p.account_id, cluster_id, input.started_on)

        return await _on_cluster(  # type: ignore[return-value]
            info, Action.START_CLUSTER, input.cluster_id, build, lambda app: app.start_cluster
        )

    @strawberry.mutation(permission_classes=[IsAuthenticated])
    async def log_coaching_half_day(
        self, info: Info[Context, None], input: LogCoachingHalfDayInput
    ) -> ClusterChangeResult:
        def build(p: Principal) -> commands.LogCoachingHalfDay:
            coach_id = p.account_id if input.coach_id is None else parse_id(input.coach_id, "coach_id")
            return commands.LogCoachingHalfDay(
                p.tenant_id,
                p.account_id,
                parse_id(input.cluster_id, "cluster_id"),
                parse_id(input.organisation_id, "organisation_id"),
                input.held_on,
                coach_id,
                input.topic,
                input.notes,
            )

        return await _on_cluster(  # type: ignore[return-value]
            info, Action.LOG_COACHING, input.cluster_id, build, lambda app: app.log_coaching_half_day
        )
