"""ITIL declarations as far as the scope shows them: the organisation's own members, the coach of a cluster it
belongs to and the consultancy's admins (the one filter decides, by the tables' `organisation_id`). The SoA
proposals are read from the declarations and the mapping data."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import and_, select

from domain.catalogues.catalogue import in_natural_order
from domain.itil.mapping import mapping
from domain.itil.rules import PROPOSED_SOA_STATUS
from projections.core.reading import FeatureQueries
from projections.core.scope import Scope
from projections.itil.rows import DeclarationEventRow, DeclarationRow, HistoryPage, MemberCluster, SoaProposal


class ItilQueries(FeatureQueries):
    def declarations(self, scope: Scope, organisation_id: UUID) -> list[DeclarationRow]:
        """What the organisation declares now, in the mapping's order (at most one row per item it lists)."""
        declared, accounts, documents = self.t.itil_declarations, self.t.accounts, self.t.documents
        query = (
            select(declared, accounts.c.display_name, documents.c.title)
            .outerjoin(accounts, _same(accounts, declared, "account_id", "declared_by"))
            .outerjoin(documents, _same(documents, declared, "document_id", "document_id"))
            .where(self.visible.rows(scope, declared), declared.c.organisation_id == organisation_id)
        )
        order = {key: n for n, key in enumerate(mapping().item_keys)}
        rows = sorted(self._all(query), key=lambda r: order.get(r["item"], len(order)))
        return [_declaration(r) for r in rows]

    def history(self, scope: Scope, organisation_id: UUID, page: HistoryPage) -> list[DeclarationEventRow]:
        """Every declaration and withdrawal, newest first unless asked otherwise; `page.first` rows at most."""
        history, accounts = self.t.itil_history, self.t.accounts
        version = history.c.version
        query = (
            select(history, accounts.c.display_name)
            .outerjoin(accounts, _same(accounts, history, "account_id", "acted_by"))
            .where(self.visible.rows(scope, history), history.c.organisation_id == organisation_id)
        )
        if page.item is not None:
            query = query.where(history.c.item == page.item)
        if page.after is not None:
            query = query.where(version < page.after if page.newest_first else version > page.after)
        query = query.order_by(version.desc() if page.newest_first else version).limit(page.first)
        return [_event(r) for r in self._all(query)]

    def member_clusters(self, scope: Scope, organisation_id: UUID) -> list[MemberCluster]:
        """The clusters in view the organisation was admitted to, by name: where a gap analysis is recorded."""
        members, clusters = self.t.cluster_members, self.t.clusters
        query = (
            select(clusters.c.cluster_id, clusters.c.name, clusters.c.status, members.c.withdrawn_on)
            .join(members, _same(members, clusters, "cluster_id", "cluster_id"))
            .where(self.visible.rows(scope, members), members.c.organisation_id == organisation_id)
            .order_by(clusters.c.name, clusters.c.cluster_id)
        )
        return [
            MemberCluster(r["cluster_id"], r["name"], r["status"], r["withdrawn_on"] is not None)
            for r in self._all(query)
        ]

    def soa_proposals(self, scope: Scope, organisation_id: UUID) -> list[SoaProposal]:
        """Each Annex A control a declared practice gives evidence for, proposed as partly implemented."""
        found = mapping()
        evidence: dict[str, list[str]] = {}
        for declared in self.declarations(scope, organisation_id):
            for control_id in found.controls_of(declared.item):
                evidence.setdefault(control_id, []).append(f"{found.title(declared.item)}: {declared.evidence}")
        return [
            SoaProposal(found.catalogue, control_id, PROPOSED_SOA_STATUS, tuple(evidence[control_id]))
            for control_id in in_natural_order(evidence)
        ]


def _same(left: Any, right: Any, left_column: str, right_column: str) -> Any:
    return and_(left.c.tenant_id == right.c.tenant_id, left.c[left_column] == right.c[right_column])


def _declaration(r: dict[str, Any]) -> DeclarationRow:
    return DeclarationRow(
        r["organisation_id"],
        r["item"],
        r["evidence"],
        r["document_id"],
        r["title"],
        r["display_name"],
        r["declared_at"],
    )


def _event(r: dict[str, Any]) -> DeclarationEventRow:
    return DeclarationEventRow(r["version"], r["item"], r["action"], r["text"], r["display_name"], r["acted_at"])
