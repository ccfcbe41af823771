"""GraphQL shapes of a member's engagement: its coaching ledger, its ceiling's overrides, its outcome."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.engagement.actions import CORRECT_COACHING
from backend.policy import may
from projections.clusters.rows import MemberRow
from projections.engagement.rows import CoachingCorrectionRow
from projections.queries import (
    CoachingRow,
    OverrideRow,
)


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


@strawberry.type(description="What the viewer may do to an entry of the coaching ledger now.")
class CoachingHalfDayViewerCan:
    correct: bool = strawberry.field(description="Correct its date and notes, or void it, with a reason.")


@strawberry.type
class CoachingHalfDay:
    entry_number: int
    held_on: date
    coach_name: str
    module_number: int | None = strawberry.field(description="The training module this half-day follows up.")
    work_done: str
    next_steps: str
    organisation_id: strawberry.Private[UUID]
    recorded_at: datetime | None = strawberry.field(
        default=None,
        description="When the half-day was recorded in Cordee, which may be days after it was held: history "
        "(`asOf`) goes by this moment.",
    )

    @strawberry.field(description="What the viewer may do to this entry now.")
    def viewer_can(self, info: Info[Context, None]) -> CoachingHalfDayViewerCan:
        return CoachingHalfDayViewerCan(correct=may(info.context.signed_in, CORRECT_COACHING, self.organisation_id))

    @classmethod
    def from_row(cls, row: CoachingRow, organisation_id: UUID) -> CoachingHalfDay:
        return cls(
            organisation_id=organisation_id,
            entry_number=row.entry_number,
            held_on=row.held_on,
            coach_name=row.coach_name,
            module_number=row.module_number,
            work_done=row.work_done,
            next_steps=row.next_steps,
            recorded_at=row.logged_at,
        )


@strawberry.type(description="A correction (with the entry's new values) or the void of a ledger entry.")
class CoachingCorrection:
    entry_number: int
    action: str = strawberry.field(description='"corrected" or "voided".')
    reason: str
    acted_by: str | None
    acted_at: datetime
    held_on: date = strawberry.field(description="What the entry said before, as its notes below.")
    work_done: str
    next_steps: str
    corrected_held_on: date | None
    corrected_work_done: str | None
    corrected_next_steps: str | None

    @classmethod
    def from_row(cls, row: CoachingCorrectionRow) -> CoachingCorrection:
        shown = ("entry_number", "action", "reason", "acted_by", "acted_at", "held_on", "work_done", "next_steps")
        corrected = ("corrected_held_on", "corrected_work_done", "corrected_next_steps")
        return cls(**{name: getattr(row, name) for name in shown + corrected})


@strawberry.type(description="Where the organisation stands: the programme's measure of success.")
class MemberOutcome:
    status: str
    withdrawn_on: date | None
    withdrawal_reason: str | None
    established_on: date | None
    audit_on: date | None
    certification_body: str | None
    certified_on: date | None
    certificate_reference: str | None

    @classmethod
    def from_row(cls, row: MemberRow) -> MemberOutcome:
        return cls(
            status=row.outcome,
            withdrawn_on=row.withdrawn_on,
            withdrawal_reason=row.withdrawal_reason,
            established_on=row.established_on,
            audit_on=row.audit_on,
            certification_body=row.certification_body,
            certified_on=row.certified_on,
            certificate_reference=row.certificate_reference,
        )
