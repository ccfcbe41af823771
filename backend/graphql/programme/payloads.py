"""What a command on the programme answers: the cluster or the organisation as the read models now show it."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import Refusal, user_error
from backend.graphql.programme.types import Cluster, ClusterChange, Organisation, OrganisationChange
from domain.application import Saved
from domain.shared.errors import NotFound


class OnCluster(Protocol):
    @property
    def cluster_id(self) -> UUID: ...


def cluster_change(info: Info[Context, None], done: tuple[OnCluster, Saved] | Refusal) -> ClusterChange | Refusal:
    """The cluster the command changed."""
    if not isinstance(done, tuple):
        return done
    return _cluster(info, done[0].cluster_id)


def cluster_formed(info: Info[Context, None], done: tuple[object, Saved] | Refusal) -> ClusterChange | Refusal:
    return done if not isinstance(done, tuple) else _cluster(info, done[1].aggregate_id)


def organisation_registered(
    info: Info[Context, None], done: tuple[object, Saved] | Refusal
) -> OrganisationChange | Refusal:
    if not isinstance(done, tuple):
        return done
    row = info.context.services.queries.organisations.organisation(info.context.scope, done[1].aggregate_id)
    if row is None:
        return user_error(NotFound("The organisation is saved but is not in your view.", "id"))
    return OrganisationChange(organisation=Organisation.from_row(row))


def _cluster(info: Info[Context, None], cluster_id: UUID) -> ClusterChange | Refusal:
    row = info.context.services.queries.clusters.cluster(info.context.scope, cluster_id)
    if row is None:
        return user_error(NotFound("The cluster is saved but is not in your view.", "id"))
    return ClusterChange(cluster=Cluster.from_row(row))
