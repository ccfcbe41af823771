"""GraphQL shapes of an organisation's context, built from the read rows."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.types import Info

from backend.graphql.context.history import item_history
from backend.graphql.context.viewer_can import ItemViewerCan, on_item
from backend.graphql.core.context import Context
from backend.graphql.core.pagination import PageInfo
from domain.context.templates import StakeholderKind as Kind
from domain.context.templates import stakeholder_kind
from projections.context.rows import (
    AdmissionEvidenceRow,
    CommitmentRow,
    HistoryRow,
    IssueRow,
    PartyRow,
    RoleRow,
    ScopeVersionRow,
)


@strawberry.type(description="What was done to an item, by whom, when and why.")
class ContextItemChange:
    action: str
    summary: str
    reason: str | None
    acted_by: str | None
    acted_at: datetime

    @classmethod
    def from_row(cls, row: HistoryRow) -> ContextItemChange:
        return cls(
            action=row.action, summary=row.summary, reason=row.reason, acted_by=row.acted_by, acted_at=row.acted_at
        )


def _history(info: Info[Context, None], organisation_id: str, item_id: str) -> list[ContextItemChange]:
    return [ContextItemChange.from_row(row) for row in item_history(info, organisation_id, item_id)]


@strawberry.type(description="A question of a kind's template.")
class StakeholderQuestion:
    key: str
    text: str


@strawberry.type(description="A kind of interested party (paper 000's cloud pattern) and the questions it asks.")
class StakeholderKind:
    key: str
    label: str
    environment: str = strawberry.field(description='"direct" or "indirect".')
    questions: list[StakeholderQuestion]

    @classmethod
    def from_kind(cls, kind: Kind) -> StakeholderKind:
        questions = [StakeholderQuestion(key=q.key, text=q.text) for q in kind.questions]
        return cls(key=kind.key, label=kind.label, environment=kind.environment, questions=questions)


@strawberry.type(description="An internal or external issue of the organisation (4.1).")
class ContextIssue:
    id: strawberry.ID
    organisation_id: strawberry.ID
    text: str
    side: str
    category: str
    effect: str = strawberry.field(description="How it affects the ISMS.")
    status: str = strawberry.field(description='"current" or "retired".')
    raised_at: datetime
    changed_at: datetime
    retired_reason: str | None

    @strawberry.field(description="What the viewer may do to this issue now.")
    def viewer_can(self, info: Info[Context, None]) -> ItemViewerCan:
        return on_item(info, self.organisation_id, self.status)

    @strawberry.field(description="Raised, changed, retired: oldest first.")
    def history(self, info: Info[Context, None]) -> list[ContextItemChange]:
        return _history(info, self.organisation_id, self.id)

    @classmethod
    def from_row(cls, row: IssueRow) -> ContextIssue:
        return cls(
            id=strawberry.ID(str(row.item_id)),
            organisation_id=strawberry.ID(str(row.organisation_id)),
            text=row.text,
            side=row.side,
            category=row.category,
            effect=row.effect,
            status=row.status,
            raised_at=row.raised_at,
            changed_at=row.changed_at,
            retired_reason=row.retired_reason,
        )


@strawberry.type(description="A question of the party's kind, with the organisation's answer if given.")
class PartyQuestion:
    key: str
    text: str
    answer: str | None
    answered_at: datetime | None


@strawberry.type(description="A requirement the party has of the organisation, numbered in the party.")
class PartyRequirement:
    number: int
    text: str
    status: str = strawberry.field(description='"standing" or "withdrawn".')
    listed_at: datetime
    withdrawn_reason: str | None


@strawberry.type(description="An interested party (4.2), of a kind of paper 000's cloud pattern.")
class InterestedParty:
    id: strawberry.ID
    organisation_id: strawberry.ID
    name: str
    kind: str
    kind_label: str
    environment: str = strawberry.field(description='"direct" or "indirect".')
    status: str
    identified_at: datetime
    retired_reason: str | None
    questions: list[PartyQuestion] = strawberry.field(description="The kind's template, answered or not.")
    requirements: list[PartyRequirement]

    @strawberry.field(description="What the viewer may do to this party now.")
    def viewer_can(self, info: Info[Context, None]) -> ItemViewerCan:
        return on_item(info, self.organisation_id, self.status)

    @strawberry.field(description="Identified, answered, requirements listed and withdrawn, retired: oldest first.")
    def history(self, info: Info[Context, None]) -> list[ContextItemChange]:
        return _history(info, self.organisation_id, self.id)

    @classmethod
    def from_row(cls, row: PartyRow) -> InterestedParty:
        kind = stakeholder_kind(row.kind)
        answers = {a.question_key: a for a in row.answers}
        questions = [
            PartyQuestion(
                key=q.key,
                text=q.text,
                answer=answers[q.key].answer if q.key in answers else None,
                answered_at=answers[q.key].answered_at if q.key in answers else None,
            )
            for q in kind.questions
        ]
        requirements = [
            PartyRequirement(
                number=r.number,
                text=r.text,
                status=r.status,
                listed_at=r.listed_at,
                withdrawn_reason=r.withdrawn_reason,
            )
            for r in row.requirements
        ]
        return cls(
            id=strawberry.ID(str(row.item_id)),
            organisation_id=strawberry.ID(str(row.organisation_id)),
            name=row.name,
            kind=row.kind,
            kind_label=kind.label,
            environment=row.environment,
            status=row.status,
            identified_at=row.identified_at,
            retired_reason=row.retired_reason,
            questions=questions,
            requirements=requirements,
        )


@strawberry.type(description="A role of the ISMS (5.3) and the person who holds it.")
class IsmsRole:
    id: strawberry.ID
    organisation_id: strawberry.ID
    kind: str
    title: str
    responsibilities: str
    person_name: str
    account_id: strawberry.ID | None = strawberry.field(description="The holder's member account, if named.")
    status: str
    defined_at: datetime
    retired_reason: str | None
    conflicts: list[str] = strawberry.field(
        description="Why the roles its holder holds together conflict; empty when they do not (several roles are fine)."
    )

    @strawberry.field(description="What the viewer may do to this role now.")
    def viewer_can(self, info: Info[Context, None]) -> ItemViewerCan:
        return on_item(info, self.organisation_id, self.status)

    @strawberry.field(description="Defined, changed, retired: oldest first.")
    def history(self, info: Info[Context, None]) -> list[ContextItemChange]:
        return _history(info, self.organisation_id, self.id)

    @classmethod
    def from_row(cls, row: RoleRow) -> IsmsRole:
        account = strawberry.ID(str(row.account_id)) if row.account_id else None
        return cls(
            id=strawberry.ID(str(row.item_id)),
            organisation_id=strawberry.ID(str(row.organisation_id)),
            kind=row.kind,
            title=row.title,
            responsibilities=row.responsibilities,
            person_name=row.person_name,
            account_id=account,
            status=row.status,
            defined_at=row.defined_at,
            retired_reason=row.retired_reason,
            conflicts=list(row.conflicts),
        )


@strawberry.type(description="A member account of the organisation, which a role may name as its holder.")
class MemberAccount:
    id: strawberry.ID
    display_name: str


@strawberry.type
class ScopeExclusion:
    what: str
    justification: str


@strawberry.type(description="A version of the ISMS scope statement (4.3), as stated.")
class IsmsScopeVersion:
    version: int
    statement: str
    boundaries: str
    interfaces: str
    exclusions: list[ScopeExclusion]
    reason: str | None = strawberry.field(description="Why this version replaced the one before; null for the first.")
    stated_by: str | None
    stated_at: datetime

    @classmethod
    def from_row(cls, row: ScopeVersionRow) -> IsmsScopeVersion:
        return cls(
            version=row.version,
            statement=row.statement,
            boundaries=row.boundaries,
            interfaces=row.interfaces,
            exclusions=[ScopeExclusion(what=e.what, justification=e.justification) for e in row.exclusions],
            reason=row.reason,
            stated_by=row.stated_by,
            stated_at=row.stated_at,
        )


@strawberry.type(description="A record of top management's commitment to the ISMS (5.1).")
class CommitmentRecord:
    version: int
    evidence: str
    committed_on: date
    admission_cluster_id: strawberry.ID | None = strawberry.field(
        description="The cluster whose admission criterion this record answers."
    )
    reason: str | None
    recorded_by: str | None
    recorded_at: datetime

    @classmethod
    def from_row(cls, row: CommitmentRow) -> CommitmentRecord:
        cluster = strawberry.ID(str(row.admission_cluster_id)) if row.admission_cluster_id else None
        return cls(
            version=row.version,
            evidence=row.evidence,
            committed_on=row.committed_on,
            admission_cluster_id=cluster,
            reason=row.reason,
            recorded_by=row.recorded_by,
            recorded_at=row.recorded_at,
        )


@strawberry.type(description="The evidence of management commitment recorded when the organisation was admitted.")
class AdmissionCommitment:
    cluster_id: strawberry.ID
    cluster_name: str
    evidence: str
    admitted_at: datetime

    @classmethod
    def from_row(cls, row: AdmissionEvidenceRow) -> AdmissionCommitment:
        return cls(
            cluster_id=strawberry.ID(str(row.cluster_id)),
            cluster_name=row.cluster_name,
            evidence=row.evidence,
            admitted_at=row.admitted_at,
        )


@strawberry.type
class ContextIssueEdge:
    cursor: str
    node: ContextIssue


@strawberry.type
class ContextIssueConnection:
    edges: list[ContextIssueEdge]
    page_info: PageInfo


@strawberry.type
class InterestedPartyEdge:
    cursor: str
    node: InterestedParty


@strawberry.type
class InterestedPartyConnection:
    edges: list[InterestedPartyEdge]
    page_info: PageInfo


@strawberry.type
class IsmsRoleEdge:
    cursor: str
    node: IsmsRole


@strawberry.type
class IsmsRoleConnection:
    edges: list[IsmsRoleEdge]
    page_info: PageInfo


@strawberry.type(description="The fixed choices of the context's forms.")
class ContextChoices:
    issue_sides: list[str]
    issue_categories: list[str]
    role_kinds: list[str]
