"""The competence register's reads: training records and campaigns by page, one record, the people's record."""

from __future__ import annotations

import base64
import json
from datetime import date
from uuid import UUID

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from backend.graphql.competence.actions import RECORD_TRAINING, RUN_CAMPAIGN
from backend.graphql.competence.types import (
    AwarenessCampaign,
    AwarenessCampaignConnection,
    AwarenessCampaignEdge,
    AwarenessCampaignResult,
    CompetencePerson,
    CompetenceViewerCan,
    Training,
    TrainingConnection,
    TrainingEdge,
    TrainingOrder,
    TrainingResult,
)
from backend.graphql.core.context import Context
from backend.graphql.core.errors import lookup_refusal, parse_id, user_error
from backend.graphql.core.pagination import PageInfo, check_page_size
from backend.graphql.core.permissions import IsAuthenticated
from backend.policy import may
from domain.shared.errors import DomainError, NotFound, ValidationFailed
from domain.shared.text import single_line
from projections.competence.queries import CampaignKey, TrainingFilter, TrainingKey

SEARCH_MAX_LENGTH = 100
NO_ORGANISATION = "No organisation with this id."


@strawberry.type
class CompetenceQuery:
    @strawberry.field(permission_classes=[IsAuthenticated], description="An organisation's training records.")
    def trainings(
        self,
        info: Info[Context, None],
        organisation_id: strawberry.ID,
        first: int = 25,
        after: str | None = None,
        account_id: strawberry.ID | None = None,
        search: str | None = None,
        withdrawn: bool = False,
        order_by: TrainingOrder = TrainingOrder.DATE,
    ) -> TrainingConnection:
        try:
            organisation = _organisation_in_view(info, organisation_id)
            size, keyset = check_page_size(first), _decode_training(after, order_by)
            account = None if account_id is None else parse_id(account_id, "account_id")
            given = TrainingFilter(account, _search(search), withdrawn, order_by.value)
        except DomainError as error:
            raise _refused(error) from None
        queries = info.context.services.queries.competence
        found = queries.trainings(info.context.scope, organisation, size, keyset, given)
        edges = [
            TrainingEdge(
                cursor=_encode_training(queries.key_of(r, order_by.value), order_by), node=Training.from_row(r)
            )
            for r in found.rows
        ]
        p = info.context.signed_in
        return TrainingConnection(
            edges=edges,
            page_info=PageInfo(has_next_page=found.has_next_page, end_cursor=edges[-1].cursor if edges else None),
            total_count=found.total,
            viewer_can=CompetenceViewerCan(
                record_training=may(p, RECORD_TRAINING, organisation), run_campaign=may(p, RUN_CAMPAIGN, organisation)
            ),
        )

    @strawberry.field(permission_classes=[IsAuthenticated])
    def training(self, info: Info[Context, None], id: strawberry.ID) -> TrainingResult:
        try:
            row = info.context.services.queries.competence.training(info.context.scope, parse_id(id, "id"))
            if row is None:
                raise NotFound("No training record with this id.", "id")
        except DomainError as error:
            return lookup_refusal(error)
        return Training.from_row(row)

    @strawberry.field(
        permission_classes=[IsAuthenticated], description="An organisation's awareness campaigns, newest first."
    )
    def awareness_campaigns(
        self,
        info: Info[Context, None],
        organisation_id: strawberry.ID,
        first: int = 25,
        after: str | None = None,
        search: str | None = None,
    ) -> AwarenessCampaignConnection:
        try:
            organisation = _organisation_in_view(info, organisation_id)
            size, keyset = check_page_size(first), _decode_campaign(after)
            words = _search(search)
        except DomainError as error:
            raise _refused(error) from None
        found = info.context.services.queries.competence.campaigns(
            info.context.scope, organisation, size, keyset, words
        )
        edges = [
            AwarenessCampaignEdge(cursor=_encode_campaign(r.held_on, r.campaign_id), node=AwarenessCampaign.from_row(r))
            for r in found.rows
        ]
        return AwarenessCampaignConnection(
            edges=edges,
            page_info=PageInfo(has_next_page=found.has_next_page, end_cursor=edges[-1].cursor if edges else None),
            total_count=found.total,
        )

    @strawberry.field(permission_classes=[IsAuthenticated])
    def awareness_campaign(self, info: Info[Context, None], id: strawberry.ID) -> AwarenessCampaignResult:
        try:
            row = info.context.services.queries.competence.campaign(info.context.scope, parse_id(id, "id"))
            if row is None:
                raise NotFound("No awareness campaign with this id.", "id")
        except DomainError as error:
            return lookup_refusal(error)
        return AwarenessCampaign.from_row(row)

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Everyone the organisation's records name, by name: trainings, cluster sessions attended, "
        "campaigns, policies acknowledged and those still to acknowledge.",
    )
    def competence_people(self, info: Info[Context, None], organisation_id: strawberry.ID) -> list[CompetencePerson]:
        try:
            organisation = _organisation_in_view(info, organisation_id)
        except DomainError as error:
            raise _refused(error) from None
        rows = info.context.services.queries.competence.people(info.context.scope, organisation)
        return [CompetencePerson.from_row(row) for row in rows]


def _refused(error: DomainError) -> GraphQLError:
    return GraphQLError(error.message, extensions={"code": error.code, "field": user_error(error).field})


def _organisation_in_view(info: Info[Context, None], organisation_id: str) -> UUID:
    found = parse_id(organisation_id, "organisation_id")
    if info.context.services.queries.organisations.with_registers(info.context.scope, found) is None:
        raise ValidationFailed("organisation_id", NO_ORGANISATION)
    return found


def _search(search: str | None) -> str | None:
    return single_line("search", search, SEARCH_MAX_LENGTH, required=False) or None


def _encode(parts: list[str]) -> str:
    return base64.urlsafe_b64encode(json.dumps(parts).encode()).decode()


def _parts(cursor: str) -> list[str]:
    parts = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    if not isinstance(parts, list) or not all(isinstance(p, str) for p in parts):
        raise ValueError(cursor)
    return parts


def _encode_training(key: TrainingKey, order: TrainingOrder) -> str:
    return _encode([order.value, key.value, str(key.training_id)])


def _decode_training(cursor: str | None, order: TrainingOrder) -> TrainingKey | None:
    if cursor is None:
        return None
    try:
        name, value, training_id = _parts(cursor)
        if name != order.value or len(value) > 200:
            raise ValueError(name)
        if order is TrainingOrder.DATE:
            date.fromisoformat(value)
        return TrainingKey(value, UUID(training_id))
    except (ValueError, TypeError, RecursionError):
        raise ValidationFailed("after", "This is not a cursor given by this API for this order.") from None


def _encode_campaign(held_on: date, campaign_id: UUID) -> str:
    return _encode(["campaign", held_on.isoformat(), str(campaign_id)])


def _decode_campaign(cursor: str | None) -> CampaignKey | None:
    if cursor is None:
        return None
    try:
        name, held_on, campaign_id = _parts(cursor)
        if name != "campaign":
            raise ValueError(name)
        return CampaignKey(date.fromisoformat(held_on), UUID(campaign_id))
    except (ValueError, TypeError, RecursionError):
        raise ValidationFailed("after", "This is not a cursor given by this API.") from None
