"""GraphQL shapes of an organisation's internal audits."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Annotated
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.audits.viewer_can import (
    AuditsViewerCan,
    AuditViewerCan,
    ProgrammeViewerCan,
    may_raise,
    on_audit,
    on_programme,
)
from backend.graphql.core.context import Context
from backend.graphql.core.errors import NotFoundError, Refusal, ValidationError
from backend.graphql.core.pagination import PageInfo
from projections.audits.rows import AuditEventRow, AuditRow, FindingRow, ProgrammeRow


@strawberry.enum(description="How a list of audits is sorted.")
class AuditOrder(Enum):
    DATE = "date"
    TITLE = "title"


@strawberry.type(description="Something done to a programme or an audit, by whom and when.")
class AuditEvent:
    action: str
    details: str
    acted_by: str | None
    acted_at: datetime

    @classmethod
    def from_row(cls, row: AuditEventRow) -> AuditEvent:
        return cls(action=row.action, details=row.details, acted_by=row.acted_by, acted_at=row.acted_at)


@strawberry.type(description="A clause or control a programme audits, and who owns it.")
class AuditArea:
    reference: str
    owner_id: strawberry.ID
    owner_name: str | None


@strawberry.type(description="A finding: its kind, the clause or control it is about and the evidence seen.")
class AuditFinding:
    id: strawberry.ID
    organisation_id: strawberry.ID
    kind: str = strawberry.field(description="major_nonconformity, minor_nonconformity, observation or opportunity.")
    reference: str
    statement: str
    evidence: str
    nonconformity_id: strawberry.ID | None = strawberry.field(description="The nonconformity it raised, if any.")
    recorded_at: datetime

    @strawberry.field(description="Whether the viewer may raise a nonconformity from it now.")
    def viewer_can_raise_nonconformity(self, info: Info[Context, None]) -> bool:
        return may_raise(info, _uuid(self.organisation_id), self.kind, self.nonconformity_id is not None)

    @classmethod
    def from_row(cls, row: FindingRow, organisation_id: strawberry.ID) -> AuditFinding:
        return cls(
            id=strawberry.ID(str(row.finding_id)),
            organisation_id=organisation_id,
            kind=row.kind,
            reference=row.reference,
            statement=row.statement,
            evidence=row.evidence,
            nonconformity_id=strawberry.ID(str(row.nonconformity_id)) if row.nonconformity_id else None,
            recorded_at=row.recorded_at,
        )


@strawberry.type
class Audit:
    id: strawberry.ID
    organisation_id: strawberry.ID
    programme_id: strawberry.ID
    year: int
    title: str
    scope: list[str] = strawberry.field(description="The programme's areas it audits.")
    criteria: str
    planned_on: date
    auditor_id: strawberry.ID
    auditor_name: str | None
    status: str = strawberry.field(description="planned or completed.")
    held_on: date | None
    conclusion: str | None
    finding_count: int
    nonconformity_count: int = strawberry.field(description="Findings that are major or minor nonconformities.")

    @strawberry.field(description="In the order recorded.")
    def findings(self, info: Info[Context, None]) -> list[AuditFinding]:
        rows = info.context.services.queries.audits.findings(info.context.scope, _uuid(self.id))
        return [AuditFinding.from_row(row, self.organisation_id) for row in rows]

    @strawberry.field(description="Planned, then every finding and change, oldest first.")
    def history(self, info: Info[Context, None]) -> list[AuditEvent]:
        rows = info.context.services.queries.audits.history(info.context.scope, _uuid(self.id))
        return [AuditEvent.from_row(row) for row in rows]

    @strawberry.field
    def viewer_can(self, info: Info[Context, None]) -> AuditViewerCan:
        return on_audit(info, _uuid(self.organisation_id), _uuid(self.auditor_id), self.status == "completed")

    @classmethod
    def from_row(cls, row: AuditRow) -> Audit:
        return cls(
            id=strawberry.ID(str(row.audit_id)),
            organisation_id=strawberry.ID(str(row.organisation_id)),
            programme_id=strawberry.ID(str(row.programme_id)),
            year=row.year,
            title=row.title,
            scope=[part for part in row.scope.split(", ") if part],
            criteria=row.criteria,
            planned_on=row.planned_on,
            auditor_id=strawberry.ID(str(row.auditor_id)),
            auditor_name=row.auditor_name,
            status=row.status,
            held_on=row.held_on,
            conclusion=row.conclusion,
            finding_count=row.findings,
            nonconformity_count=row.nonconformities,
        )


@strawberry.type(description="An organisation's audit programme for one year.")
class AuditProgramme:
    id: strawberry.ID
    organisation_id: strawberry.ID
    year: int
    objectives: str
    planned_at: datetime
    areas: list[AuditArea]

    @strawberry.field(description="The programme's audits, by date.")
    def audits(self, info: Info[Context, None]) -> list[Audit]:
        rows = info.context.services.queries.audits.audits_of_programme(info.context.scope, _uuid(self.id))
        return [Audit.from_row(row) for row in rows]

    @strawberry.field(description="Planned, then every revision, oldest first.")
    def history(self, info: Info[Context, None]) -> list[AuditEvent]:
        rows = info.context.services.queries.audits.history(info.context.scope, _uuid(self.id))
        return [AuditEvent.from_row(row) for row in rows]

    @strawberry.field
    def viewer_can(self, info: Info[Context, None]) -> ProgrammeViewerCan:
        return on_programme(info, _uuid(self.organisation_id))

    @classmethod
    def from_row(cls, row: ProgrammeRow) -> AuditProgramme:
        return cls(
            id=strawberry.ID(str(row.programme_id)),
            organisation_id=strawberry.ID(str(row.organisation_id)),
            year=row.year,
            objectives=row.objectives,
            planned_at=row.planned_at,
            areas=[
                AuditArea(reference=a.reference, owner_id=strawberry.ID(str(a.owner_id)), owner_name=a.owner_name)
                for a in row.areas
            ],
        )


@strawberry.type(description="Someone who may own an area, audit it or own a corrective action.")
class IsmsPerson:
    id: strawberry.ID
    name: str


@strawberry.type
class AuditEdge:
    cursor: str
    node: Audit


@strawberry.type(description="A page of an organisation's audits, with its programmes.")
class AuditConnection:
    edges: list[AuditEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Audits the filters match.")
    programmes: list[AuditProgramme] = strawberry.field(description="The organisation's programmes, latest first.")
    viewer_can: AuditsViewerCan


@strawberry.type
class AuditProgrammeChange:
    programme: AuditProgramme


@strawberry.type
class AuditChange:
    audit: Audit


AuditResult = Annotated[Audit | NotFoundError | ValidationError, strawberry.union("AuditResult")]
AuditProgrammeResult = Annotated[
    AuditProgramme | NotFoundError | ValidationError, strawberry.union("AuditProgrammeResult")
]
AuditChangeResult = Annotated[AuditChange | Refusal, strawberry.union("AuditChangeResult")]
AuditProgrammeChangeResult = Annotated[AuditProgrammeChange | Refusal, strawberry.union("AuditProgrammeChangeResult")]


def _uuid(value: strawberry.ID) -> UUID:
    return UUID(str(value))
