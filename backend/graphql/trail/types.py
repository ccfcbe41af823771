"""GraphQL shapes of the audit trail: an event in words, and a page of them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry

from backend.graphql.core.errors import ForbiddenError, NotFoundError, ValidationError
from backend.graphql.core.pagination import PageInfo
from projections.trail.rows import TrailRow


@strawberry.type(description="One recorded event of an item, in words.")
class TrailEvent:
    recorded_at: datetime = strawberry.field(description="When the event was recorded.")
    business_date: date | None = strawberry.field(
        description="The day the recorded fact happened, when the event says (a half-day held on, a measurement "
        "measured on); it may differ from the day it was recorded."
    )
    register: str
    item_kind: str
    item_id: strawberry.ID
    item_version: int
    item_title: str | None
    actor_id: strawberry.ID
    actor_name: str | None = strawberry.field(description="The actor's name when the event was recorded.")
    event_name: str = strawberry.field(description='What happened, in words ("Version approved").')
    summary: str = strawberry.field(description="What changed, in words, cut short; never a secret.")
    reason: str | None

    @strawberry.field(description="Whether the business date is another day than the day the event was recorded.")
    def dated_apart(self) -> bool:
        return self.business_date is not None and self.business_date != self.recorded_at.date()

    @classmethod
    def from_row(cls, row: TrailRow) -> TrailEvent:
        return cls(
            recorded_at=row.recorded_at, business_date=row.business_date, register=row.register,
            item_kind=row.item_kind, item_id=strawberry.ID(str(row.item_id)), item_version=row.item_version,
            item_title=row.item_title, actor_id=strawberry.ID(str(row.actor_id)), actor_name=row.actor_name,
            event_name=row.event_name, summary=row.summary, reason=row.reason,
        )  # fmt: skip


@strawberry.type
class TrailEventEdge:
    cursor: str
    node: TrailEvent


@strawberry.type(description="A page of the trail, newest first.")
class TrailEventConnection:
    edges: list[TrailEventEdge]
    page_info: PageInfo


@strawberry.input(description="Which events of the consultancy's trail: each filter given narrows the trail.")
class AuditTrailFilter:
    account_id: strawberry.ID | None = strawberry.field(default=None, description="The person who acted.")
    register: str | None = None
    from_: date | None = strawberry.field(default=None, name="from", description="Recorded on or after this day.")
    to: date | None = strawberry.field(default=None, description="Recorded on or before this day (UTC).")


ItemTrailResult = Annotated[TrailEventConnection | NotFoundError | ValidationError, strawberry.union("ItemTrailResult")]
AuditTrailResult = Annotated[
    TrailEventConnection | ForbiddenError | ValidationError, strawberry.union("AuditTrailResult")
]
