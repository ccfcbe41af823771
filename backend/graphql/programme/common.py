"""The shared path of a command on a cluster: allowed only on a cluster in view, answering with the cluster."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.auth.principal import Principal
from backend.graphql.commands import run_command
from backend.graphql.context import Context
from backend.graphql.errors import UserError, parse_id, user_error
from backend.graphql.programme.types import Cluster, ClusterChange
from backend.policy import Action, Named, authorize_command
from domain.application import Cordee, Saved
from domain.shared.errors import NotFound

C = TypeVar("C")
Handler = Callable[[Cordee], Callable[[C], Saved]]


def cluster_change(info: Info[Context, None], cluster_id: UUID, result: Saved | UserError) -> ClusterChange | UserError:
    if not isinstance(result, Saved):
        return result
    row = info.context.services.queries.clusters.cluster(info.context.scope, cluster_id)
    if row is None:
        return user_error(NotFound("The cluster is saved but is not in your view.", "id"))
    return ClusterChange(cluster=Cluster.from_row(row))


async def on_cluster(
    info: Info[Context, None],
    action: Action,
    cluster_id: strawberry.ID,
    build: Callable[[Principal], C],
    handler: Handler[C],
    named: Callable[[], Named] = Named,
) -> ClusterChange | UserError:
    """Authorizes on the cluster and on what else the input `named` (each id parsed there, so a malformed one is a
    typed refusal), runs the command, answers the cluster."""
    parsed: list[UUID] = []

    def allowed(principal: Principal) -> None:
        parsed.append(parse_id(cluster_id, "cluster_id"))
        authorize_command(principal, action, info.context.services.queries, parsed[0], named())

    result = await run_command(info, allowed, build, handler)
    return cluster_change(info, parsed[0], result) if isinstance(result, Saved) else result


def organisation_named(organisation_id: strawberry.ID) -> Callable[[], Named]:
    """The input names a member of the cluster."""
    return lambda: Named(member=parse_id(organisation_id, "organisation_id"))
