"""The context feature's commands: each builds its command from the input and runs the one command path."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.context.actions import EDIT_CONTEXT
from backend.graphql.context.inputs import (
    AnswerPartyQuestionInput,
    ChangeContextIssueInput,
    ChangeIsmsRoleInput,
    DefineIsmsRoleInput,
    IdentifyInterestedPartyInput,
    ListPartyRequirementInput,
    RaiseContextIssueInput,
    RecordManagementCommitmentInput,
    RetireContextItemInput,
    StateIsmsScopeInput,
    WithdrawPartyRequirementInput,
)
from backend.graphql.context.payloads import ContextChangeResult, context_changed
from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.permissions import AUTHENTICATED
from domain.context import commands as c
from domain.context.isms_scope import Exclusion


def _fields(given: object) -> dict[str, object]:
    """The input's fields as the command names them (ids parsed, and checked, by the command path)."""
    return dict(vars(given))


@strawberry.type
class ContextMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Raises an internal or external issue.")
    async def raise_context_issue(
        self, info: Info[Context, None], input: RaiseContextIssueInput
    ) -> ContextChangeResult:
        return context_changed(info, await change(info, EDIT_CONTEXT, c.RaiseContextIssue, **_fields(input)))

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Changes an issue, saying why.")
    async def change_context_issue(
        self, info: Info[Context, None], input: ChangeContextIssueInput
    ) -> ContextChangeResult:
        return context_changed(info, await change(info, EDIT_CONTEXT, c.ChangeContextIssue, **_fields(input)))

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Retires an issue, saying why.")
    async def retire_context_issue(
        self, info: Info[Context, None], input: RetireContextItemInput
    ) -> ContextChangeResult:
        return context_changed(info, await change(info, EDIT_CONTEXT, c.RetireContextIssue, **_fields(input)))

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Identifies an interested party of a kind.")
    async def identify_interested_party(
        self, info: Info[Context, None], input: IdentifyInterestedPartyInput
    ) -> ContextChangeResult:
        return context_changed(info, await change(info, EDIT_CONTEXT, c.IdentifyInterestedParty, **_fields(input)))

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Answers a question of the party's kind.")
    async def answer_party_question(
        self, info: Info[Context, None], input: AnswerPartyQuestionInput
    ) -> ContextChangeResult:
        return context_changed(info, await change(info, EDIT_CONTEXT, c.AnswerPartyQuestion, **_fields(input)))

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Lists a requirement the party has.")
    async def list_party_requirement(
        self, info: Info[Context, None], input: ListPartyRequirementInput
    ) -> ContextChangeResult:
        return context_changed(info, await change(info, EDIT_CONTEXT, c.ListPartyRequirement, **_fields(input)))

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Withdraws a party's requirement, saying why.")
    async def withdraw_party_requirement(
        self, info: Info[Context, None], input: WithdrawPartyRequirementInput
    ) -> ContextChangeResult:
        return context_changed(info, await change(info, EDIT_CONTEXT, c.WithdrawPartyRequirement, **_fields(input)))

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Retires an interested party, saying why.")
    async def retire_interested_party(
        self, info: Info[Context, None], input: RetireContextItemInput
    ) -> ContextChangeResult:
        return context_changed(info, await change(info, EDIT_CONTEXT, c.RetireInterestedParty, **_fields(input)))

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="States the ISMS scope, or a new version of it.")
    async def state_isms_scope(self, info: Info[Context, None], input: StateIsmsScopeInput) -> ContextChangeResult:
        exclusions = tuple(Exclusion(e.what, e.justification) for e in input.exclusions)
        done = await change(info, EDIT_CONTEXT, c.StateIsmsScope, **_fields(input) | {"exclusions": exclusions})
        return context_changed(info, done, item=False)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Defines a role and names who holds it.")
    async def define_isms_role(self, info: Info[Context, None], input: DefineIsmsRoleInput) -> ContextChangeResult:
        return context_changed(info, await change(info, EDIT_CONTEXT, c.DefineIsmsRole, **_fields(input)))

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Changes a role or its holder, saying why.")
    async def change_isms_role(self, info: Info[Context, None], input: ChangeIsmsRoleInput) -> ContextChangeResult:
        return context_changed(info, await change(info, EDIT_CONTEXT, c.ChangeIsmsRole, **_fields(input)))

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Retires a role, saying why.")
    async def retire_isms_role(self, info: Info[Context, None], input: RetireContextItemInput) -> ContextChangeResult:
        return context_changed(info, await change(info, EDIT_CONTEXT, c.RetireIsmsRole, **_fields(input)))

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="Records management's commitment, or renews it saying why."
    )
    async def record_management_commitment(
        self, info: Info[Context, None], input: RecordManagementCommitmentInput
    ) -> ContextChangeResult:
        return context_changed(
            info, await change(info, EDIT_CONTEXT, c.RecordManagementCommitment, **_fields(input)), item=False
        )
