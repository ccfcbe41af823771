"""The inputs of the context's mutations and the filters of its lists. Choices are text, checked by the domain."""

from __future__ import annotations

from datetime import date

import strawberry


@strawberry.input
class OrganisationItemInput:
    organisation_id: strawberry.ID
    item_id: strawberry.ID = strawberry.field(description="The issue, party or role.")


@strawberry.input
class RetireContextItemInput(OrganisationItemInput):
    reason: str


@strawberry.input
class RaiseContextIssueInput:
    organisation_id: strawberry.ID
    text: str
    side: str = strawberry.field(description='"internal" or "external".')
    category: str = strawberry.field(description="One of `contextChoices.issueCategories`.")
    effect: str = strawberry.field(description="How the issue affects the ISMS.")


@strawberry.input
class ChangeContextIssueInput(OrganisationItemInput):
    text: str
    side: str
    category: str
    effect: str
    reason: str


@strawberry.input
class IdentifyInterestedPartyInput:
    organisation_id: strawberry.ID
    name: str
    kind: str = strawberry.field(description="The key of one of `stakeholderKinds`.")


@strawberry.input(description="A changed answer says why; a first answer needs no reason.")
class AnswerPartyQuestionInput(OrganisationItemInput):
    question_key: str
    answer: str
    reason: str | None = None


@strawberry.input
class ListPartyRequirementInput(OrganisationItemInput):
    text: str


@strawberry.input
class WithdrawPartyRequirementInput(OrganisationItemInput):
    requirement_number: int
    reason: str


@strawberry.input
class ExclusionInput:
    what: str
    justification: str = strawberry.field(description="Why it is left out: required.")


@strawberry.input(description="The first statement, or a new version, which says why.")
class StateIsmsScopeInput:
    organisation_id: strawberry.ID
    statement: str
    boundaries: str
    interfaces: str
    exclusions: list[ExclusionInput] = strawberry.field(default_factory=list)
    reason: str | None = None


@strawberry.input
class DefineIsmsRoleInput:
    organisation_id: strawberry.ID
    kind: str = strawberry.field(description="One of `contextChoices.roleKinds`.")
    title: str
    responsibilities: str
    person_name: str
    account_id: strawberry.ID | None = strawberry.field(
        default=None, description="The holder's member account of the organisation, if they have one."
    )


@strawberry.input
class ChangeIsmsRoleInput(OrganisationItemInput):
    kind: str
    title: str
    responsibilities: str
    person_name: str
    reason: str
    account_id: strawberry.ID | None = None


@strawberry.input(description="The first record, or a renewal, which says why.")
class RecordManagementCommitmentInput:
    organisation_id: strawberry.ID
    evidence: str
    committed_on: date
    cluster_id: strawberry.ID | None = strawberry.field(
        default=None, description="The cluster whose admission criterion this commitment answers."
    )
    reason: str | None = None


@strawberry.input
class IssueFilter:
    side: str | None = None
    category: str | None = None
    status: str | None = strawberry.field(default="current", description='"current", "retired", or null for all.')
    search: str | None = None


@strawberry.input
class PartyFilter:
    environment: str | None = strawberry.field(default=None, description='"direct" or "indirect".')
    kind: str | None = None
    status: str | None = "current"
    search: str | None = None


@strawberry.input
class RoleFilter:
    kind: str | None = None
    status: str | None = "current"
    person: str | None = strawberry.field(default=None, description="Part of the holder's name.")
