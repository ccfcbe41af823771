"""Effort: the days each member of a cluster took, and the training the cluster held once for all of them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import Select, and_, func, select

from projections.core.reading import ORGANISATION, FeatureQueries, same
from projections.core.scope import Scope
from projections.effort.rows import ClustersEffort, EffortRow, MemberDays, MembersEffort, PortfolioTotals


class EffortQueries(FeatureQueries):
    def effort(self, scope: Scope, cluster_id: UUID) -> list[EffortRow]:
        """Days per member in view: gap analysis, training sessions attended, coaching half-days."""
        query, parameters = self._prepared.get("effort", scope, self._effort_query, cluster_id=cluster_id)
        return [
            EffortRow(
                organisation_id=r["organisation_id"],
                organisation_name=r["name"],
                gap_analysis_days=r["gap_analyses"] * r["gap_analysis_half_days"] / 2,
                training_days_attended=r["training_half_days_attended"] / 2,
                coaching_days=r["coaching_half_days"] / 2,
            )
            for r in self._all(query, parameters)
        ]

    def _effort_query(self, scope: Scope, cluster_id: UUID) -> Select[Any]:
        members, clusters, organisations = self.t.member_effort, self.t.cluster_effort, self.t.organisations
        return (
            select(members, clusters.c.gap_analysis_half_days, organisations.c.name)
            .join(
                clusters,
                and_(clusters.c.tenant_id == members.c.tenant_id, clusters.c.cluster_id == members.c.cluster_id),
            )
            .join(
                organisations,
                same(organisations, members, *ORGANISATION),
            )
            .where(self.visible.rows(scope, members), members.c.cluster_id == cluster_id)
            .order_by(organisations.c.name)
        )

    def training_half_days_held(self, scope: Scope, cluster_id: UUID) -> int:
        """The training the cluster held, once for all its members."""
        clusters = self.t.cluster_effort
        query = select(clusters.c.training_half_days_held).where(
            self.visible.rows(scope, clusters), clusters.c.cluster_id == cluster_id
        )
        row = self._one(query)
        return 0 if row is None else int(row["training_half_days_held"])

    def members_effort(self, scope: Scope, cluster_id: UUID) -> MembersEffort:
        """Every member's gap analysis and coaching days summed, whoever in the cluster reads them.

        The sum names no member: it is filtered by the cluster in view only, so a member reads the same totals as
        its coach. Whether a member may be shown them is the caller's decision (too few members would tell).
        """
        members, clusters = self.t.member_effort, self.t.cluster_effort
        query = (
            select(
                func.count().label("members"),
                func.coalesce(func.sum(members.c.gap_analyses * clusters.c.gap_analysis_half_days), 0).label("gap"),
                func.coalesce(func.sum(members.c.coaching_half_days), 0).label("coaching"),
            )
            .join(
                clusters,
                and_(clusters.c.tenant_id == members.c.tenant_id, clusters.c.cluster_id == members.c.cluster_id),
            )
            .where(
                members.c.tenant_id == scope.tenant_id,
                self.visible.cluster(scope, members.c.cluster_id),
                members.c.cluster_id == cluster_id,
            )
        )
        row = self._one(query) or {"members": 0, "gap": 0, "coaching": 0}
        return MembersEffort(int(row["members"]), int(row["gap"]) / 2, int(row["coaching"]) / 2)

    # The consultancy's portfolio: every cluster in view at once

    def of_clusters(self, scope: Scope, cluster_ids: Sequence[UUID]) -> ClustersEffort:
        """Each member's days and each cluster's training held, for a page of clusters: two statements."""
        members, clusters = self.t.member_effort, self.t.cluster_effort
        found: dict[UUID, list[MemberDays]] = {cluster_id: [] for cluster_id in cluster_ids}
        held: dict[UUID, int] = dict.fromkeys(cluster_ids, 0)
        if not cluster_ids:
            return ClustersEffort(found, held)
        rows = self._all(
            select(members, clusters.c.gap_analysis_half_days)
            .join(
                clusters,
                and_(clusters.c.tenant_id == members.c.tenant_id, clusters.c.cluster_id == members.c.cluster_id),
            )
            .where(self.visible.rows(scope, members), members.c.cluster_id.in_(cluster_ids))
        )
        for r in rows:
            days = MemberDays(
                r["organisation_id"], r["gap_analyses"] * r["gap_analysis_half_days"] / 2, r["coaching_half_days"] / 2
            )
            found[r["cluster_id"]].append(days)
        trained = select(clusters.c.cluster_id, clusters.c.training_half_days_held).where(
            self.visible.rows(scope, clusters), clusters.c.cluster_id.in_(cluster_ids)
        )
        held |= {r["cluster_id"]: int(r["training_half_days_held"]) for r in self._all(trained)}
        return ClustersEffort(found, held)

    def portfolio_totals(self, scope: Scope, status: str | None) -> PortfolioTotals:
        """Every cluster in view (of this status, if given) summed: members, their days, the training held."""
        members, efforts, clusters = self.t.member_effort, self.t.cluster_effort, self.t.clusters
        chosen = [clusters.c.status == status] if status is not None else []
        in_view = select(clusters.c.cluster_id).where(self.visible.rows(scope, clusters), *chosen).scalar_subquery()
        days = (
            select(
                func.count().label("members"),
                func.coalesce(func.sum(members.c.gap_analyses * efforts.c.gap_analysis_half_days), 0).label("gap"),
                func.coalesce(func.sum(members.c.coaching_half_days), 0).label("coaching"),
            )
            .join(
                efforts,
                and_(efforts.c.tenant_id == members.c.tenant_id, efforts.c.cluster_id == members.c.cluster_id),
            )
            .where(members.c.tenant_id == scope.tenant_id, members.c.cluster_id.in_(in_view))
        )
        row = self._one(days) or {"members": 0, "gap": 0, "coaching": 0}
        trained = select(func.coalesce(func.sum(efforts.c.training_half_days_held), 0).label("held")).where(
            efforts.c.tenant_id == scope.tenant_id, efforts.c.cluster_id.in_(in_view)
        )
        held = self._one(trained) or {"held": 0}
        return PortfolioTotals(int(row["members"]), (int(row["gap"]) + int(row["coaching"])) / 2, int(held["held"]))
