"""The ITIL feature's commands. Confirming a gap-analysis proposal is the assessment's own `assessGap`."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.errors import Refusal, user_error
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.itil.actions import DECLARE_ITIL, WITHDRAW_ITIL
from backend.graphql.itil.inputs import DeclareItilPracticeInput, WithdrawItilPracticeInput
from backend.graphql.itil.practices import ItilPractices
from backend.graphql.itil.queries import itil_practices
from domain.application import Saved
from domain.itil.commands import DeclareItilPractice, WithdrawItilPractice
from domain.shared.errors import DomainError


@strawberry.type(description="The declarations after the change.")
class ItilChange:
    itil_practices: ItilPractices


ItilChangeResult = Annotated[ItilChange | Refusal, strawberry.union("ItilChangeResult")]


@strawberry.type
class ItilMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Declares an ITIL step or practice run.")
    async def declare_itil_practice(
        self, info: Info[Context, None], input: DeclareItilPracticeInput
    ) -> ItilChangeResult:
        done = await change(
            info,
            DECLARE_ITIL,
            DeclareItilPractice,
            organisation_id=input.organisation_id,
            item=input.item,
            evidence=input.evidence,
            document_id=input.document_id,
        )
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Kept in the history, with the reason.")
    async def withdraw_itil_practice(
        self, info: Info[Context, None], input: WithdrawItilPracticeInput
    ) -> ItilChangeResult:
        done = await change(
            info,
            WITHDRAW_ITIL,
            WithdrawItilPractice,
            organisation_id=input.organisation_id,
            item=input.item,
            reason=input.reason,
        )
        return _changed(info, done)


def _changed(info: Info[Context, None], done: tuple[Any, Saved] | Refusal) -> ItilChange | Refusal:
    if not isinstance(done, tuple):
        return done
    try:
        return ItilChange(itil_practices=itil_practices(info, str(done[0].organisation_id), "organisation_id"))
    except DomainError as error:
        return user_error(error)
