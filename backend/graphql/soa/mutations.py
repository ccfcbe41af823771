"""The Statement of Applicability's commands: start it, decide controls, submit, approve or reject a version, move
it to another edition. Each answers the statement as it is now (and the control decided), or the refusal."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol, TypeVar
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.core.commands import change, role_refusal
from backend.graphql.core.context import Context
from backend.graphql.core.errors import Refusal, parse_id, user_error
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.soa import actions as a
from backend.graphql.soa import inputs as i
from backend.graphql.soa.reading import statement
from backend.graphql.soa.treating import treating_risks
from backend.graphql.soa.types import SoaChange, SoaChangeResult, SoaControl
from backend.policy import may
from domain.shared.errors import DomainError, NotFound, ValidationFailed, every_check
from domain.shared.service import Saved
from domain.soa import commands as c
from domain.soa import rules
from domain.soa.review import control_key
from domain.soa.rules import ImplementationStatus, InclusionReason


@strawberry.type
class SoaMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Starts the statement on a catalogue.")
    async def start_soa(self, info: Info[Context, None], input: i.StartSoaInput) -> SoaChangeResult:
        done = await change(
            info, a.START_SOA, c.StartStatement, organisation_id=input.organisation_id, catalogue=input.catalogue
        )
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Decides one control, justified either way.")
    async def decide_soa_control(self, info: Info[Context, None], input: i.DecideSoaControlInput) -> SoaChangeResult:
        if (refusal := role_refusal(info, a.DECIDE_CONTROL)) is not None:
            return refusal
        try:
            evidence, reasons, implementation = every_check(
                lambda: tuple(parse_id(document, "evidence") for document in input.evidence),
                lambda: tuple(choice(InclusionReason, "reasons", reason) for reason in input.reasons),
                lambda: _implementation(input.implementation),
            )
        except DomainError as error:
            return user_error(error)
        done = await change(
            info, a.DECIDE_CONTROL, c.DecideControl, organisation_id=input.organisation_id,
            control=input.control, applicable=input.applicable, justification=input.justification,
            reasons=reasons, implementation=implementation, evidence=evidence,
        )  # fmt: skip
        return _changed(info, done, input.control)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Submits the draft version for approval.")
    async def submit_soa_version(self, info: Info[Context, None], input: i.SoaVersionInput) -> SoaChangeResult:
        done = await change(info, a.SUBMIT_SOA, c.SubmitStatement, **_version(input))
        return _changed(info, done)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Approves a submitted version; never by the person who submitted it.",
    )
    async def approve_soa_version(self, info: Info[Context, None], input: i.SoaVersionInput) -> SoaChangeResult:
        done = await change(info, a.APPROVE_SOA, c.ApproveStatement, **_version(input))
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Sends a submitted version back to draft.")
    async def reject_soa_version(self, info: Info[Context, None], input: i.RejectSoaVersionInput) -> SoaChangeResult:
        done = await change(info, a.REJECT_SOA, c.RejectStatement, **_version(input), reason=input.reason)
        return _changed(info, done)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Moves the draft to another edition; decisions carried, to review.",
    )
    async def move_soa_to_edition(self, info: Info[Context, None], input: i.MoveSoaInput) -> SoaChangeResult:
        done = await change(
            info, a.MOVE_SOA, c.MoveStatementToEdition, organisation_id=input.organisation_id,
            catalogue=input.catalogue,
        )  # fmt: skip
        return _changed(info, done)


E = TypeVar("E", bound=StrEnum)


def choice(kind: type[E], field: str, given: str) -> E:
    """The value chosen among the enumeration's."""
    if given not in kind.__members__.values():
        raise ValidationFailed(field, f"Choose among {', '.join(kind)}.")
    return kind(given)


def _implementation(given: str | None) -> ImplementationStatus | None:
    return None if not given else choice(ImplementationStatus, "implementation", given)


class OnOrganisation(Protocol):
    @property
    def organisation_id(self) -> UUID: ...


def _version(input: i.SoaVersionInput) -> dict[str, object]:
    return {"organisation_id": input.organisation_id, "version": input.version}


def _changed(
    info: Info[Context, None], done: tuple[OnOrganisation, Saved] | Refusal, control_id: str | None = None
) -> SoaChangeResult:
    if not isinstance(done, tuple):
        return done
    organisation = done[0].organisation_id
    queries, scope = info.context.services.queries.soa, info.context.scope
    row = queries.statement(scope, organisation)
    if row is None:
        return user_error(NotFound("The statement is saved but is not in your view.", "organisation_id"))
    control = None
    if control_id is not None and (found := queries.control(scope, organisation, control_id)) is not None:
        risks = treating_risks(info, organisation).get(control_key(found.catalogue_id, found.control_id), ())
        history = queries.history(scope, organisation, control_id)
        can = may(info.context.signed_in, a.DECIDE_CONTROL, organisation) and rules.can_decide(row.status)
        control = SoaControl.from_row(found, risks, can, history)
    return SoaChange(statement=statement(info, row), control=control)
