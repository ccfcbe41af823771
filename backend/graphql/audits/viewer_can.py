"""What the viewer may do with an organisation's audits, from the policy and the domain's rules."""

from __future__ import annotations

from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.audits.actions import (
    COMPLETE_AUDIT,
    PLAN_AUDIT,
    PLAN_AUDIT_PROGRAMME,
    RAISE_NONCONFORMITY_FROM_FINDING,
    RECORD_AUDIT_FINDING,
)
from backend.graphql.core.context import Context
from backend.policy import may
from domain.audits.rules import can_raise_nonconformity, can_record_findings


@strawberry.type(description="What the viewer may do with the organisation's audit programmes.")
class AuditsViewerCan:
    plan_programme: bool


@strawberry.type(description="What the viewer may do with an audit programme.")
class ProgrammeViewerCan:
    revise: bool
    plan_audit: bool


@strawberry.type(description="What the viewer may do with an audit now.")
class AuditViewerCan:
    record_finding: bool = strawberry.field(description="The auditor, while the audit is not completed.")
    complete: bool


def on_audits(info: Info[Context, None], organisation_id: UUID) -> AuditsViewerCan:
    return AuditsViewerCan(plan_programme=may(info.context.signed_in, PLAN_AUDIT_PROGRAMME, organisation_id))


def on_programme(info: Info[Context, None], organisation_id: UUID) -> ProgrammeViewerCan:
    p = info.context.signed_in
    return ProgrammeViewerCan(
        revise=may(p, PLAN_AUDIT_PROGRAMME, organisation_id), plan_audit=may(p, PLAN_AUDIT, organisation_id)
    )


def on_audit(info: Info[Context, None], organisation_id: UUID, auditor_id: UUID, completed: bool) -> AuditViewerCan:
    p = info.context.signed_in
    auditor = p.account_id == auditor_id and can_record_findings(completed)
    return AuditViewerCan(
        record_finding=may(p, RECORD_AUDIT_FINDING, organisation_id) and auditor,
        complete=may(p, COMPLETE_AUDIT, organisation_id) and auditor,
    )


def may_raise(info: Info[Context, None], organisation_id: UUID, kind: str, raised: bool) -> bool:
    p = info.context.signed_in
    return may(p, RAISE_NONCONFORMITY_FROM_FINDING, organisation_id) and can_raise_nonconformity(kind, raised)
