"""An organisation's context as one object: its lists (connections), its scope and its commitment."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.context.history import listed
from backend.graphql.context.inputs import IssueFilter, PartyFilter, RoleFilter
from backend.graphql.context.lists import (
    PARTY_KINDS,
    SORTS,
    IssueSort,
    PartySort,
    RoleSort,
    checked_filter,
    connection,
    page_of,
    refused,
)
from backend.graphql.context.types import (
    AdmissionCommitment,
    CommitmentRecord,
    ContextIssue,
    ContextIssueConnection,
    ContextIssueEdge,
    InterestedParty,
    InterestedPartyConnection,
    InterestedPartyEdge,
    IsmsRole,
    IsmsRoleConnection,
    IsmsRoleEdge,
    IsmsScopeVersion,
    MemberAccount,
)
from backend.graphql.context.viewer_can import ContextViewerCan, on_context
from backend.graphql.core.context import Context
from backend.graphql.core.pagination import PageInfo
from domain.context.rules import ROLE_KINDS
from domain.shared.errors import DomainError
from projections.context import rows

C = TypeVar("C")


@strawberry.type(description="An organisation's context (clauses 4-5): issues, parties, scope, roles, commitment.")
class OrganisationContext:
    organisation_id: strawberry.ID
    organisation_name: str

    @property
    def _id(self) -> UUID:
        return UUID(self.organisation_id)

    @strawberry.field(description="What the viewer may do to this context.")
    def viewer_can(self, info: Info[Context, None]) -> ContextViewerCan:
        return on_context(info, self._id)

    @strawberry.field(description="Internal and external issues (4.1); current ones unless the filter says otherwise.")
    def issues(
        self,
        info: Info[Context, None],
        first: int = 20,
        after: str | None = None,
        filter: IssueFilter | None = None,
        sort: IssueSort = IssueSort.NEWEST,
    ) -> ContextIssueConnection:
        try:
            page, given = page_of(first, after), rows.IssueFilter(**checked_filter(filter, ()))
        except DomainError as error:
            raise refused(error) from None
        found = info.context.services.queries.context.issues(info.context.scope, self._id, given, SORTS[sort], page)
        listed(info, self._id, (row.item_id for row in found))
        return connection(
            found, first, SORTS[sort], ContextIssue.from_row, _edges(ContextIssueEdge, ContextIssueConnection)
        )

    @strawberry.field(description="Interested parties (4.2) with their kind's questions and their requirements.")
    def parties(
        self,
        info: Info[Context, None],
        first: int = 20,
        after: str | None = None,
        filter: PartyFilter | None = None,
        sort: PartySort = PartySort.NAME,
    ) -> InterestedPartyConnection:
        try:
            page, given = page_of(first, after), rows.PartyFilter(**checked_filter(filter, PARTY_KINDS))
        except DomainError as error:
            raise refused(error) from None
        found = info.context.services.queries.context.parties(info.context.scope, self._id, given, SORTS[sort], page)
        listed(info, self._id, (row.item_id for row in found))
        build = _edges(InterestedPartyEdge, InterestedPartyConnection)
        return connection(found, first, SORTS[sort], InterestedParty.from_row, build)

    @strawberry.field(description="Roles and responsibilities (5.3) with the people who hold them.")
    def roles(
        self,
        info: Info[Context, None],
        first: int = 20,
        after: str | None = None,
        filter: RoleFilter | None = None,
        sort: RoleSort = RoleSort.TITLE,
    ) -> IsmsRoleConnection:
        try:
            page, given = page_of(first, after), rows.RoleFilter(**checked_filter(filter, ROLE_KINDS))
        except DomainError as error:
            raise refused(error) from None
        found = info.context.services.queries.context.roles(info.context.scope, self._id, given, SORTS[sort], page)
        listed(info, self._id, (row.item_id for row in found))
        return connection(found, first, SORTS[sort], IsmsRole.from_row, _edges(IsmsRoleEdge, IsmsRoleConnection))

    @strawberry.field(description="The organisation's active member accounts, which a role may name as its holder.")
    def member_accounts(self, info: Info[Context, None]) -> list[MemberAccount]:
        found = info.context.services.queries.context.member_accounts(info.context.scope, self._id)
        return [MemberAccount(id=strawberry.ID(str(row.account_id)), display_name=row.display_name) for row in found]

    @strawberry.field(description="Every version of the ISMS scope statement (4.3), the current one first.")
    def scope_versions(self, info: Info[Context, None]) -> list[IsmsScopeVersion]:
        found = info.context.services.queries.context.scope_versions(info.context.scope, self._id)
        return [IsmsScopeVersion.from_row(row) for row in found]

    @strawberry.field(description="Every record of management's commitment (5.1), the current one first.")
    def commitments(self, info: Info[Context, None]) -> list[CommitmentRecord]:
        found = info.context.services.queries.context.commitments(info.context.scope, self._id)
        return [CommitmentRecord.from_row(row) for row in found]

    @strawberry.field(description="The commitment evidence recorded at the organisation's admission to clusters.")
    def admission_commitments(self, info: Info[Context, None]) -> list[AdmissionCommitment]:
        found = info.context.services.queries.context.admission_evidence(info.context.scope, self._id)
        return [AdmissionCommitment.from_row(row) for row in found]


def _edges(
    edge: Callable[..., Any], connection_type: Callable[..., C]
) -> Callable[[list[tuple[str, Any]], PageInfo], C]:
    def build(edges: list[tuple[str, Any]], page_info: PageInfo) -> C:
        return connection_type(edges=[edge(cursor=cursor, node=node) for cursor, node in edges], page_info=page_info)

    return build
