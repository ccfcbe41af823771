"""GraphQL shapes of an organisation's ISMS home."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from backend.graphql.core.errors import NotFoundError, ValidationError
from backend.graphql.isms import readiness
from backend.graphql.isms.steps import Registers, next_steps


@strawberry.type(description="The context and scope (clauses 4 and 5): current items and the scope's version.")
class ContextState:
    issues: int
    parties: int
    roles: int
    scope_version: int | None = strawberry.field(description="The latest scope statement's version; none yet.")
    commitments: int


@strawberry.type(description="The documents (7.5).")
class DocumentsState:
    documents: int
    published: int
    awaiting_approval: int
    review_overdue: int
    policy_published: bool = strawberry.field(description="An information security policy is published (5.2).")


@strawberry.type(description="The asset inventory (5.9), retired assets left out.")
class AssetsState:
    assets: int
    unclassified: int


@strawberry.type(description="The risk register (6.1.2, 6.1.3): open risks and what waits on them.")
class RisksState:
    open: int
    unassessed: int
    untreated: int
    above_criteria: int = strawberry.field(
        description="Open risks not accepted whose level (residual once treated) is above the acceptance criteria."
    )
    acceptances_expired: int
    actions_overdue: int = strawberry.field(description="Actions of the treatment plan past their due date.")


@strawberry.type(description="The Statement of Applicability (6.1.3 d).")
class SoaState:
    started: bool
    catalogue_id: str | None
    status: str | None = strawberry.field(description="The version on its way: draft or submitted.")
    undecided: int
    to_review: int = strawberry.field(description="Decisions carried over to a new edition, not yet reviewed.")
    approved_version: int | None
    approved_at: datetime | None


@strawberry.type(description="A thing still to do, and the register it is done in.")
class NextStep:
    register: str
    text: str


@strawberry.type(description="An organisation's ISMS at a glance: each register's state and what to do next.")
class IsmsOverview:
    organisation_id: strawberry.ID
    organisation_name: str
    context: ContextState
    documents: DocumentsState
    assets: AssetsState
    risks: RisksState
    soa: SoaState
    itil_declared: int = strawberry.field(description="ITIL steps and practices the organisation declares it runs.")
    next_steps: list[NextStep] = strawberry.field(description="Every step still open, the first one first.")

    @classmethod
    def build(cls, organisation_id: strawberry.ID, name: str, registers: Registers) -> IsmsOverview:
        c, d, a, s, r = registers.context, registers.documents, registers.assets, registers.soa, registers.risks
        return cls(
            organisation_id=organisation_id,
            organisation_name=name,
            context=ContextState(
                issues=c.issues, parties=c.parties, roles=c.roles, scope_version=c.scope_version,
                commitments=c.commitments,
            ),
            documents=DocumentsState(
                documents=d.documents, published=d.published, awaiting_approval=d.awaiting_approval,
                review_overdue=d.review_overdue, policy_published=d.policy_published,
            ),
            assets=AssetsState(assets=a.assets, unclassified=a.unclassified),
            risks=RisksState(
                open=r.open, unassessed=r.unassessed, untreated=r.untreated, above_criteria=r.above_criteria,
                acceptances_expired=r.acceptances_expired, actions_overdue=r.actions_overdue,
            ),
            soa=SoaState(
                started=s.catalogue_id is not None, catalogue_id=s.catalogue_id, status=s.status,
                undecided=s.undecided, to_review=s.to_review, approved_version=s.approved_version,
                approved_at=s.approved_at,
            ),
            itil_declared=registers.itil_declared,
            next_steps=[NextStep(register=step.register, text=step.text) for step in next_steps(registers)],
        )  # fmt: skip


IsmsOverviewResult = Annotated[IsmsOverview | NotFoundError | ValidationError, strawberry.union("IsmsOverviewResult")]


@strawberry.type(description="Which checks of a readiness item are met; approved and current: null where none applies.")
class ReadinessState:
    present: bool = strawberry.field(description="Something is recorded in the register.")
    approved: bool | None = strawberry.field(description="Approved, published, issued or closed; null: no approval.")
    current: bool | None = strawberry.field(description="Not out of date; null: nothing can go out of date.")


@strawberry.type(description="A piece of documented information an auditor asks for, and what is missing of it.")
class ReadinessItem:
    clause: str = strawberry.field(description="The clause of ISO/IEC 27001:2022, e.g. 6.1.3 d.")
    title: str
    phase: str = strawberry.field(description="plan, do, check or act.")
    status: str = strawberry.field(description="met, partly or missing.")
    state: ReadinessState
    missing: list[str] = strawberry.field(description="What is missing, one sentence per unmet check.")
    reason: str = strawberry.field(description="The missing sentences in one line; empty when met.")
    link: str = strawberry.field(description="The page where it is recorded or fixed.")
    checks: int
    met: int


@strawberry.type(description="One phase of Plan-Do-Check-Act: Plan 4 to 6, Do 7 and 8, Check 9, Act 10.")
class ReadinessPhase:
    phase: str = strawberry.field(description="plan, do, check or act.")
    status: str = strawberry.field(description="not_started (no check met), in_progress, or done (all met).")
    checks: int
    met: int


@strawberry.type(description="How ready an organisation's ISMS is for a certification audit (ISO/IEC 27001:2022).")
class Readiness:
    organisation_id: strawberry.ID
    organisation_name: str
    percent: int = strawberry.field(description="Checks met out of the checks that apply, in percent, rounded down.")
    checks: int
    met: int
    phases: list[ReadinessPhase]
    items: list[ReadinessItem] = strawberry.field(description="Every item, in the standard's order.")

    @classmethod
    def build(cls, organisation_id: strawberry.ID, name: str, found: readiness.Readiness) -> Readiness:
        return cls(
            organisation_id=organisation_id,
            organisation_name=name,
            percent=found.percent,
            checks=found.checks,
            met=found.met,
            phases=[ReadinessPhase(phase=p.phase, status=p.status, checks=p.checks, met=p.met) for p in found.phases],
            items=[
                ReadinessItem(
                    clause=i.clause, title=i.title, phase=i.phase, status=i.status,
                    state=ReadinessState(present=i.present, approved=i.approved, current=i.current),
                    missing=list(i.missing), reason=" ".join(i.missing), link=i.link(str(organisation_id)),
                    checks=i.checks, met=i.met,
                )
                for i in found.items
            ],
        )  # fmt: skip


ReadinessResult = Annotated[Readiness | NotFoundError | ValidationError, strawberry.union("ReadinessResult")]
