"""The ITIL feature's commands. Confirming a gap-analysis proposal is the assessment's own `assessGap`."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from backend.graphql.assessment.inputs import LevelInput
from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.errors import Refusal, user_error
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.itil.actions import CONFIRM_ITIL_GAP, DECLARE_ITIL, WITHDRAW_ITIL
from backend.graphql.itil.inputs import (
    ConfirmItilGapProposalsInput,
    DeclareItilPracticeInput,
    WithdrawItilPracticeInput,
)
from backend.graphql.itil.practices import ItilPractices
from backend.graphql.itil.queries import itil_practices
from domain.application import Saved
from domain.itil.commands import ConfirmGapProposals, DeclareItilPractice, WithdrawItilPractice
from domain.shared.errors import DomainError, ValidationFailed


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

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Records the member's gap analysis with the levels the ITIL declarations proposed, confirmed or "
        "corrected, and which of them came from a proposal, together.",
    )
    async def confirm_itil_gap_proposals(
        self, info: Info[Context, None], input: ConfirmItilGapProposalsInput
    ) -> ItilChangeResult:
        try:
            levels = {name: _levels(name, getattr(input, name)) for name in ("clause_levels", "theme_levels")}
        except ValidationFailed as error:
            return user_error(error)
        done = await change(
            info,
            CONFIRM_ITIL_GAP,
            ConfirmGapProposals,
            cluster_id=input.cluster_id,
            organisation_id=input.organisation_id,
            visited_on=input.visited_on,
            analysed_on=input.analysed_on,
            **levels,
        )
        return _changed(info, done)


def _levels(field: str, given: list[LevelInput]) -> dict[str, int]:
    levels: dict[str, int] = {}
    for item in given:
        if item.area in levels:
            raise ValidationFailed(f"{field}.{item.area}", "This area is given twice.")
        levels[item.area] = item.level
    return levels


def _changed(info: Info[Context, None], done: tuple[Any, Saved] | Refusal) -> ItilChange | Refusal:
    if not isinstance(done, tuple):
        return done
    try:
        return ItilChange(itil_practices=itil_practices(info, str(done[0].organisation_id), "organisation_id"))
    except DomainError as error:
        return user_error(error)
