"""Organisations awaiting a cluster: the candidates a coach may see and admit though they lead no cluster of theirs."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, exists

from projections.schema import ReadTables


def awaiting_cluster(tables: ReadTables, tenant_id: UUID, organisation_id: ColumnElement[Any]) -> ColumnElement[bool]:
    """An active member of no forming, planned or running cluster of the consultancy.

    Once admitted to a current cluster, the organisation leaves the view of every coach who does not lead it; after
    a withdrawal, or once its cluster is closed, it awaits a cluster again. Other clusters' registers about it stay
    out of view all along: they are filtered by cluster.
    """
    membership, cluster = tables.cluster_members.alias("current_membership"), tables.clusters.alias("current_cluster")
    return ~exists().where(
        membership.c.tenant_id == tenant_id,
        membership.c.organisation_id == organisation_id,
        membership.c.withdrawn_on.is_(None),
        cluster.c.tenant_id == membership.c.tenant_id,
        cluster.c.cluster_id == membership.c.cluster_id,
        cluster.c.status != "closed",
    )
