"""The competence register's commands: each builds its command from the input and runs the one command path."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.competence.actions import RECORD_TRAINING, RUN_CAMPAIGN, WITHDRAW_CAMPAIGN, WITHDRAW_TRAINING
from backend.graphql.competence.inputs import (
    RecordTrainingInput,
    RunAwarenessCampaignInput,
    WithdrawAwarenessCampaignInput,
    WithdrawTrainingInput,
)
from backend.graphql.competence.types import (
    AwarenessCampaign,
    AwarenessCampaignChange,
    AwarenessCampaignChangeResult,
    Training,
    TrainingChange,
    TrainingChangeResult,
)
from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.errors import Refusal, user_error
from backend.graphql.core.permissions import AUTHENTICATED
from domain.application import Saved
from domain.competence.commands import (
    RecordTraining,
    RunAwarenessCampaign,
    WithdrawAwarenessCampaign,
    WithdrawTraining,
)
from domain.shared.errors import NotFound


@strawberry.type
class CompetenceMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Records a training someone took.")
    async def record_training(self, info: Info[Context, None], input: RecordTrainingInput) -> TrainingChangeResult:
        done = await change(
            info, RECORD_TRAINING, RecordTraining, organisation_id=input.organisation_id, course=input.course,
            completed_on=input.completed_on, provider=input.provider, account_id=input.account_id,
            person_name=input.person_name, evidence=input.evidence, document_id=input.document_id,
        )  # fmt: skip
        return _training(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="A record entered by mistake; it is kept.")
    async def withdraw_training(self, info: Info[Context, None], input: WithdrawTrainingInput) -> TrainingChangeResult:
        done = await change(
            info, WITHDRAW_TRAINING, WithdrawTraining, training_id=input.training_id, reason=input.reason
        )
        return _training(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Records an awareness campaign run.")
    async def run_awareness_campaign(
        self, info: Info[Context, None], input: RunAwarenessCampaignInput
    ) -> AwarenessCampaignChangeResult:
        done = await change(
            info, RUN_CAMPAIGN, RunAwarenessCampaign, organisation_id=input.organisation_id, title=input.title,
            held_on=input.held_on, audience=input.audience, material=input.material,
            participants=tuple(input.participants),
        )  # fmt: skip
        return _campaign(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="A campaign entered by mistake; it is kept.")
    async def withdraw_awareness_campaign(
        self, info: Info[Context, None], input: WithdrawAwarenessCampaignInput
    ) -> AwarenessCampaignChangeResult:
        done = await change(
            info, WITHDRAW_CAMPAIGN, WithdrawAwarenessCampaign, campaign_id=input.campaign_id, reason=input.reason
        )
        return _campaign(info, done)


def _training(info: Info[Context, None], done: tuple[object, Saved] | Refusal) -> TrainingChangeResult:
    if not isinstance(done, tuple):
        return done
    row = info.context.services.queries.competence.training(info.context.scope, done[1].aggregate_id)
    if row is None:
        return user_error(NotFound("The training is saved but is not in your view.", "id"))
    return TrainingChange(training=Training.from_row(row))


def _campaign(info: Info[Context, None], done: tuple[object, Saved] | Refusal) -> AwarenessCampaignChangeResult:
    if not isinstance(done, tuple):
        return done
    row = info.context.services.queries.competence.campaign(info.context.scope, done[1].aggregate_id)
    if row is None:
        return user_error(NotFound("The campaign is saved but is not in your view.", "id"))
    return AwarenessCampaignChange(campaign=AwarenessCampaign.from_row(row))
