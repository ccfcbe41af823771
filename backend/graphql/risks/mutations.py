"""The risk register's commands."""

from __future__ import annotations

from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.errors import parse_id, user_error
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.risks.actions import (
    ACCEPT_RISK,
    ASSESS_RISK,
    CHANGE_RISK,
    CLOSE_RISK,
    COPY_RISK_SCENARIO,
    HOLD_RISK_REVIEW,
    IDENTIFY_RISK,
    PLAN_TREATMENT,
    RECORD_MANAGEMENT_DECISION,
    SET_OBJECTIVES,
    SET_RISK_METHOD,
    TREAT_RISK,
)
from backend.graphql.risks.inputs import (
    AcceptRiskInput,
    AssessRiskInput,
    ChangeRiskInput,
    ChangeSecurityObjectiveStatusInput,
    ChangeTreatmentActionStatusInput,
    CloseRiskInput,
    CopyRiskScenarioInput,
    HoldRiskReviewInput,
    IdentifyRiskInput,
    PlanTreatmentActionInput,
    RiskDecisionInput,
    RiskLevelInput,
    SetRiskMethodInput,
    SetSecurityObjectiveInput,
    TreatRiskInput,
)
from backend.graphql.risks.payloads import (
    action_changed,
    method_changed,
    objective_changed,
    review_held,
    risk_changed,
)
from backend.graphql.risks.types import (
    RiskChangeResult,
    RiskMethodChangeResult,
    RiskReviewResult,
    SecurityObjectiveChangeResult,
    TreatmentActionChangeResult,
)
from domain.risks.commands import (
    AcceptRisk,
    AssessRisk,
    ChangeObjectiveStatus,
    ChangeTreatmentActionStatus,
    CloseRisk,
    CopyRiskScenario,
    DescribeRisk,
    HoldRiskReview,
    IdentifyRisk,
    PlanTreatmentAction,
    RecordManagementDecision,
    SetRiskMethod,
    SetSecurityObjective,
    TreatRisk,
)
from domain.shared.errors import DomainError


@strawberry.type
class RisksMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Identifies a risk, unassessed.")
    async def identify_risk(self, info: Info[Context, None], input: IdentifyRiskInput) -> RiskChangeResult:
        try:
            assets = _ids(input.asset_ids, "asset_ids")
            source = (
                None
                if input.source_library_item is None
                else parse_id(input.source_library_item, "source_library_item")
            )
        except DomainError as error:
            return user_error(error)
        done = await change(
            info,
            IDENTIFY_RISK,
            IdentifyRisk,
            organisation_id=input.organisation_id,
            title=input.title,
            threat=input.threat,
            vulnerability=input.vulnerability,
            owner_id=input.owner_id,
            asset_ids=assets,
            source_library_item=source,
            source_library_version=input.source_library_version,
        )
        return risk_changed(info, done)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Identifies a risk from a scenario of the library, recording the scenario and its version.",
    )
    async def copy_risk_scenario(self, info: Info[Context, None], input: CopyRiskScenarioInput) -> RiskChangeResult:
        try:
            assets = _ids(input.asset_ids, "asset_ids")
        except DomainError as error:
            return user_error(error)
        done = await change(
            info, COPY_RISK_SCENARIO, CopyRiskScenario, organisation_id=input.organisation_id,
            library_item_id=input.library_item_id, owner_id=input.owner_id, asset_ids=assets,
        )  # fmt: skip
        return risk_changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Changes what a risk is, saying why.")
    async def change_risk(self, info: Info[Context, None], input: ChangeRiskInput) -> RiskChangeResult:
        try:
            assets = _ids(input.asset_ids, "asset_ids")
        except DomainError as error:
            return user_error(error)
        done = await change(
            info,
            CHANGE_RISK,
            DescribeRisk,
            risk_id=input.risk_id,
            title=input.title,
            threat=input.threat,
            vulnerability=input.vulnerability,
            owner_id=input.owner_id,
            asset_ids=assets,
            reason=input.reason,
        )
        return risk_changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="A re-assessment says why; both are kept.")
    async def assess_risk(self, info: Info[Context, None], input: AssessRiskInput) -> RiskChangeResult:
        done = await change(
            info,
            ASSESS_RISK,
            AssessRisk,
            risk_id=input.risk_id,
            likelihood=input.likelihood,
            impact=input.impact,
            reason=input.reason,
        )
        return risk_changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="The option, the controls, what remains.")
    async def treat_risk(self, info: Info[Context, None], input: TreatRiskInput) -> RiskChangeResult:
        done = await change(
            info,
            TREAT_RISK,
            TreatRisk,
            risk_id=input.risk_id,
            option=input.option,
            residual_likelihood=input.residual_likelihood,
            residual_impact=input.residual_impact,
            controls=tuple(input.controls),
            own_controls=tuple(input.own_controls),
            reason=input.reason,
        )
        return risk_changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Needed above the acceptance criteria.")
    async def record_management_decision(self, info: Info[Context, None], input: RiskDecisionInput) -> RiskChangeResult:
        done = await change(
            info, RECORD_MANAGEMENT_DECISION, RecordManagementDecision, risk_id=input.risk_id, reason=input.reason
        )
        return risk_changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="By the risk's owner only.")
    async def accept_risk(self, info: Info[Context, None], input: AcceptRiskInput) -> RiskChangeResult:
        done = await change(
            info, ACCEPT_RISK, AcceptRisk, risk_id=input.risk_id, reason=input.reason, until=input.until
        )
        return risk_changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="A correction with a reason: never deleted.")
    async def close_risk(self, info: Info[Context, None], input: CloseRiskInput) -> RiskChangeResult:
        done = await change(info, CLOSE_RISK, CloseRisk, risk_id=input.risk_id, reason=input.reason)
        return risk_changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="The next review shows what changed since.")
    async def hold_risk_review(self, info: Info[Context, None], input: HoldRiskReviewInput) -> RiskReviewResult:
        done = await change(
            info,
            HOLD_RISK_REVIEW,
            HoldRiskReview,
            organisation_id=input.organisation_id,
            held_on=input.held_on,
            notes=input.notes,
        )
        return review_held(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def plan_treatment_action(
        self, info: Info[Context, None], input: PlanTreatmentActionInput
    ) -> TreatmentActionChangeResult:
        try:
            risks = _ids(input.risk_ids, "risk_ids")
        except DomainError as error:
            return user_error(error)
        done = await change(
            info,
            PLAN_TREATMENT,
            PlanTreatmentAction,
            organisation_id=input.organisation_id,
            title=input.title,
            owner=input.owner,
            due_on=input.due_on,
            risk_ids=risks,
            controls=tuple(input.controls),
        )
        return action_changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def change_treatment_action_status(
        self, info: Info[Context, None], input: ChangeTreatmentActionStatusInput
    ) -> TreatmentActionChangeResult:
        done = await change(
            info,
            PLAN_TREATMENT,
            ChangeTreatmentActionStatus,
            action_id=input.action_id,
            status=input.status,
            reason=input.reason,
        )
        return action_changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def set_security_objective(
        self, info: Info[Context, None], input: SetSecurityObjectiveInput
    ) -> SecurityObjectiveChangeResult:
        done = await change(
            info,
            SET_OBJECTIVES,
            SetSecurityObjective,
            organisation_id=input.organisation_id,
            title=input.title,
            measure=input.measure,
            owner=input.owner,
            due_on=input.due_on,
        )
        return objective_changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def change_security_objective_status(
        self, info: Info[Context, None], input: ChangeSecurityObjectiveStatusInput
    ) -> SecurityObjectiveChangeResult:
        done = await change(
            info,
            SET_OBJECTIVES,
            ChangeObjectiveStatus,
            objective_id=input.objective_id,
            status=input.status,
            reason=input.reason,
        )
        return objective_changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="A new version; past assessments keep theirs.")
    async def set_risk_method(self, info: Info[Context, None], input: SetRiskMethodInput) -> RiskMethodChangeResult:
        done = await change(
            info,
            SET_RISK_METHOD,
            SetRiskMethod,
            likelihood=_levels(input.likelihood),
            impact=_levels(input.impact),
            levels=_levels(input.levels),
            matrix=tuple((cell.likelihood, cell.impact, cell.level) for cell in input.matrix),
            acceptance=tuple((rule.level, rule.accepted_by) for rule in input.acceptance),
        )
        return method_changed(info, done)


def _levels(given: list[RiskLevelInput]) -> tuple[tuple[int, str, str], ...]:
    return tuple((level.value, level.label, level.description) for level in given)


def _ids(given: list[strawberry.ID], field: str) -> tuple[UUID, ...]:
    return tuple(parse_id(value, field) for value in given)
