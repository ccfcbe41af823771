"""GraphQL shapes of the plan, sessions, attendance, unavailability, feedback, gap analyses and effort."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.programme.viewer_can import (
    FeedbackItemViewerCan,
    SessionViewerCan,
    cluster_status,
    on_feedback_item,
    on_session,
)
from domain.assessment.gap_analysis import maturity_areas
from domain.clusters.sessions import attendance_warning
from domain.clusters.rules import SessionStatus
from projections.queries import AssessmentRow, FeedbackRow, OverrideRow, SessionMoveRow, SessionRow


@strawberry.type(description="A session of the plan: training for the whole cluster, or one member's own.")
class Session:
    key: str
    kind: str
    title: str
    module_number: int | None
    organisation_id: strawberry.ID | None = strawberry.field(
        description="The member concerned; none for cluster sessions."
    )
    organisation_name: str | None
    scheduled_on: date
    half_day: str
    half_days: int
    status: str
    held_on: date | None
    held_half_days: int | None
    cancellation_reason: str | None
    cluster_id: strawberry.Private[UUID]

    @strawberry.field(description="What the viewer may do to this session now.")
    def viewer_can(self, info: Info[Context, None]) -> SessionViewerCan:
        status = cluster_status(info, self.cluster_id)
        return on_session(info, status, SessionStatus(self.status), self.organisation_id is None)

    @classmethod
    def from_row(cls, row: SessionRow, names: dict[UUID, str], cluster_id: UUID) -> Session:
        return cls(
            cluster_id=cluster_id,
            key=row.key,
            kind=row.kind,
            title=row.title,
            module_number=row.module_number,
            organisation_id=strawberry.ID(str(row.organisation_id)) if row.organisation_id else None,
            organisation_name=names.get(row.organisation_id) if row.organisation_id else None,
            scheduled_on=row.scheduled_on,
            half_day=row.half_day,
            half_days=row.half_days,
            status=row.status,
            held_on=row.held_on,
            held_half_days=row.held_half_days,
            cancellation_reason=row.cancellation_reason,
        )


@strawberry.type
class SessionMove:
    moved_at: datetime
    from_on: date
    to_on: date
    reason: str

    @classmethod
    def from_row(cls, row: SessionMoveRow) -> SessionMove:
        return cls(moved_at=row.moved_at, from_on=row.from_on, to_on=row.to_on, reason=row.reason)


@strawberry.type(description="Who came from one member. Fewer than two is a warning; nobody means absent.")
class Attendance:
    organisation_id: strawberry.ID
    organisation_name: str
    attendees: list[str]

    @strawberry.field
    def absent(self) -> bool:
        return not self.attendees

    @strawberry.field
    def warning(self) -> str | None:
        return attendance_warning(self.attendees)


@strawberry.type
class Unavailability:
    organisation_id: strawberry.ID
    organisation_name: str
    starts_on: date
    ends_on: date
    reason: str


@strawberry.type(description="A planned session that falls inside a member's declared unavailability.")
class Clash:
    session_key: str
    session_title: str
    scheduled_on: date
    organisation_id: strawberry.ID
    organisation_name: str


@strawberry.type(description="An item of feedback. The author is shown only if they signed it.")
class FeedbackItem:
    id: strawberry.ID
    session_key: str
    kind: str
    text: str
    signed_by: str | None
    status: str
    hidden_reason: str | None
    shared_at: datetime
    mine: bool = strawberry.field(description="Shared by the viewer's own organisation (which may withdraw it).")

    @strawberry.field(description="What the viewer may do to this item now.")
    def viewer_can(self, info: Info[Context, None]) -> FeedbackItemViewerCan:
        return on_feedback_item(info, self.status, self.mine)

    @classmethod
    def from_row(cls, row: FeedbackRow) -> FeedbackItem:
        return cls(
            id=strawberry.ID(str(row.item_id)),
            session_key=row.session_key,
            kind=row.kind,
            text=row.text,
            signed_by=row.signed_by,
            status=row.status,
            hidden_reason=row.hidden_reason,
            shared_at=row.shared_at,
            mine=row.mine,
        )


@strawberry.type
class MaturityLevel:
    area: str
    title: str
    level: int
    change_since_first: int | None = strawberry.field(description="Progress against the first assessment.")


@strawberry.type
class Assessment:
    number: int
    visited_on: date
    analysed_on: date
    estimated_coaching_half_days: int
    formula_version: int
    levels: list[MaturityLevel]

    @classmethod
    def from_rows(cls, row: AssessmentRow, first: AssessmentRow) -> Assessment:
        def level(group: str, code: str, title: str) -> MaturityLevel:
            levels, baseline = (
                (row.clause_levels, first.clause_levels)
                if group == "clause"
                else (row.theme_levels, first.theme_levels)
            )
            change = None if row is first else levels[code] - baseline[code]
            return MaturityLevel(area=f"{group} {code}", title=title, level=levels[code], change_since_first=change)

        return cls(
            number=row.number,
            visited_on=row.visited_on,
            analysed_on=row.analysed_on,
            estimated_coaching_half_days=row.estimated_half_days,
            formula_version=row.formula_version,
            levels=[level(*area) for area in maturity_areas()],
        )


@strawberry.type(description="An area a gap analysis rates from 0 to 5: an ISO/IEC 27001 clause or Annex A theme.")
class MaturityArea:
    group: str
    code: str
    title: str


@strawberry.type(description="A decision to coach past the template's ceiling.")
class CeilingOverride:
    decided_at: datetime
    additional_half_days: int
    reason: str
    decided_by: str

    @classmethod
    def from_row(cls, row: OverrideRow) -> CeilingOverride:
        return cls(
            decided_at=row.decided_at,
            additional_half_days=row.additional_half_days,
            reason=row.reason,
            decided_by=row.decided_by,
        )


@strawberry.type
class MemberEffort:
    organisation_name: str
    gap_analysis_days: float
    training_days_attended: float
    coaching_days: float

    @strawberry.field
    def total_days(self) -> float:
        return self.gap_analysis_days + self.training_days_attended + self.coaching_days


@strawberry.type(description="Days spent, beside what a single-organisation project takes at this consultancy.")
class EffortReport:
    members: list[MemberEffort]
    training_days_held: float = strawberry.field(description="Training days held for the whole cluster, once.")
    consultancy_days: float = strawberry.field(
        description="The coach's days: gap analyses, training held (once for all), and coaching."
    )
    days_per_organisation: float | None
    single_organisation_baseline_days: float | None
    share_of_baseline: float | None = strawberry.field(
        description="Days per organisation as a share of the single-organisation baseline."
    )


@strawberry.type
class PlanNote:
    key: str
    message: str


@strawberry.type
class PlannedSession:
    key: str
    kind: str
    title: str
    on: date
    half_day: str
    half_days: int
    module_number: int | None
    organisation_name: str | None


@strawberry.type(description="The planner's proposal; accept it with its fingerprint.")
class PlanProposal:
    starts_on: date
    fingerprint: str
    sessions: list[PlannedSession]
    notes: list[PlanNote]
