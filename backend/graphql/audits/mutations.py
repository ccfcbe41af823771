"""The internal audits' commands. A command on an existing programme or audit acts on the organisation it belongs
to, as the viewer's scope shows it: one out of view is answered as a missing one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
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
from backend.graphql.audits.inputs import (
    AuditAreaInput,
    CompleteAuditInput,
    PlanAuditInput,
    PlanAuditProgrammeInput,
    RaiseNonconformityFromFindingInput,
    RecordAuditFindingInput,
    ReviseAuditProgrammeInput,
)
from backend.graphql.audits.types import (
    Audit,
    AuditChange,
    AuditChangeResult,
    AuditProgramme,
    AuditProgrammeChange,
    AuditProgrammeChangeResult,
)
from backend.graphql.core.commands import change, role_refusal
from backend.graphql.core.context import Context
from backend.graphql.core.errors import Refusal, parse_id, user_error
from backend.graphql.core.permissions import AUTHENTICATED
from backend.policy import Action
from domain.application import Saved
from domain.audits.commands import (
    CompleteAudit,
    PlanAudit,
    PlanAuditProgramme,
    RaiseNonconformityFromFinding,
    RecordAuditFinding,
    ReviseAuditProgramme,
)
from domain.shared.errors import DomainError, NotFound


@strawberry.type
class AuditsMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED, description="One programme per organisation and year.")
    async def plan_audit_programme(
        self, info: Info[Context, None], input: PlanAuditProgrammeInput
    ) -> AuditProgrammeChangeResult:
        try:
            areas = _areas(input.areas)
        except DomainError as error:
            return user_error(error)
        done = await change(
            info, PLAN_AUDIT_PROGRAMME, PlanAuditProgramme, organisation_id=input.organisation_id, year=input.year,
            areas=areas, objectives=input.objectives,
        )  # fmt: skip
        return _programme_changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Audits already planned keep their areas.")
    async def revise_audit_programme(
        self, info: Info[Context, None], input: ReviseAuditProgrammeInput
    ) -> AuditProgrammeChangeResult:
        try:
            areas = _areas(input.areas)
        except DomainError as error:
            return user_error(error)
        done = await _on(
            info, _programme_organisation, input.programme_id, "programme_id", PLAN_AUDIT_PROGRAMME,
            ReviseAuditProgramme, areas=areas, reason=input.reason, objectives=input.objectives,
        )  # fmt: skip
        return _programme_changed(info, done)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="Refused when the auditor owns an area of its scope."
    )
    async def plan_audit(self, info: Info[Context, None], input: PlanAuditInput) -> AuditChangeResult:
        done = await _on(
            info, _programme_organisation, input.programme_id, "programme_id", PLAN_AUDIT, PlanAudit,
            title=input.title, scope=tuple(input.scope), criteria=input.criteria, planned_on=input.planned_on,
            auditor_id=input.auditor_id,
        )  # fmt: skip
        return _audit_changed(info, done, None)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="By the audit's auditor, before completion.")
    async def record_audit_finding(
        self, info: Info[Context, None], input: RecordAuditFindingInput
    ) -> AuditChangeResult:
        done = await _on(
            info, _audit_organisation, input.audit_id, "audit_id", RECORD_AUDIT_FINDING, RecordAuditFinding,
            kind=input.kind, reference=input.reference, statement=input.statement, evidence=input.evidence,
        )  # fmt: skip
        return _audit_changed(info, done, None)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="A major or minor nonconformity found raises one nonconformity of the register, once, linked.",
    )
    async def raise_nonconformity_from_finding(
        self, info: Info[Context, None], input: RaiseNonconformityFromFindingInput
    ) -> AuditChangeResult:
        done = await _on(
            info, _audit_organisation, input.audit_id, "audit_id", RAISE_NONCONFORMITY_FROM_FINDING,
            RaiseNonconformityFromFinding, finding_id=input.finding_id, title=input.title,
        )  # fmt: skip
        return _audit_changed(info, done, input.audit_id)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="By the auditor: the report is then final.")
    async def complete_audit(self, info: Info[Context, None], input: CompleteAuditInput) -> AuditChangeResult:
        done = await _on(
            info, _audit_organisation, input.audit_id, "audit_id", COMPLETE_AUDIT, CompleteAudit,
            held_on=input.held_on, conclusion=input.conclusion,
        )  # fmt: skip
        return _audit_changed(info, done, None)


Finder = Callable[[Info[Context, None], UUID], UUID | None]


async def _on(
    info: Info[Context, None], finder: Finder, given_id: str, field: str, action: Action, command: Any, **given: Any
) -> tuple[object, Saved] | Refusal:
    """The command on the programme or audit `given_id`, for the organisation it belongs to."""
    if (refusal := role_refusal(info, action)) is not None:
        return refusal
    try:
        organisation = finder(info, parse_id(given_id, field))
        if organisation is None:
            raise NotFound("No such item in your view.", field)
    except DomainError as error:
        return user_error(error)
    return await change(info, action, command, organisation_id=str(organisation), **{field: given_id}, **given)


def _programme_organisation(info: Info[Context, None], programme_id: UUID) -> UUID | None:
    row = info.context.services.queries.audits.programme(info.context.scope, programme_id)
    return None if row is None else row.organisation_id


def _audit_organisation(info: Info[Context, None], audit_id: UUID) -> UUID | None:
    row = info.context.services.queries.audits.audit(info.context.scope, audit_id)
    return None if row is None else row.organisation_id


def _areas(given: list[AuditAreaInput]) -> tuple[tuple[str, UUID], ...]:
    return tuple((area.reference, parse_id(area.owner_id, "areas.owner_id")) for area in given)


def _programme_changed(
    info: Info[Context, None], done: tuple[object, Saved] | Refusal
) -> AuditProgrammeChange | Refusal:
    if not isinstance(done, tuple):
        return done
    row = info.context.services.queries.audits.programme(info.context.scope, done[1].aggregate_id)
    if row is None:
        return user_error(NotFound("The programme is saved but is not in your view.", "id"))
    return AuditProgrammeChange(programme=AuditProgramme.from_row(row))


def _audit_changed(
    info: Info[Context, None], done: tuple[object, Saved] | Refusal, audit_id: str | None
) -> AuditChange | Refusal:
    """The audit changed; `audit_id` when the command saved another aggregate first (the nonconformity raised)."""
    if not isinstance(done, tuple):
        return done
    found = UUID(audit_id) if audit_id else done[1].aggregate_id
    row = info.context.services.queries.audits.audit(info.context.scope, found)
    if row is None:
        return user_error(NotFound("The audit is saved but is not in your view.", "id"))
    return AuditChange(audit=Audit.from_row(row))
