"""The scope of a reader, and the one visibility filter every query applies.

A `Scope` is built by the backend's policy from the signed-in principal; nothing here takes a tenant from a
request argument. The filter reads a table's columns, not its name, so every feature's table is filtered alike:

- every row is the tenant's own;
- a row with a `cluster_id` is in view when its cluster is: a coach's scope shows the clusters the coach leads,
  a member's the clusters its organisation belongs to (withdrawn or not);
- a row with an `organisation_id` is in view when its organisation is: a member sees its own organisation's part
  of every register; in a cluster in view, a coach sees every member's part; outside clusters, a coach sees the
  registers of the organisations of the clusters they lead (led, withdrawn or closed), and in the directory alone
  (organisations, accounts) also the organisations awaiting a cluster, to form one. A row with no
  organisation (a training session, a coach's account) is the cluster's or the consultancy's, seen by all in view;
  a query may name more rows shared with the whole cluster (feedback every member sees).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Table, and_, false, or_, select, true

from projections.core.tables import ReadTables

DIRECTORY = frozenset({"organisations", "accounts"})
"""The tables that say who an organisation is: a coach sees there the organisations awaiting a cluster, to form one.
Never an organisation's registers: those only its own people, the coach of a cluster it belongs to and the admins."""


@dataclass(frozen=True)
class Scope:
    """What a reader may see, from the grants of its principal (its role, today)."""

    tenant_id: UUID
    coach_id: UUID | None = None
    """When set, the clusters this coach leads, their organisations, and organisations awaiting a cluster."""
    organisation_id: UUID | None = None
    """When set (a member's scope), this organisation's clusters, and of every register its own part."""
    registers_only: bool = False
    """An auditor's scope: the organisation's own registers, and no cluster nor anything a cluster shares (its
    sessions, the feedback its members share, its effort): an auditor audits one organisation, not its cluster."""


class Visibility:
    """The one filter: `rows(scope, table)` is the condition that a row of `table` is in the scope's view.

    Each membership test is an uncorrelated subquery (`cluster_id IN (SELECT …)`): it reads the scope's few clusters
    or organisations once per query, whatever the number of rows tested, on SQLite as on PostgreSQL. Its tables are
    aliased apart from any table of the outer query and never correlated with it.
    """

    def __init__(self, tables: ReadTables) -> None:
        self.tables = tables
        # Aliases, built once: the outer query may read the same table, and a subquery must not compare it
        # with itself.
        self._membership = tables.cluster_members.alias("visible_membership")
        self._led = tables.clusters.alias("led_cluster")
        self._led_membership = tables.cluster_members.alias("led_membership")
        self._led_membership_cluster = tables.clusters.alias("led_membership_cluster")

    def rows(self, scope: Scope, table: Table, shared: ColumnElement[bool] | None = None) -> ColumnElement[bool]:
        """Rows of `table` in view; `shared` names rows every member of a cluster in view sees."""
        columns = table.c
        conditions = [columns.tenant_id == scope.tenant_id]
        if "cluster_id" in columns:
            conditions.append(self.cluster(scope, columns.cluster_id))
        if "organisation_id" in columns:
            directory = table.name.removeprefix(self.tables.prefix) in DIRECTORY
            organisation = self._organisation(
                scope, columns.organisation_id, in_cluster="cluster_id" in columns, directory=directory
            )
            if columns.organisation_id.nullable:
                organisation = or_(columns.organisation_id.is_(None), organisation)
            conditions.append(organisation if shared is None else or_(organisation, shared))
        return and_(*conditions)

    def cluster(self, scope: Scope, cluster_id: ColumnElement[Any]) -> ColumnElement[bool]:
        """Whether the cluster is in view."""
        if scope.registers_only:
            return false()
        if scope.organisation_id is not None:
            membership = self._membership
            return cluster_id.in_(
                select(membership.c.cluster_id)
                .where(
                    membership.c.tenant_id == scope.tenant_id,
                    membership.c.organisation_id == scope.organisation_id,
                )
                .correlate(None)
            )
        if scope.coach_id is None:
            return true()
        led = self._led
        return cluster_id.in_(
            select(led.c.cluster_id)
            .where(led.c.tenant_id == scope.tenant_id, led.c.coach_id == scope.coach_id)
            .correlate(None)
        )

    def registers(self, scope: Scope, organisation_id: ColumnElement[Any]) -> ColumnElement[bool]:
        """Whether the organisation's registers are in view (never for a coach who leads none of its clusters)."""
        return self._organisation(scope, organisation_id, in_cluster=False, directory=False)

    def _organisation(
        self, scope: Scope, organisation_id: ColumnElement[Any], *, in_cluster: bool, directory: bool
    ) -> ColumnElement[bool]:
        if scope.organisation_id is not None:
            return organisation_id == scope.organisation_id
        if scope.coach_id is None or in_cluster:
            return true()  # in a cluster in view, a coach sees every member's part
        membership, led = self._led_membership, self._led_membership_cluster
        led_by_coach = organisation_id.in_(
            select(membership.c.organisation_id)
            .join(led, and_(led.c.tenant_id == membership.c.tenant_id, led.c.cluster_id == membership.c.cluster_id))
            .where(
                membership.c.tenant_id == scope.tenant_id,
                led.c.tenant_id == scope.tenant_id,
                led.c.coach_id == scope.coach_id,
            )
            .correlate(None)
        )
        if not directory:
            return led_by_coach
        return or_(led_by_coach, awaiting_cluster(self.tables, scope.tenant_id, organisation_id))


def awaiting_cluster(tables: ReadTables, tenant_id: UUID, organisation_id: ColumnElement[Any]) -> ColumnElement[bool]:
    """An active member of no forming, planned or running cluster of the consultancy.

    Once admitted to a current cluster, the organisation leaves the view of every coach who does not lead it; after
    a withdrawal, or once its cluster is closed, it awaits a cluster again. Other clusters' registers about it stay
    out of view all along: they are filtered by cluster.

    For a row with no organisation the answer is unknown, so not true (`NOT IN`): `Visibility.rows` decides those.
    """
    membership, cluster = tables.cluster_members.alias("current_membership"), tables.clusters.alias("current_cluster")
    return organisation_id.not_in(
        select(membership.c.organisation_id)
        .join(
            cluster,
            and_(cluster.c.tenant_id == membership.c.tenant_id, cluster.c.cluster_id == membership.c.cluster_id),
        )
        .where(membership.c.tenant_id == tenant_id, membership.c.withdrawn_on.is_(None), cluster.c.status != "closed")
        .correlate(None)
    )
