"""GraphQL shapes of a cluster and its members."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.assessment.types import Assessment
from backend.graphql.clusters import planning
from backend.graphql.clusters.plan_types import (
    Attendance,
    Clash,
    PlanProposal,
    RetractedUnavailability,
    Session,
    SessionMove,
    Unavailability,
)
from backend.graphql.clusters.progress import MemberProgress, ProgressMilestone, catalogue
from backend.graphql.clusters.viewer_can import (
    ClusterMemberViewerCan,
    ClusterViewerCan,
    MemberState,
    cluster_status,
    on_cluster,
    on_member,
)
from backend.graphql.core.context import Context
from backend.graphql.core.errors import (
    ForbiddenError,
    NotFoundError,
    Refusal,
    ValidationError,
)
from backend.graphql.core.loaders import loaders
from backend.graphql.core.pagination import PageInfo
from backend.graphql.effort.report import effort_report
from backend.graphql.effort.types import EffortReport
from backend.graphql.engagement.types import CeilingOverride, CoachingCorrection, CoachingHalfDay, MemberOutcome
from backend.graphql.feedback.types import FeedbackItem
from backend.graphql.organisations.types import Organisation
from backend.graphql.tenancy.types import Coach
from domain.clusters.cluster import cluster_warnings
from domain.clusters.rules import ClusterStatus
from domain.engagement.outcome import Outcome
from projections.clusters.rows import ClusterRow, MemberRow
from projections.queries import AssessmentRow


@strawberry.type(description="The evidence recorded for each admission criterion of the cluster approach.")
class AdmissionCriteria:
    small_enterprise: str
    management_commitment: str
    resources_available: str

    @classmethod
    def from_row(cls, row: MemberRow) -> AdmissionCriteria:
        return cls(
            small_enterprise=row.evidence_small_enterprise,
            management_commitment=row.evidence_management_commitment,
            resources_available=row.evidence_resources_available,
        )


@strawberry.type
class ClusterMember:
    organisation: Organisation
    admission_criteria: AdmissionCriteria
    coaching_half_days_used: int
    coaching_half_days_ceiling: int
    active: bool = strawberry.field(
        description="Not withdrawn: it takes part in the sessions, and plans keep clear of its unavailability."
    )
    cluster_id: strawberry.Private[UUID]
    organisation_id: strawberry.Private[UUID]

    outcome: MemberOutcome

    @strawberry.field
    def coaching_half_days_remaining(self) -> int:
        return max(0, self.coaching_half_days_ceiling - self.coaching_half_days_used)

    @strawberry.field(description="Half-days of coaching the latest gap analysis estimates; none before one.")
    def coaching_half_days_estimated(self, info: Info[Context, None]) -> int | None:
        assessments = self._assessments(info)
        return assessments[-1].estimated_half_days if assessments else None

    @strawberry.field(description="Every assessment, the first one being the baseline the others are compared with.")
    def gap_analyses(self, info: Info[Context, None]) -> list[Assessment]:
        rows = self._assessments(info)
        return [Assessment.from_rows(row, rows[0]) for row in rows]

    @strawberry.field
    def ceiling_overrides(self, info: Info[Context, None]) -> list[CeilingOverride]:
        rows = loaders(info).overrides(self.cluster_id, self.organisation_id)
        return [CeilingOverride.from_row(row) for row in rows]

    @strawberry.field(description="What the viewer may do for this member now.")
    def viewer_can(self, info: Info[Context, None]) -> ClusterMemberViewerCan:
        return on_member(info, cluster_status(info, self.cluster_id), self.state())

    @strawberry.field(
        description="Its progress since its first gap analysis, drawn from its history; null where its registers "
        "are out of view (another member of the cluster sees its name, never its progress)."
    )
    def progress(self, info: Info[Context, None]) -> MemberProgress | None:
        found = loaders(info).milestones(self.cluster_id, self.organisation_id)
        return None if found is None else MemberProgress.build(found, info.context.services.app.today())

    def state(self) -> MemberState:
        used, ceiling = self.coaching_half_days_used, self.coaching_half_days_ceiling
        return MemberState(self.organisation_id, Outcome(self.outcome.status), used, ceiling, self.active)

    def _assessments(self, info: Info[Context, None]) -> list[AssessmentRow]:
        return loaders(info).assessments(self.cluster_id, self.organisation_id)

    @strawberry.field
    def coaching_half_days(self, info: Info[Context, None]) -> list[CoachingHalfDay]:
        rows = loaders(info).coaching_half_days(self.cluster_id, self.organisation_id)
        return [CoachingHalfDay.from_row(row, self.organisation_id) for row in rows]

    @strawberry.field(description="Corrections and voids of the ledger's entries, oldest first.")
    def coaching_corrections(self, info: Info[Context, None]) -> list[CoachingCorrection]:
        queries, scope = info.context.services.queries, info.context.scope
        rows = queries.engagement.coaching_corrections(scope, self.cluster_id, self.organisation_id)
        return [CoachingCorrection.from_row(row) for row in rows]

    @classmethod
    def from_row(cls, row: MemberRow, listed_with: tuple[UUID, ...] = ()) -> ClusterMember:
        """`listed_with`: the members listed together, whose organisations' readiness is read together."""
        return cls(
            organisation=Organisation.from_row(row.organisation, listed_with),
            admission_criteria=AdmissionCriteria.from_row(row),
            coaching_half_days_used=row.coaching_half_days_used,
            coaching_half_days_ceiling=row.coaching_half_days_ceiling,
            outcome=MemberOutcome.from_row(row),
            active=row.active,
            cluster_id=row.cluster_id,
            organisation_id=row.organisation.organisation_id,
        )


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

    plan_starts_on: date | None
    closed_on: date | None
    template_version: int | None = strawberry.field(description="The programme template version the cluster keeps.")
    module_titles: list[str]

    @strawberry.field(description="What the coach should know about the cluster's make-up.")
    def warnings(self) -> list[str]:
        return cluster_warnings(self.member_count)

    @strawberry.field(description="Members in view: all of them for coaches and admins, one's own for a member.")
    def members(self, info: Info[Context, None]) -> list[ClusterMember]:
        rows = loaders(info).members(self.cluster_id)
        listed = tuple(row.organisation.organisation_id for row in rows)
        return [ClusterMember.from_row(row, listed) for row in rows]

    @strawberry.field
    def member(self, info: Info[Context, None], organisation_id: strawberry.ID) -> ClusterMember | None:
        return next((m for m in self.members(info) if str(m.organisation_id) == str(organisation_id)), None)

    @strawberry.field(
        description="The milestones every member's progress counts, in the order of each member's `reachedOn`: "
        "the same for every member, asked once."
    )
    def progress_milestones(self) -> list[ProgressMilestone]:
        return catalogue()

    @strawberry.field(description="What the viewer may do to this cluster now.")
    def viewer_can(self, info: Info[Context, None]) -> ClusterViewerCan:
        return on_cluster(info, self.cluster_id, ClusterStatus(self.status), self.members(info))

    @strawberry.field(description="The accepted plan's sessions in date order.")
    def sessions(self, info: Info[Context, None]) -> list[Session]:
        return planning.sessions(info, self.cluster_id)

    @strawberry.field
    def session(self, info: Info[Context, None], key: str) -> Session | None:
        return next((s for s in planning.sessions(info, self.cluster_id) if s.key == key), None)

    @strawberry.field
    def session_moves(self, info: Info[Context, None], key: str) -> list[SessionMove]:
        rows = info.context.services.queries.clusters.session_moves(info.context.scope, self.cluster_id, key)
        return [SessionMove.from_row(row) for row in rows]

    @strawberry.field(description="Who came to a held session, member by member.")
    def attendance(self, info: Info[Context, None], session_key: str) -> list[Attendance]:
        return planning.attendance(info, self.cluster_id, session_key)

    @strawberry.field
    def unavailability(self, info: Info[Context, None]) -> list[Unavailability]:
        return planning.unavailability(info, self.cluster_id)

    @strawberry.field(description="Periods retracted as declared by mistake, with who, when and why.")
    def retracted_unavailability(self, info: Info[Context, None]) -> list[RetractedUnavailability]:
        rows = info.context.services.queries.clusters.unavailability_retractions(info.context.scope, self.cluster_id)
        return [RetractedUnavailability.from_row(row) for row in rows]

    @strawberry.field(description="Planned sessions that fall in a member's declared unavailability.")
    def clashes(self, info: Info[Context, None]) -> list[Clash]:
        return planning.clashes(info, self.cluster_id)

    @strawberry.field(
        description="Feedback shared at its training sessions, grouped by session (a module) and theme (the kind: "
        "worked, hard), ordered by text within a group: never by time, which could single out an unsigned author."
    )
    def feedback(self, info: Info[Context, None], session_key: str | None = None) -> list[FeedbackItem]:
        rows = info.context.services.queries.feedback.feedback(info.context.scope, self.cluster_id, session_key)
        if info.context.as_of is not None and info.context.scope.organisation_id is not None:
            # As of a past moment, another member's unsigned item would tell, asked at two moments, when it was
            # shared: a member reads there only what is signed and its own organisation's.
            rows = [row for row in rows if row.signed_by is not None or row.mine]
        return [FeedbackItem.from_row(row) for row in rows]

    @strawberry.field
    def effort(self, info: Info[Context, None]) -> EffortReport:
        return effort_report(info, self.cluster_id)

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
            plan_starts_on=row.plan_starts_on,
            closed_on=row.closed_on,
            template_version=row.template["version"] if row.template else None,
            module_titles=list(row.template["modules"]) if row.template else [],
            cluster_id=row.cluster_id,
        )


@strawberry.type
class ClusterEdge:
    cursor: str
    node: Cluster


@strawberry.type
class ClusterConnection:
    edges: list[ClusterEdge]
    page_info: PageInfo


@strawberry.type
class ClusterChange:
    cluster: Cluster


ClusterResult = Annotated[Cluster | NotFoundError | ValidationError, strawberry.union("ClusterResult")]


PlanProposalResult = Annotated[
    PlanProposal | NotFoundError | ValidationError | ForbiddenError, strawberry.union("PlanProposalResult")
]


ClusterChangeResult = Annotated[ClusterChange | Refusal, strawberry.union("ClusterChangeResult")]
