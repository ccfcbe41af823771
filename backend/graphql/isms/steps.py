"""What an organisation should do next on its ISMS, in the order ISO/IEC 27001 builds it: context and scope (4),
policy (5.2), assets and risks (6.1), then the work the registers show is waiting."""

from __future__ import annotations

from dataclasses import dataclass

from projections.assets.rows import AssetSummary
from projections.context.rows import ContextSummary
from projections.documents.rows import DocumentSummary
from projections.risks.rows import RiskSummary
from projections.soa.rows import SoaSummary


@dataclass(frozen=True)
class Step:
    register: str
    """The register the step is done in: `context`, `documents`, `assets`, `risks`, `plan`, `soa`."""
    text: str


@dataclass(frozen=True)
class Registers:
    context: ContextSummary
    documents: DocumentSummary
    assets: AssetSummary
    soa: SoaSummary
    risks: RiskSummary
    itil_declared: int = 0
    """How many ITIL steps and practices the organisation declares it runs: evidence, not a step to take."""


def next_steps(registers: Registers) -> list[Step]:
    """Every step still open, the first one first: an empty list when nothing is waiting."""
    context, documents, assets = registers.context, registers.documents, registers.assets
    found = [
        Step("context", "Record the internal and external issues (4.1).") if not context.issues else None,
        Step("context", "List the interested parties and their requirements (4.2).") if not context.parties else None,
        Step("context", "State the scope of the ISMS (4.3).") if context.scope_version is None else None,
        Step("context", "Assign the ISMS roles, a CISO first (5.3).") if not context.roles else None,
        Step("context", "Record management's commitment (5.1).") if not context.commitments else None,
        None if documents.policy_published else Step("documents", "Publish the information security policy (5.2)."),
        Step("assets", "Start the asset inventory (5.9).") if not assets.assets else None,
        _plural("assets", assets.unclassified, "Classify {n} asset{s} for confidentiality, integrity, availability."),
        *_risk_steps(registers.risks),
        *_soa_steps(registers.soa),
        _plural("documents", documents.awaiting_approval, "Approve or return {n} document{s} awaiting approval."),
        _plural("documents", documents.review_overdue, "Review {n} document{s} past their review date."),
    ]
    return [step for step in found if step is not None]


def _plural(register: str, count: int, text: str) -> Step | None:
    return Step(register, text.format(n=count, s="" if count == 1 else "s")) if count else None


def _soa_steps(soa: SoaSummary) -> list[Step | None]:
    if soa.catalogue_id is None:
        return [Step("soa", "Start the Statement of Applicability (6.1.3 d).")]
    submitted = soa.status == "submitted"
    ready = not (soa.undecided or soa.to_review or submitted) and soa.approved_version is None
    return [
        _plural("soa", soa.undecided, "Decide {n} control{s} of the Statement of Applicability."),
        _plural("soa", soa.to_review, "Review {n} decision{s} carried over to the new edition."),
        Step("soa", "Approve or return the submitted Statement of Applicability.") if submitted else None,
        Step("soa", "Submit the Statement of Applicability for approval.") if ready else None,
    ]


def _risk_steps(risks: RiskSummary) -> list[Step | None]:
    if not risks.open:
        return [Step("risks", "Identify the risks to the information in scope (6.1.2).")]
    return [
        _plural("risks", risks.unassessed, "Assess {n} risk{s} on the consultancy's method."),
        _plural("risks", risks.untreated, "Choose a treatment for {n} assessed risk{s} (6.1.3)."),
        _plural(
            "risks",
            risks.above_criteria,
            "Treat further, or have management decide on, {n} risk{s} above the acceptance criteria.",
        ),
        _plural("risks", risks.acceptances_expired, "Renew or revisit {n} expired risk acceptance{s}."),
        _plural("plan", risks.actions_overdue, "Follow up {n} treatment action{s} past their due date."),
    ]
