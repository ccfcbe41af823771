"""The engagement feature's commands."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.clusters.payloads import cluster_change
from backend.graphql.clusters.types import ClusterChangeResult
from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.engagement.actions import CORRECT_COACHING, LOG_COACHING, RAISE_COACHING_CEILING, RECORD_OUTCOME
from backend.graphql.engagement.inputs import (
    CorrectCoachingEntryInput,
    LogCoachingHalfDayInput,
    PlanCertificationAuditInput,
    RaiseCoachingCeilingInput,
    RecordCertifiedInput,
    RecordIsmsEstablishedInput,
    VoidCoachingEntryInput,
)
from domain.engagement.commands import (
    CorrectCoachingEntry,
    LogCoachingHalfDay,
    PlanCertificationAudit,
    RaiseCoachingCeiling,
    RecordCertified,
    RecordIsmsEstablished,
    VoidCoachingEntry,
)


@strawberry.type
class EngagementMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def log_coaching_half_day(
        self, info: Info[Context, None], input: LogCoachingHalfDayInput
    ) -> ClusterChangeResult:
        done = await change(
            info,
            LOG_COACHING,
            LogCoachingHalfDay,
            cluster_id=input.cluster_id,
            organisation_id=input.organisation_id,
            held_on=input.held_on,
            coach_id=input.coach_id,
            work_done=input.work_done,
            next_steps=input.next_steps,
            module_number=input.module_number,
        )
        return cluster_change(info, done)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="A consultancy admin's recorded decision to coach past the ceiling.",
    )
    async def raise_coaching_ceiling(
        self, info: Info[Context, None], input: RaiseCoachingCeilingInput
    ) -> ClusterChangeResult:
        done = await change(
            info,
            RAISE_COACHING_CEILING,
            RaiseCoachingCeiling,
            cluster_id=input.cluster_id,
            organisation_id=input.organisation_id,
            additional_half_days=input.additional_half_days,
            reason=input.reason,
        )
        return cluster_change(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def record_isms_established(
        self, info: Info[Context, None], input: RecordIsmsEstablishedInput
    ) -> ClusterChangeResult:
        done = await change(
            info,
            RECORD_OUTCOME,
            RecordIsmsEstablished,
            cluster_id=input.cluster_id,
            organisation_id=input.organisation_id,
            established_on=input.established_on,
        )
        return cluster_change(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def plan_certification_audit(
        self, info: Info[Context, None], input: PlanCertificationAuditInput
    ) -> ClusterChangeResult:
        done = await change(
            info,
            RECORD_OUTCOME,
            PlanCertificationAudit,
            cluster_id=input.cluster_id,
            organisation_id=input.organisation_id,
            audit_on=input.audit_on,
            certification_body=input.certification_body,
        )
        return cluster_change(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def record_certified(self, info: Info[Context, None], input: RecordCertifiedInput) -> ClusterChangeResult:
        done = await change(
            info,
            RECORD_OUTCOME,
            RecordCertified,
            cluster_id=input.cluster_id,
            organisation_id=input.organisation_id,
            certified_on=input.certified_on,
            certificate_reference=input.certificate_reference,
        )
        return cluster_change(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Corrects a ledger entry, saying why.")
    async def correct_coaching_entry(
        self, info: Info[Context, None], input: CorrectCoachingEntryInput
    ) -> ClusterChangeResult:
        done = await change(
            info,
            CORRECT_COACHING,
            CorrectCoachingEntry,
            cluster_id=input.cluster_id,
            organisation_id=input.organisation_id,
            entry_number=input.entry_number,
            held_on=input.held_on,
            work_done=input.work_done,
            next_steps=input.next_steps,
            reason=input.reason,
        )
        return cluster_change(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Voids a ledger entry, saying why.")
    async def void_coaching_entry(
        self, info: Info[Context, None], input: VoidCoachingEntryInput
    ) -> ClusterChangeResult:
        done = await change(
            info,
            CORRECT_COACHING,
            VoidCoachingEntry,
            cluster_id=input.cluster_id,
            organisation_id=input.organisation_id,
            entry_number=input.entry_number,
            reason=input.reason,
        )
        return cluster_change(info, done)
