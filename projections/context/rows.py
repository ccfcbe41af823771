"""What the context's queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID


@dataclass(frozen=True)
class Sort:
    """A list's order: a column of its table, and the direction; the item id breaks ties."""

    column: str
    descending: bool = False


@dataclass(frozen=True)
class Page:
    first: int
    after: tuple[str, UUID] | None = None
    """The keyset of the last item seen: its sort value as text, and its id."""


@dataclass(frozen=True)
class IssueFilter:
    side: str | None = None
    category: str | None = None
    status: str | None = "current"
    search: str | None = None


@dataclass(frozen=True)
class PartyFilter:
    environment: str | None = None
    kind: str | None = None
    status: str | None = "current"
    search: str | None = None


@dataclass(frozen=True)
class RoleFilter:
    kind: str | None = None
    status: str | None = "current"
    person: str | None = None


@dataclass(frozen=True)
class IssueRow:
    item_id: UUID
    organisation_id: UUID
    text: str
    side: str
    category: str
    effect: str
    status: str
    raised_at: datetime
    changed_at: datetime
    retired_reason: str | None


@dataclass(frozen=True)
class AnswerRow:
    question_key: str
    answer: str
    answered_at: datetime


@dataclass(frozen=True)
class RequirementRow:
    number: int
    text: str
    status: str
    listed_at: datetime
    withdrawn_reason: str | None


@dataclass(frozen=True)
class PartyRow:
    item_id: UUID
    organisation_id: UUID
    name: str
    kind: str
    environment: str
    status: str
    identified_at: datetime
    retired_reason: str | None
    answers: tuple[AnswerRow, ...] = ()
    requirements: tuple[RequirementRow, ...] = ()


@dataclass(frozen=True)
class RoleRow:
    item_id: UUID
    organisation_id: UUID
    kind: str
    title: str
    responsibilities: str
    person_name: str
    account_id: UUID | None
    status: str
    defined_at: datetime
    retired_reason: str | None
    conflicts: tuple[str, ...] = ()
    """Why the roles its holder holds together conflict (`domain/context/rules.py`), if they do."""


@dataclass(frozen=True)
class Exclusion:
    what: str
    justification: str


@dataclass(frozen=True)
class ScopeVersionRow:
    version: int
    statement: str
    boundaries: str
    interfaces: str
    exclusions: tuple[Exclusion, ...]
    reason: str | None
    stated_by: str | None
    stated_at: datetime


@dataclass(frozen=True)
class CommitmentRow:
    version: int
    evidence: str
    committed_on: date
    admission_cluster_id: UUID | None
    reason: str | None
    recorded_by: str | None
    recorded_at: datetime


@dataclass(frozen=True)
class AdmissionEvidenceRow:
    """The evidence of management commitment recorded when the organisation was admitted to a cluster, as the
    cluster's member read model holds it: shown beside the organisation's own record, never copied into it."""

    cluster_id: UUID
    cluster_name: str
    evidence: str
    admitted_at: datetime


@dataclass(frozen=True)
class MemberAccountRow:
    """An active member account of the organisation: who may be named as a role's holder."""

    account_id: UUID
    display_name: str


@dataclass(frozen=True)
class HistoryRow:
    version: int
    action: str
    summary: str
    reason: str | None
    acted_by: str | None
    acted_at: datetime


@dataclass(frozen=True)
class ContextSummary:
    """An organisation's context in a few figures, for its ISMS home: current items, the scope's latest version."""

    issues: int
    parties: int
    roles: int
    scope_version: int | None
    commitments: int
