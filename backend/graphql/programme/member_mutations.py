"""Commands on one member of a cluster: coaching, its ceiling, gap analyses and outcomes."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.auth.principal import Principal
from backend.graphql.context import Context
from backend.graphql.errors import parse_id
from backend.graphql.permissions import AUTHENTICATED
from backend.graphql.programme.common import on_cluster, organisation_named
from backend.graphql.programme.inputs import (
    AssessGapInput,
    LevelInput,
    LogCoachingHalfDayInput,
    PlanCertificationAuditInput,
    RaiseCoachingCeilingInput,
    RecordCertifiedInput,
    RecordIsmsEstablishedInput,
)
from backend.graphql.programme.types import ClusterChangeResult
from backend.policy import Action, authorize_coach_attribution
from domain.assessment.commands import AssessGap
from domain.engagement.commands import (
    LogCoachingHalfDay,
    PlanCertificationAudit,
    RaiseCoachingCeiling,
    RecordCertified,
    RecordIsmsEstablished,
)
from domain.shared.errors import ValidationFailed


def _levels(field: str, given: list[LevelInput]) -> dict[str, int]:
    levels: dict[str, int] = {}
    for item in given:
        if item.area in levels:
            raise ValidationFailed(f"{field}.{item.area}", "This area is given twice.")
        levels[item.area] = item.level
    return levels


@strawberry.type
class MemberMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def log_coaching_half_day(
        self, info: Info[Context, None], input: LogCoachingHalfDayInput
    ) -> ClusterChangeResult:
        def build(p: Principal) -> LogCoachingHalfDay:
            coach_id = p.account_id if input.coach_id is None else parse_id(input.coach_id, "coach_id")
            authorize_coach_attribution(p, coach_id)
            return LogCoachingHalfDay(
                p.tenant_id,
                p.account_id,
                parse_id(input.cluster_id, "cluster_id"),
                parse_id(input.organisation_id, "organisation_id"),
                input.held_on,
                coach_id,
                input.work_done,
                input.next_steps,
                input.module_number,
            )

        return await on_cluster(  # type: ignore[return-value]
            info,
            Action.LOG_COACHING,
            input.cluster_id,
            build,
            lambda app: app.log_coaching_half_day,
            organisation_named(input.organisation_id),
        )

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="A consultancy admin's recorded decision to coach past the ceiling.",
    )
    async def raise_coaching_ceiling(
        self, info: Info[Context, None], input: RaiseCoachingCeilingInput
    ) -> ClusterChangeResult:
        def build(p: Principal) -> RaiseCoachingCeiling:
            return RaiseCoachingCeiling(
                p.tenant_id,
                p.account_id,
                parse_id(input.cluster_id, "cluster_id"),
                parse_id(input.organisation_id, "organisation_id"),
                input.additional_half_days,
                input.reason,
            )

        return await on_cluster(  # type: ignore[return-value]
            info,
            Action.RAISE_COACHING_CEILING,
            input.cluster_id,
            build,
            lambda app: app.raise_coaching_ceiling,
            organisation_named(input.organisation_id),
        )

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def assess_gap(self, info: Info[Context, None], input: AssessGapInput) -> ClusterChangeResult:
        def build(p: Principal) -> AssessGap:
            return AssessGap(
                p.tenant_id,
                p.account_id,
                parse_id(input.cluster_id, "cluster_id"),
                parse_id(input.organisation_id, "organisation_id"),
                input.visited_on,
                input.analysed_on,
                _levels("clause_levels", input.clause_levels),
                _levels("theme_levels", input.theme_levels),
            )

        return await on_cluster(  # type: ignore[return-value]
            info,
            Action.ASSESS_GAP,
            input.cluster_id,
            build,
            lambda app: app.assess_gap,
            organisation_named(input.organisation_id),
        )

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def record_isms_established(
        self, info: Info[Context, None], input: RecordIsmsEstablishedInput
    ) -> ClusterChangeResult:
        def build(p: Principal) -> RecordIsmsEstablished:
            return RecordIsmsEstablished(
                p.tenant_id,
                p.account_id,
                parse_id(input.cluster_id, "cluster_id"),
                parse_id(input.organisation_id, "organisation_id"),
                input.established_on,
            )

        return await on_cluster(  # type: ignore[return-value]
            info,
            Action.RECORD_OUTCOME,
            input.cluster_id,
            build,
            lambda app: app.record_isms_established,
            organisation_named(input.organisation_id),
        )

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def plan_certification_audit(
        self, info: Info[Context, None], input: PlanCertificationAuditInput
    ) -> ClusterChangeResult:
        def build(p: Principal) -> PlanCertificationAudit:
            return PlanCertificationAudit(
                p.tenant_id,
                p.account_id,
                parse_id(input.cluster_id, "cluster_id"),
                parse_id(input.organisation_id, "organisation_id"),
                input.audit_on,
                input.certification_body,
            )

        return await on_cluster(  # type: ignore[return-value]
            info,
            Action.RECORD_OUTCOME,
            input.cluster_id,
            build,
            lambda app: app.plan_certification_audit,
            organisation_named(input.organisation_id),
        )

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def record_certified(self, info: Info[Context, None], input: RecordCertifiedInput) -> ClusterChangeResult:
        def build(p: Principal) -> RecordCertified:
            return RecordCertified(
                p.tenant_id,
                p.account_id,
                parse_id(input.cluster_id, "cluster_id"),
                parse_id(input.organisation_id, "organisation_id"),
                input.certified_on,
                input.certificate_reference,
            )

        return await on_cluster(  # type: ignore[return-value]
            info,
            Action.RECORD_OUTCOME,
            input.cluster_id,
            build,
            lambda app: app.record_certified,
            organisation_named(input.organisation_id),
        )
