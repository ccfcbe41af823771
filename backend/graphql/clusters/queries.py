"""The clusters feature's reads."""

from __future__ import annotations

from datetime import date

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from backend.graphql.clusters import planning
from backend.graphql.clusters.actions import PLAN_CLUSTER
from backend.graphql.clusters.types import Cluster, ClusterConnection, ClusterEdge, ClusterResult, PlanProposalResult
from backend.graphql.core.context import Context
from backend.graphql.core.errors import guarded_lookup_refusal, lookup_refusal, parse_id
from backend.graphql.core.pagination import PageInfo, check_page_size, decode_cursor, encode_cursor
from backend.graphql.core.permissions import IsAuthenticated
from backend.policy import authorize_on_cluster
from domain.shared.errors import DomainError, NotFound


@strawberry.type
class ClustersQuery:
    @strawberry.field(permission_classes=[IsAuthenticated], description="Clusters in view, by name.")
    def clusters(self, info: Info[Context, None], first: int = 20, after: str | None = None) -> ClusterConnection:
        try:
            size, keyset = check_page_size(first), decode_cursor(after)
        except DomainError as error:
            raise GraphQLError(error.message, extensions={"code": error.code, "field": error.field}) from None
        rows = info.context.services.queries.clusters.clusters(info.context.scope, size + 1, keyset)
        edges = [ClusterEdge(cursor=encode_cursor(r.name, r.cluster_id), node=Cluster.from_row(r)) for r in rows]
        page = edges[:size]
        return ClusterConnection(
            edges=page,
            page_info=PageInfo(has_next_page=len(edges) > size, end_cursor=page[-1].cursor if page else None),
        )

    @strawberry.field(permission_classes=[IsAuthenticated])
    def cluster(self, info: Info[Context, None], id: strawberry.ID) -> ClusterResult:
        try:
            row = info.context.services.queries.clusters.cluster(info.context.scope, parse_id(id, "id"))
            if row is None:
                raise NotFound("No cluster with this id.", "id")
        except DomainError as error:
            return lookup_refusal(error)
        return Cluster.from_row(row)

    @strawberry.field(permission_classes=[IsAuthenticated], description="The planner's proposal for a forming cluster.")
    def plan_proposal(
        self, info: Info[Context, None], cluster_id: strawberry.ID, starts_on: date
    ) -> PlanProposalResult:
        try:
            identifier = parse_id(cluster_id, "cluster_id")
            authorize_on_cluster(info.context.signed_in, PLAN_CLUSTER, info.context.services.queries, identifier)
            return planning.proposal(info, identifier, starts_on)
        except DomainError as error:
            return guarded_lookup_refusal(error)
