"""An organisation's ITIL page as one object: the items it may declare with its declarations, the ISO steps they feed,
the history, and what the declarations propose for the gap analysis and the Statement of Applicability."""

from __future__ import annotations

from uuid import UUID

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import user_error
from backend.graphql.core.pagination import PageInfo, check_page_size, decode_cursor, encode_cursor
from backend.graphql.itil.actions import CONFIRM_ITIL_GAP, DECLARE_ITIL, WITHDRAW_ITIL
from backend.graphql.itil.types import (
    GapProposal,
    GapProposalSet,
    IsoStep,
    ItilDeclaration,
    ItilDeclarationEvent,
    ItilDeclarationEventConnection,
    ItilDeclarationEventEdge,
    ItilHistoryOrder,
    ItilItem,
    ItilViewerCan,
    SoaProposal,
)
from backend.policy import may
from domain.assessment.gap_analysis import maturity_areas
from domain.clusters.rules import ClusterStatus, can_assess, is_active_member
from domain.itil.mapping import mapping
from domain.itil.proposals import gap_proposals
from domain.itil.rules import checked_item
from domain.shared.errors import DomainError, ValidationFailed
from projections.itil.rows import DeclarationRow, HistoryPage, MemberCluster
from projections.queries import AssessmentRow

HISTORY_CURSOR = "itil-history"


@strawberry.type(description="An organisation's ITIL declarations read against ISO/IEC 27001 (paper 000).")
class ItilPractices:
    organisation_id: strawberry.ID
    organisation_name: str

    @property
    def _id(self) -> UUID:
        return UUID(self.organisation_id)

    @strawberry.field(description="What the viewer may do with these declarations.")
    def viewer_can(self, info: Info[Context, None]) -> ItilViewerCan:
        p = info.context.signed_in
        return ItilViewerCan(declare=may(p, DECLARE_ITIL, self._id), withdraw=may(p, WITHDRAW_ITIL, self._id))

    @strawberry.field(description="Paper 000's six ITIL steps, then the practices, each with its declaration if any.")
    def items(self, info: Info[Context, None]) -> list[ItilItem]:
        declared = {row.item: row for row in _declarations(info, self._id)}
        found = mapping()
        steps = [_item(step.key, "step", step.number, step.feeds, declared.get(step.key)) for step in found.itil_steps]
        practices = [_item(p.key, "practice", None, (), declared.get(p.key)) for p in found.practices]
        return steps + practices

    @strawberry.field(description="Paper 000's six ISO 27001 steps, each marked when a declared ITIL step feeds it.")
    def iso_steps(self, info: Info[Context, None]) -> list[IsoStep]:
        fed = set(mapping().iso_steps_fed(row.item for row in _declarations(info, self._id)))
        return [
            IsoStep(number=s.number, title=s.title, needs=list(s.needs), fed=s.number in fed)
            for s in mapping().iso_steps
        ]

    @strawberry.field(description="The declarations in force, in the mapping's order.")
    def declarations(self, info: Info[Context, None]) -> list[ItilDeclaration]:
        return [ItilDeclaration.from_row(row) for row in _declarations(info, self._id)]

    @strawberry.field(
        description="Every declaration, withdrawal and confirmation of the proposals: withdrawn declarations stay here."
    )
    def history(
        self,
        info: Info[Context, None],
        first: int = 20,
        after: str | None = None,
        item: str | None = None,
        order_by: ItilHistoryOrder = ItilHistoryOrder.NEWEST,
    ) -> ItilDeclarationEventConnection:
        try:
            page = _history_page(first, after, item, order_by)
        except DomainError as error:
            raise GraphQLError(
                error.message, extensions={"code": error.code, "field": user_error(error).field}
            ) from None
        rows = info.context.services.queries.itil.history(info.context.scope, self._id, page)
        shown = rows[:first]
        edges = [
            ItilDeclarationEventEdge(cursor=_cursor(row.version), node=ItilDeclarationEvent.from_row(row))
            for row in shown
        ]
        end = edges[-1].cursor if edges else None
        return ItilDeclarationEventConnection(
            edges=edges, page_info=PageInfo(has_next_page=len(rows) > first, end_cursor=end)
        )

    @strawberry.field(
        description="For each cluster in view the organisation is a member of: the gap-analysis levels the "
        "declarations propose, from the latest assessment there. Nothing is recorded until the coach confirms."
    )
    def gap_proposals(self, info: Info[Context, None]) -> list[GapProposalSet]:
        declared = [(row.item, row.evidence) for row in _declarations(info, self._id)]
        clusters = info.context.services.queries.itil.member_clusters(info.context.scope, self._id)
        return [_proposal_set(info, self._id, cluster, declared) for cluster in clusters]

    @strawberry.field(description="The Annex A 2022 controls the declared practices propose for the SoA.")
    def soa_proposals(self, info: Info[Context, None]) -> list[SoaProposal]:
        rows = info.context.services.queries.itil.soa_proposals(info.context.scope, self._id)
        return [SoaProposal.from_row(row) for row in rows]


def _declarations(info: Info[Context, None], organisation_id: UUID) -> list[DeclarationRow]:
    return info.context.services.queries.itil.declarations(info.context.scope, organisation_id)


def _item(key: str, kind: str, number: int | None, feeds: tuple[int, ...], row: DeclarationRow | None) -> ItilItem:
    found = mapping()
    practice = found.practice(key)
    return ItilItem(
        key=key,
        kind=kind,
        number=number,
        title=practice.title if practice else next(s.title for s in found.itil_steps if s.key == key),
        feeds_iso_steps=list(feeds),
        controls=list(found.controls_of(key)),
        gap_areas=list(found.gap_areas_of(key)),
        declaration=ItilDeclaration.from_row(row) if row else None,
    )


def _proposal_set(
    info: Info[Context, None], organisation_id: UUID, cluster: MemberCluster, declared: list[tuple[str, str]]
) -> GapProposalSet:
    scope, queries = info.context.scope, info.context.services.queries
    assessments = queries.assessment.assessments(scope, cluster.cluster_id, organisation_id)
    latest = assessments[-1] if assessments else None
    titles = {f"{group} {code}": title for group, code, title in maturity_areas()}
    proposals = gap_proposals(list(titles), _levels(latest), declared)
    active = is_active_member(cluster.withdrawn) and can_assess(ClusterStatus(cluster.status))
    return GapProposalSet(
        cluster_id=strawberry.ID(str(cluster.cluster_id)),
        cluster_name=cluster.name,
        baseline_assessment=latest.number if latest else None,
        areas=[GapProposal.from_proposal(p, titles[p.area]) for p in proposals],
        viewer_can_confirm=active and may(info.context.signed_in, CONFIRM_ITIL_GAP, organisation_id),
    )


def _levels(row: AssessmentRow | None) -> dict[str, int]:
    if row is None:
        return {}
    clauses = {f"clause {code}": level for code, level in row.clause_levels.items()}
    return clauses | {f"theme {code}": level for code, level in row.theme_levels.items()}


def _history_page(first: int, after: str | None, item: str | None, order_by: ItilHistoryOrder) -> HistoryPage:
    size = check_page_size(first)
    chosen = checked_item("item", item) if item is not None else None
    return HistoryPage(size + 1, _version_after(after), chosen, order_by is ItilHistoryOrder.NEWEST)


def _version_after(after: str | None) -> int | None:
    cursor = decode_cursor(after)
    if cursor is None:
        return None
    kind, _, version = cursor[0].partition(":")
    if kind != HISTORY_CURSOR or not (version.isascii() and version.isdigit() and len(version) <= 9):
        raise ValidationFailed("after", "This is not a cursor given by this API.")
    return int(version)


def _cursor(version: int) -> str:
    return encode_cursor(f"{HISTORY_CURSOR}:{version}", UUID(int=version))
