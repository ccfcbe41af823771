"""GraphQL shapes of an organisation's nonconformities and corrective actions."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Annotated
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import NotFoundError, Refusal, ValidationError
from backend.graphql.core.pagination import PageInfo
from backend.graphql.nonconformities.viewer_can import (
    CorrectiveActionViewerCan,
    NonconformitiesViewerCan,
    NonconformityViewerCan,
    on_action,
    on_nonconformity,
)
from domain.nonconformities.rules import is_overdue
from projections.nonconformities.rows import CorrectiveActionRow, NonconformityEventRow, NonconformityRow


@strawberry.enum(description="How the register is sorted.")
class NonconformityOrder(Enum):
    TITLE = "title"
    DUE = "due"
    """The earliest due date of its open actions first; those with none last."""


@strawberry.type(description="Something done to a nonconformity, by whom and when.")
class NonconformityEvent:
    action: str
    details: str
    acted_by: str | None
    acted_at: datetime

    @classmethod
    def from_row(cls, row: NonconformityEventRow) -> NonconformityEvent:
        return cls(action=row.action, details=row.details, acted_by=row.acted_by, acted_at=row.acted_at)


@strawberry.type(description="A corrective action: its owner, due date, completion and verified effectiveness.")
class CorrectiveAction:
    id: strawberry.ID
    description: str
    owner_id: strawberry.ID
    owner_name: str | None
    due_on: date
    completed_on: date | None
    completion_note: str | None
    verified_by: str | None = strawberry.field(description="Who verified its effectiveness.")
    effective: bool | None = strawberry.field(description="Null until verified.")
    verification_evidence: str | None
    overdue: bool = strawberry.field(description="Not completed by its due date.")
    viewer_can: CorrectiveActionViewerCan

    @classmethod
    def from_row(cls, info: Info[Context, None], row: CorrectiveActionRow, closed: bool) -> CorrectiveAction:
        return cls(
            id=strawberry.ID(str(row.action_id)),
            description=row.description,
            owner_id=strawberry.ID(str(row.owner_id)),
            owner_name=row.owner_name,
            due_on=row.due_on,
            completed_on=row.completed_on,
            completion_note=row.completion_note,
            verified_by=row.verifier_name,
            effective=row.effective,
            verification_evidence=row.verification_evidence,
            overdue=is_overdue(row.due_on, row.completed_on, info.context.services.app.today()),
            viewer_can=on_action(
                info,
                row.organisation_id,
                closed,
                row.owner_id,
                row.completed_on is not None,
                row.verified_by is not None,
            ),
        )


@strawberry.type
class Nonconformity:
    id: strawberry.ID
    organisation_id: strawberry.ID
    title: str
    description: str
    severity: str = strawberry.field(description="major or minor.")
    source_kind: str = strawberry.field(description="audit, incident, review or other.")
    source_reference: str | None = strawberry.field(description="For an audit or an incident: its id.")
    status: str = strawberry.field(description="open, analysed or closed.")
    root_cause: str | None
    correction: str | None
    action_count: int
    overdue: bool = strawberry.field(description="An action of it is not completed by its due date.")
    raised_at: datetime
    closed_at: datetime | None

    @strawberry.field(description="In the order planned.")
    def actions(self, info: Info[Context, None]) -> list[CorrectiveAction]:
        rows = info.context.services.queries.nonconformities.actions(info.context.scope, _uuid(self.id))
        return [CorrectiveAction.from_row(info, row, self.status == "closed") for row in rows]

    @strawberry.field(description="Raised, then every step, oldest first.")
    def history(self, info: Info[Context, None]) -> list[NonconformityEvent]:
        rows = info.context.services.queries.nonconformities.history(info.context.scope, _uuid(self.id))
        return [NonconformityEvent.from_row(row) for row in rows]

    @strawberry.field
    def viewer_can(self, info: Info[Context, None]) -> NonconformityViewerCan:
        rows = info.context.services.queries.nonconformities.actions(info.context.scope, _uuid(self.id))
        effective = [row.effective is True for row in rows]
        closed, analysed = self.status == "closed", self.root_cause is not None
        return on_nonconformity(info, _uuid(self.organisation_id), closed, analysed, effective)

    @classmethod
    def from_row(cls, row: NonconformityRow, today: date) -> Nonconformity:
        return cls(
            id=strawberry.ID(str(row.nonconformity_id)),
            organisation_id=strawberry.ID(str(row.organisation_id)),
            title=row.title,
            description=row.description,
            severity=row.severity,
            source_kind=row.source_kind,
            source_reference=row.source_reference,
            status=row.status,
            root_cause=row.root_cause,
            correction=row.correction,
            action_count=row.actions,
            overdue=row.earliest_due_on is not None and row.earliest_due_on < today,
            raised_at=row.raised_at,
            closed_at=row.closed_at,
        )


@strawberry.type
class NonconformityEdge:
    cursor: str
    node: Nonconformity


@strawberry.type(description="A page of an organisation's nonconformities.")
class NonconformityConnection:
    edges: list[NonconformityEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Nonconformities the filters match.")
    viewer_can: NonconformitiesViewerCan


@strawberry.type
class NonconformityChange:
    nonconformity: Nonconformity


NonconformityResult = Annotated[
    Nonconformity | NotFoundError | ValidationError, strawberry.union("NonconformityResult")
]
NonconformityChangeResult = Annotated[NonconformityChange | Refusal, strawberry.union("NonconformityChangeResult")]


def _uuid(value: strawberry.ID) -> UUID:
    return UUID(str(value))
