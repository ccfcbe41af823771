"""GraphQL shapes of the programme's read rows."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.context import Context
from backend.graphql.errors import ConflictError, ForbiddenError, NotFoundError, ProjectionsBehindError, ValidationError
from domain.programme.cluster import cluster_warnings
from projections.queries import ClusterRow, CoachingRow, MemberRow, OrganisationRow


@strawberry.type
class Organisation:
    id: strawberry.ID
    name: str
    sector: str
    employee_count: int

    @classmethod
    def from_row(cls, row: OrganisationRow) -> Organisation:
        return cls(
            id=strawberry.ID(str(row.organisation_id)),
            name=row.name,
            sector=row.sector,
            employee_count=row.employee_count,
        )


@strawberry.type(description="The evidence recorded for each admission criterion of the cluster approach.")
class AdmissionCriteria:
    small_enterprise: str
    management_commitment: str
    resources_available: str


@strawberry.type
class CoachingHalfDay:
    entry_number: int
    held_on: date
    coach_name: str
    topic: str
    notes: str

    @classmethod
    def from_row(cls, row: CoachingRow) -> CoachingHalfDay:
        return cls(
            entry_number=row.entry_number,
            held_on=row.held_on,
            coach_name=row.coach_name,
            topic=row.topic,
            notes=row.notes,
        )


@strawberry.type
class ClusterMember:
    organisation: Organisation
    admission_criteria: AdmissionCriteria
    coaching_half_days_used: int
    coaching_half_days_ceiling: int
    cluster_id: strawberry.Private[UUID]
    organisation_id: strawberry.Private[UUID]

    @strawberry.field
    def coaching_half_days_remaining(self) -> int:
        return max(0, self.coaching_half_days_ceiling - self.coaching_half_days_used)

    @strawberry.field
    def coaching_half_days(self, info: Info[Context, None]) -> list[CoachingHalfDay]:
        rows = info.context.services.queries.coaching_half_days(
            info.context.scope, self.cluster_id, self.organisation_id
        )
        return [CoachingHalfDay.from_row(row) for row in rows]

    @classmethod
    def from_row(cls, row: MemberRow) -> ClusterMember:
        return cls(
            organisation=Organisation.from_row(row.organisation),
            admission_criteria=AdmissionCriteria(
                small_enterprise=row.evidence_small_enterprise,
                management_commitment=row.evidence_management_commitment,
                resources_available=row.evidence_resources_available,
            ),
            coaching_half_days_used=row.coaching_half_days_used,
            coaching_half_days_ceiling=row.coaching_half_days_ceiling,
            cluster_id=row.cluster_id,
            organisation_id=row.organisation.organisation_id,
        )


@strawberry.type
class Coach:
    id: strawberry.ID
    display_name: str


@strawberry.type
class Cluster:
    id: strawberry.ID
    name: str
    status: str
    coach: Coach
    planned_start: date | None
    planned_end: date | None
    started_on: date | None
    member_count: int
    cluster_id: strawberry.Private[UUID]

    @strawberry.field(description="What the coach should know about the cluster's make-up.")
    def warnings(self) -> list[str]:
        return cluster_warnings(self.member_count)

    @strawberry.field
    def members(self, info: Info[Context, None]) -> list[ClusterMember]:
        rows = info.context.services.queries.members(info.context.scope, self.cluster_id)
        return [ClusterMember.from_row(row) for row in rows]

    @classmethod
    def from_row(cls, row: ClusterRow) -> Cluster:
        return cls(
            id=strawberry.ID(str(row.cluster_id)),
            name=row.name,
            status=row.status,
            coach=Coach(id=strawberry.ID(str(row.coach_id)), display_name=row.coach_name),
            planned_start=row.planned_start,
            planned_end=row.planned_end,
            started_on=row.started_on,
            member_count=row.member_count,
            cluster_id=row.cluster_id,
        )


@strawberry.type
class ClusterEdge:
    cursor: str
    node: Cluster


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class ClusterConnection:
    edges: list[ClusterEdge]
    page_info: PageInfo


@strawberry.type
class ClusterChange:
    cluster: Cluster


@strawberry.type
class OrganisationChange:
    organisation: Organisation


ClusterResult = Annotated[Cluster | NotFoundError | ValidationError, strawberry.union("ClusterResult")]
OrganisationResult = Annotated[Organisation | NotFoundError | ValidationError, strawberry.union("OrganisationResult")]
ClusterChangeResult = Annotated[
    ClusterChange | ValidationError | NotFoundError | ConflictError | ForbiddenError | ProjectionsBehindError,
    strawberry.union("ClusterChangeResult"),
]
OrganisationChangeResult = Annotated[
    OrganisationChange | ValidationError | NotFoundError | ConflictError | ForbiddenError | ProjectionsBehindError,
    strawberry.union("OrganisationChangeResult"),
]
