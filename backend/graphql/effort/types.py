"""GraphQL shapes of the effort report: each member's days and the cluster's totals."""

from __future__ import annotations

import strawberry

from projections.effort.rows import EffortRow


@strawberry.type
class MemberEffort:
    organisation_name: str
    gap_analysis_days: float
    training_days_attended: float
    coaching_days: float

    @classmethod
    def from_row(cls, row: EffortRow) -> MemberEffort:
        return cls(
            organisation_name=row.organisation_name,
            gap_analysis_days=row.gap_analysis_days,
            training_days_attended=row.training_days_attended,
            coaching_days=row.coaching_days,
        )

    @strawberry.field
    def total_days(self) -> float:
        return self.gap_analysis_days + self.training_days_attended + self.coaching_days


@strawberry.type(description="Days spent, beside what a single-organisation project takes at this consultancy.")
class EffortReport:
    members: list[MemberEffort] = strawberry.field(
        description="The members in view: every member for their coach, its own organisation for a member."
    )
    member_count: int = strawberry.field(description="Every member of the cluster, the ones in view or not.")
    totals_withheld: bool = strawberry.field(
        description="True when a member is not shown the cluster's totals: with fewer than three members they "
        "would tell another member's days. The totals are then null."
    )
    training_days_held: float = strawberry.field(description="Training days held for the whole cluster, once.")
    consultancy_days: float | None = strawberry.field(
        description="The coach's days: gap analyses, training held (once for all), and coaching, of every member."
    )
    days_per_organisation: float | None
    single_organisation_baseline_days: float | None
    share_of_baseline: float | None = strawberry.field(
        description="Days per organisation as a share of the single-organisation baseline."
    )
