"""What a mutation on a cluster answers: the cluster as it is now, or a typed refusal."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from strawberry.types import Info

from backend.graphql.clusters.types import Cluster, ClusterChange
from backend.graphql.core.context import Context
from backend.graphql.core.errors import Refusal, user_error
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


def _cluster(info: Info[Context, None], cluster_id: UUID) -> ClusterChange | Refusal:
    row = info.context.services.queries.clusters.cluster(info.context.scope, cluster_id)
    if row is None:
        return user_error(NotFound("The cluster is saved but is not in your view.", "id"))
    return ClusterChange(cluster=Cluster.from_row(row))
