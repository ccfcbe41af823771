"""GraphQL shapes of a cluster's plan: sessions, moves, attendance, unavailability, clashes, proposals."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.clusters.viewer_can import (
    SessionViewerCan,
    UnavailabilityViewerCan,
    cluster_status,
    on_session,
    on_unavailability,
)
from backend.graphql.core.context import Context
from backend.graphql.core.loaders import loaders
from domain.clusters import planner
from domain.clusters.rules import SessionStatus, session_title
from domain.clusters.sessions import attendance_warning
from domain.shared.public_holidays import first_day_off
from projections.clusters.rows import RetractionRow, SessionHistoryRow, SessionMoveRow, SessionRow


@strawberry.type(description="A day nobody concerned works: a weekend, or a public holiday of a member's place.")
class DayOff:
    on: date
    reason: str = strawberry.field(
        description='"a weekend", or the holiday and its place: "Christmas Day in Luxembourg".'
    )


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
        return on_session(info, status, SessionStatus(self.status), self.organisation_id is None, self.kind)

    @strawberry.field(description="Planned, moved, held, held undone, cancelled, restored: oldest first.")
    def history(self, info: Info[Context, None]) -> list[SessionStep]:
        rows = info.context.services.queries.clusters.session_history(info.context.scope, self.cluster_id, self.key)
        return [SessionStep.from_row(row) for row in rows]

    @strawberry.field(
        description="The first of its days that is a weekend or a public holiday of a member concerned, and which; "
        "null when every day is a working day. The planner avoids them; a move there was confirmed."
    )
    def day_off(self, info: Info[Context, None]) -> DayOff | None:
        concerned = [
            (m.organisation.country, m.organisation.region)
            for m in loaders(info).members(self.cluster_id)
            if m.active and self.organisation_id in (None, str(m.organisation.organisation_id))
        ]
        session = planner.PlannedSession(
            self.key, planner.SessionKind(self.kind), self.scheduled_on, planner.HalfDay(self.half_day), self.half_days
        )
        found = first_day_off(session.days(), concerned)
        return None if found is None else DayOff(on=found[0], reason=found[1])

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


@strawberry.type(description="One step of a session's history, with who took it, when and why.")
class SessionStep:
    action: str = strawberry.field(description='"planned", "moved", "held", "held_undone", "cancelled" or "restored".')
    on: date | None = strawberry.field(description="The day planned, moved to, held, or whose holding was undone.")
    reason: str | None
    acted_by: str | None = strawberry.field(description="Who did it; none when the system did.")
    acted_at: datetime

    @classmethod
    def from_row(cls, row: SessionHistoryRow) -> SessionStep:
        return cls(action=row.action, on=row.on, reason=row.reason, acted_by=row.acted_by, acted_at=row.acted_at)


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
    cluster_id: strawberry.Private[UUID]

    @strawberry.field(description="What the viewer may do to this period now.")
    def viewer_can(self, info: Info[Context, None]) -> UnavailabilityViewerCan:
        return on_unavailability(info, cluster_status(info, self.cluster_id), UUID(str(self.organisation_id)))


@strawberry.type(description="A period retracted as declared by mistake: it no longer counts for plans or clashes.")
class RetractedUnavailability:
    organisation_name: str
    starts_on: date
    ends_on: date
    reason: str
    retracted_by: str | None
    retracted_at: datetime

    @classmethod
    def from_row(cls, row: RetractionRow) -> RetractedUnavailability:
        return cls(
            organisation_name=row.organisation_name,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            reason=row.reason,
            retracted_by=row.retracted_by,
            retracted_at=row.retracted_at,
        )


@strawberry.type(description="A planned session that falls inside a member's declared unavailability.")
class Clash:
    session_key: str
    session_title: str
    scheduled_on: date
    organisation_id: strawberry.ID
    organisation_name: str


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

    @classmethod
    def proposed(cls, s: planner.PlannedSession, modules: list[str], names: dict[UUID, str]) -> PlannedSession:
        """A session the planner proposes, titled, with its member's name."""
        return cls(
            key=s.key,
            kind=s.kind.value,
            title=session_title(s.kind.value, s.module_number, modules),
            on=s.on,
            half_day=s.half_day.value,
            half_days=s.half_days,
            module_number=s.module_number,
            organisation_name=names.get(s.organisation_id) if s.organisation_id else None,
        )


@strawberry.type(description="The planner's proposal; accept it with its fingerprint.")
class PlanProposal:
    starts_on: date
    fingerprint: str
    sessions: list[PlannedSession]
    notes: list[PlanNote]
