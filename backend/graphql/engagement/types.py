"""GraphQL shapes of a member's engagement: its coaching ledger, its ceiling's overrides, its outcome."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from projections.clusters.rows import MemberRow
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


@strawberry.type
class CoachingHalfDay:
    entry_number: int
    held_on: date
    coach_name: str
    module_number: int | None = strawberry.field(description="The training module this half-day follows up.")
    work_done: str
    next_steps: str

    @classmethod
    def from_row(cls, row: CoachingRow) -> CoachingHalfDay:
        return cls(
            entry_number=row.entry_number,
            held_on=row.held_on,
            coach_name=row.coach_name,
            module_number=row.module_number,
            work_done=row.work_done,
            next_steps=row.next_steps,
        )


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
