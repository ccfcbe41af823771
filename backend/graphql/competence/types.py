"""GraphQL shapes of an organisation's training records, awareness campaigns and its people's record."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Annotated
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.competence.actions import WITHDRAW_CAMPAIGN, WITHDRAW_TRAINING
from backend.graphql.core.context import Context
from backend.graphql.core.errors import NotFoundError, Refusal, ValidationError
from backend.graphql.core.pagination import PageInfo
from backend.policy import may
from domain.competence.rules import can_withdraw
from projections.competence.rows import (
    AcknowledgedRow,
    AttendedRow,
    CampaignRow,
    HistoryRow,
    PersonRow,
    PolicyRow,
    TrainingRow,
)


@strawberry.enum(description="How training records are sorted.")
class TrainingOrder(Enum):
    DATE = "date"
    """The most recent first."""
    COURSE = "course"


@strawberry.type(description="Something done to a record, by whom (null: the system) and when.")
class CompetenceEvent:
    action: str = strawberry.field(description="recorded, run or withdrawn.")
    reason: str | None
    acted_by: str | None
    acted_at: datetime

    @classmethod
    def from_row(cls, row: HistoryRow) -> CompetenceEvent:
        return cls(action=row.action, reason=row.reason, acted_by=row.acted_by, acted_at=row.acted_at)


@strawberry.type(description="What the viewer may do to a record now.")
class RecordViewerCan:
    withdraw: bool


@strawberry.type
class Training:
    id: strawberry.ID
    organisation_id: strawberry.ID
    account_id: strawberry.ID | None = strawberry.field(description="The member account, when it is one.")
    person: str = strawberry.field(description="The account's name, or the person named.")
    course: str
    completed_on: date
    provider: str
    evidence: str
    document_id: strawberry.ID | None
    document_title: str | None
    withdrawn: bool
    withdrawn_reason: str | None
    recorded_at: datetime

    @strawberry.field(description="Recorded, then withdrawn if it was, oldest first.")
    def history(self, info: Info[Context, None]) -> list[CompetenceEvent]:
        rows = info.context.services.queries.competence.history(info.context.scope, UUID(str(self.id)))
        return [CompetenceEvent.from_row(row) for row in rows]

    @strawberry.field
    def viewer_can(self, info: Info[Context, None]) -> RecordViewerCan:
        allowed = may(info.context.signed_in, WITHDRAW_TRAINING, UUID(str(self.organisation_id)))
        return RecordViewerCan(withdraw=allowed and can_withdraw(self.withdrawn))

    @classmethod
    def from_row(cls, row: TrainingRow) -> Training:
        return cls(
            id=strawberry.ID(str(row.training_id)), organisation_id=strawberry.ID(str(row.organisation_id)),
            account_id=_id(row.account_id), person=row.person, course=row.course, completed_on=row.completed_on,
            provider=row.provider, evidence=row.evidence, document_id=_id(row.document_id),
            document_title=row.document_title, withdrawn=row.withdrawn, withdrawn_reason=row.withdrawn_reason,
            recorded_at=row.recorded_at,
        )  # fmt: skip


@strawberry.type
class AwarenessCampaign:
    id: strawberry.ID
    organisation_id: strawberry.ID
    title: str
    held_on: date
    audience: str
    material: str
    participants: list[str]
    withdrawn: bool
    withdrawn_reason: str | None
    recorded_at: datetime

    @strawberry.field(description="Run, then withdrawn if it was, oldest first.")
    def history(self, info: Info[Context, None]) -> list[CompetenceEvent]:
        rows = info.context.services.queries.competence.history(info.context.scope, UUID(str(self.id)))
        return [CompetenceEvent.from_row(row) for row in rows]

    @strawberry.field
    def viewer_can(self, info: Info[Context, None]) -> RecordViewerCan:
        allowed = may(info.context.signed_in, WITHDRAW_CAMPAIGN, UUID(str(self.organisation_id)))
        return RecordViewerCan(withdraw=allowed and can_withdraw(self.withdrawn))

    @classmethod
    def from_row(cls, row: CampaignRow) -> AwarenessCampaign:
        return cls(
            id=strawberry.ID(str(row.campaign_id)), organisation_id=strawberry.ID(str(row.organisation_id)),
            title=row.title, held_on=row.held_on, audience=row.audience, material=row.material,
            participants=list(row.participants), withdrawn=row.withdrawn, withdrawn_reason=row.withdrawn_reason,
            recorded_at=row.recorded_at,
        )  # fmt: skip


@strawberry.type
class TrainingEdge:
    cursor: str
    node: Training


@strawberry.type(description="What the viewer may do with the organisation's competence records.")
class CompetenceViewerCan:
    record_training: bool
    run_campaign: bool


@strawberry.type(description="A page of an organisation's training records.")
class TrainingConnection:
    edges: list[TrainingEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Records the filters match.")
    viewer_can: CompetenceViewerCan


@strawberry.type
class AwarenessCampaignEdge:
    cursor: str
    node: AwarenessCampaign


@strawberry.type(description="A page of an organisation's awareness campaigns, the most recent first.")
class AwarenessCampaignConnection:
    edges: list[AwarenessCampaignEdge]
    page_info: PageInfo
    total_count: int


@strawberry.type(description="A session of a cluster the person attended, as the coach recorded it.")
class SessionAttended:
    cluster_id: strawberry.ID
    session_key: str
    title: str
    held_on: date | None

    @classmethod
    def from_row(cls, row: AttendedRow) -> SessionAttended:
        return cls(
            cluster_id=strawberry.ID(str(row.cluster_id)), session_key=row.session_key, title=row.title,
            held_on=row.held_on,
        )  # fmt: skip


@strawberry.type(description="A version of a policy the person acknowledged.")
class PolicyAcknowledged:
    document_id: strawberry.ID
    title: str
    version: int
    acknowledged_at: datetime

    @classmethod
    def from_row(cls, row: AcknowledgedRow) -> PolicyAcknowledged:
        return cls(
            document_id=strawberry.ID(str(row.document_id)), title=row.title, version=row.number,
            acknowledged_at=row.acknowledged_at,
        )  # fmt: skip


@strawberry.type(description="A published policy version that asks to be acknowledged.")
class PolicyToAcknowledge:
    document_id: strawberry.ID
    title: str
    version: int

    @classmethod
    def from_row(cls, row: PolicyRow) -> PolicyToAcknowledge:
        return cls(document_id=strawberry.ID(str(row.document_id)), title=row.title, version=row.number)


@strawberry.type(description="One person's competence and awareness: what the registers hold about them.")
class CompetencePerson:
    name: str
    account_id: strawberry.ID | None
    trainings: list[Training]
    sessions_attended: list[SessionAttended]
    campaigns: list[str] = strawberry.field(description="The awareness campaigns they took part in.")
    acknowledged: list[PolicyAcknowledged]
    missing: list[PolicyToAcknowledge] = strawberry.field(
        description="Published policies asking for acknowledgement that this member account has not acknowledged."
    )

    @classmethod
    def from_row(cls, row: PersonRow) -> CompetencePerson:
        return cls(
            name=row.name, account_id=_id(row.account_id),
            trainings=[Training.from_row(t) for t in row.trainings],
            sessions_attended=[SessionAttended.from_row(s) for s in row.sessions], campaigns=list(row.campaigns),
            acknowledged=[PolicyAcknowledged.from_row(a) for a in row.acknowledged],
            missing=[PolicyToAcknowledge.from_row(m) for m in row.missing],
        )  # fmt: skip


@strawberry.type
class TrainingChange:
    training: Training


@strawberry.type
class AwarenessCampaignChange:
    campaign: AwarenessCampaign


TrainingResult = Annotated[Training | NotFoundError | ValidationError, strawberry.union("TrainingResult")]
AwarenessCampaignResult = Annotated[
    AwarenessCampaign | NotFoundError | ValidationError, strawberry.union("AwarenessCampaignResult")
]
TrainingChangeResult = Annotated[TrainingChange | Refusal, strawberry.union("TrainingChangeResult")]
AwarenessCampaignChangeResult = Annotated[
    AwarenessCampaignChange | Refusal, strawberry.union("AwarenessCampaignChangeResult")
]


def _id(value: UUID | None) -> strawberry.ID | None:
    return None if value is None else strawberry.ID(str(value))
