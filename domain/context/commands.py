"""Commands on an organisation's context: each names the organisation it acts for, and the item it changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.context.isms_scope import Exclusion


@dataclass(frozen=True)
class RaiseContextIssue:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    text: str
    side: str
    category: str
    effect: str
    item_id: UUID | None = None
    """Named by a caller that replays a story (the demo), so that a second run finds it; otherwise new."""


@dataclass(frozen=True)
class ChangeContextIssue:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    item_id: UUID
    text: str
    side: str
    category: str
    effect: str
    reason: str


@dataclass(frozen=True)
class RetireContextIssue:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    item_id: UUID
    reason: str


@dataclass(frozen=True)
class IdentifyInterestedParty:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    name: str
    kind: str
    item_id: UUID | None = None
    """Named by a caller that replays a story (the demo), so that a second run finds it; otherwise new."""


@dataclass(frozen=True)
class AnswerPartyQuestion:
    """A changed answer says why (`reason`); a first answer needs none."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    item_id: UUID
    question_key: str
    answer: str
    reason: str | None = None


@dataclass(frozen=True)
class ListPartyRequirement:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    item_id: UUID
    text: str


@dataclass(frozen=True)
class WithdrawPartyRequirement:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    item_id: UUID
    requirement_number: int
    reason: str


@dataclass(frozen=True)
class RetireInterestedParty:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    item_id: UUID
    reason: str


@dataclass(frozen=True)
class StateIsmsScope:
    """The first statement, or a new version of it, which says why (`reason`)."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    statement: str
    boundaries: str
    interfaces: str
    exclusions: tuple[Exclusion, ...] = ()
    reason: str | None = None


@dataclass(frozen=True)
class DefineIsmsRole:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    kind: str
    title: str
    responsibilities: str
    person_name: str
    account_id: UUID | None = None
    item_id: UUID | None = None
    """Named by a caller that replays a story (the demo), so that a second run finds it; otherwise new."""


@dataclass(frozen=True)
class ChangeIsmsRole:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    item_id: UUID
    kind: str
    title: str
    responsibilities: str
    person_name: str
    reason: str
    account_id: UUID | None = None


@dataclass(frozen=True)
class RetireIsmsRole:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    item_id: UUID
    reason: str


@dataclass(frozen=True)
class RecordManagementCommitment:
    """The first record, or a renewal, which says why (`reason`). `cluster_id` names the cluster whose admission
    criterion "management commitment" this answers (the organisation must be a member of it)."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    evidence: str
    committed_on: date
    cluster_id: UUID | None = None
    reason: str | None = None
