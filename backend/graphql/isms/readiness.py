"""Certification readiness: the documented information ISO/IEC 27001:2022 makes mandatory, item by item, judged
from the registers' figures. A pure function of `Evidence`: no reads, no clock (`today` is given).

Each item has up to three checks, each a flag:

- **present**: something is recorded in the register;
- **approved**: where the register records an approval or sign-off, it was given (a published policy, an approved
  Statement of Applicability, an issued audit report, a closed management review...); `None` where the register has
  no such step, and then it is no check;
- **current**: it is not out of date (a policy not past its review date, a management review or internal audit
  within the last twelve months...); `None` where nothing can go out of date.

An item not present is neither approved nor current: its missing checks count, and what is missing is said once.
The rules, item by item (twelve months is 365 days up to and including today):

Item (clause): present / approved / current.

- Scope (4.3): a scope statement / none / stated, or confirmed by a closed management review, within 12 months.
- Policy (5.2): a policy document / a policy version published / no published policy past its review date.
- Risk assessment process (6.1.2): the consultancy's risk method, its criteria / none / none.
- Risk treatment process (6.1.3): an open risk with a treatment chosen / no risk above the acceptance criteria
  without management's decision / no risk acceptance expired.
- Statement of Applicability (6.1.3 d): started / a version approved / no decision changed since the latest
  approved version, none to review, none submitted.
- Objectives (6.2): an objective not cancelled / none / none past its due date unachieved.
- Competence (7.2): a training or awareness session / none / one within 12 months.
- Operational planning (8.1): a change or a treatment action recorded / none / one within 12 months.
- Risk assessment results (8.2): an open risk / every open risk assessed / a risk review within 12 months.
- Risk treatment results (8.3): a treatment action / every assessed risk has a treatment / no action overdue.
- Monitoring results (9.1): a metric in use measured at least once / none / no metric overdue for its next
  measurement (by its frequency).
- Audit programme (9.2): a programme / none / a programme for the current year (one for a later year only is
  not).
- Audit results (9.2): an audit planned / an audit completed (report issued) / one completed within 12 months.
- Management review (9.3): a review recorded / a review closed / one closed, held within 12 months.
- Nonconformities (10.2): a nonconformity recorded / every one analysed (cause, correction) / no corrective
  action past its due date.

**Readiness percentage** = checks met ÷ checks that apply, over every item, rounded down (100 only when all are met;
0 when none applies). **PDCA**: Plan is clauses 4 to 6, Do 7 and 8, Check 9, Act 10; a phase is `not_started`
when none of its checks is met, `done` when all are, `in_progress` otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from projections.context.rows import ContextSummary
from projections.documents.rows import DocumentSummary
from projections.metrics.rows import MetricSummary
from projections.readiness.rows import ReadinessFacts
from projections.risks.rows import RiskSummary
from projections.soa.rows import SoaSummary

YEAR = timedelta(days=365)
NO_METRICS = MetricSummary(0, 0, 0, 0)
PHASES = ("plan", "do", "check", "act")
NOT_STARTED, IN_PROGRESS, DONE = "not_started", "in_progress", "done"
MET, PARTLY, MISSING = "met", "partly", "missing"


@dataclass(frozen=True)
class Evidence:
    """What the registers show of one organisation, and the day it is judged on."""

    today: date
    context: ContextSummary
    documents: DocumentSummary
    soa: SoaSummary
    risks: RiskSummary
    facts: ReadinessFacts
    risk_reviewed_on: date | None = None
    """When the latest review of the risk register was held."""
    risk_method: bool = True
    """The consultancy's risk method is defined (Cordee's default counts)."""
    metrics: MetricSummary = NO_METRICS
    """The organisation's metrics in use (monitoring and measurement, 9.1)."""


@dataclass(frozen=True)
class Item:
    clause: str
    title: str
    page: str
    """Where it is fixed: a page below the organisation's address, or an absolute path starting with `/`."""
    present: bool
    approved: bool | None
    current: bool | None
    missing: tuple[str, ...]
    """What is missing, one sentence per unmet check (only the presence when nothing is recorded)."""

    @property
    def phase(self) -> str:
        return phase_of(self.clause)

    @property
    def checks(self) -> int:
        return 1 + (self.approved is not None) + (self.current is not None)

    @property
    def met(self) -> int:
        return self.present + bool(self.approved) + bool(self.current)

    @property
    def status(self) -> str:
        return MET if self.met == self.checks else MISSING if self.met == 0 else PARTLY

    def link(self, organisation_id: str) -> str:
        return self.page if self.page.startswith("/") else f"/organisations/{organisation_id}/{self.page}"


@dataclass(frozen=True)
class Phase:
    phase: str
    status: str
    met: int
    checks: int


@dataclass(frozen=True)
class Readiness:
    items: tuple[Item, ...]
    percent: int
    met: int
    checks: int
    phases: tuple[Phase, ...]


def item(
    clause: str, title: str, page: str, present: tuple[bool, str],
    approved: tuple[bool, str] | None = None, current: tuple[bool, str] | None = None,
) -> Item:  # fmt: skip
    """An item from its checks, each (met, what is missing when not); not present makes the others unmet."""
    found, why = present
    if not found:
        return Item(clause, title, page, False, None if approved is None else False,
                    None if current is None else False, (why,))  # fmt: skip
    checks = [check for check in (approved, current) if check is not None]
    return Item(
        clause, title, page, True, None if approved is None else approved[0], None if current is None else current[0],
        tuple(reason for met, reason in checks if not met),
    )  # fmt: skip


def within_a_year(day: date | None, today: date) -> bool:
    return day is not None and today - YEAR <= day <= today


def phase_of(clause: str) -> str:
    major = int(clause.split(".", maxsplit=1)[0])
    return "plan" if major <= 6 else "do" if major <= 8 else "check" if major == 9 else "act"


def scope(e: Evidence) -> Item:
    confirmed = within_a_year(e.facts.scope_stated_on, e.today)
    confirmed = confirmed or within_a_year(e.facts.last_review_closed_on, e.today)
    return item(
        "4.3", "Scope of the ISMS", "context",
        (e.context.scope_version is not None, "No scope statement yet."),
        current=(confirmed, "The scope was neither stated again nor confirmed by a management review in 12 months."),
    )  # fmt: skip


def policy(e: Evidence) -> Item:
    published = e.documents.policy_published
    return item(
        "5.2", "Information security policy", "documents",
        (e.facts.policies > 0, "No information security policy among the documents."),
        approved=(published, "No version of the policy is approved and published."),
        current=(
            published and not e.facts.policies_review_overdue,
            "The published policy is past its review date." if published else "No published policy to keep current.",
        ),
    )  # fmt: skip


def risk_process(e: Evidence) -> Item:
    return item(
        "6.1.2", "Risk assessment process and criteria", "/risk-method",
        (e.risk_method, "The consultancy has no risk method: criteria for assessing and accepting risks."),
    )  # fmt: skip


def treatment_process(e: Evidence) -> Item:
    r = e.risks
    return item(
        "6.1.3", "Risk treatment process", "risks",
        (e.facts.risks_treated > 0, "No risk has a treatment chosen yet."),
        approved=(not r.above_criteria, f"{_n(r.above_criteria, 'risk')} above the acceptance criteria without "
                  "management's decision."),
        current=(not r.acceptances_expired, f"{_n(r.acceptances_expired, 'risk acceptance')} expired."),
    )  # fmt: skip


def statement_of_applicability(e: Evidence) -> Item:
    s = e.soa
    approved = s.approved_version is not None
    unchanged = not (e.facts.soa_changed_since_approval or s.to_review or s.status == "submitted")
    return item(
        "6.1.3 d", "Statement of Applicability", "soa",
        (s.catalogue_id is not None, "The Statement of Applicability is not started."),
        approved=(approved, "No version of the Statement of Applicability is approved."),
        current=(
            approved and unchanged,
            "Decisions changed since the approved version: submit and approve it again." if approved
            else "No approved version to keep current.",
        ),
    )  # fmt: skip


def objectives(e: Evidence) -> Item:
    f = e.facts
    return item(
        "6.2", "Information security objectives", "objectives",
        (f.objectives > 0, "No information security objectives set."),
        current=(not f.objectives_overdue, f"{_n(f.objectives_overdue, 'objective')} past the due date."),
    )  # fmt: skip


def competence(e: Evidence) -> Item:
    f = e.facts
    return item(
        "7.2", "Competence and awareness records", "competence",
        (f.trainings > 0, "No training or awareness session recorded."),
        current=(within_a_year(f.last_training_on, e.today), "No training or awareness session in 12 months."),
    )  # fmt: skip


def operations(e: Evidence) -> Item:
    f = e.facts
    return item(
        "8.1", "Operational planning and control", "changes",
        (f.changes + f.treatment_actions > 0, "No change nor treatment action recorded."),
        current=(within_a_year(f.last_operation_on, e.today), "No change nor treatment action in 12 months."),
    )  # fmt: skip


def risk_assessment(e: Evidence) -> Item:
    r = e.risks
    return item(
        "8.2", "Risk assessment results", "risks",
        (r.open > 0, "No risk identified."),
        approved=(not r.unassessed, f"{_n(r.unassessed, 'risk')} not assessed."),
        current=(within_a_year(e.risk_reviewed_on, e.today), "The risk register was not reviewed in 12 months."),
    )  # fmt: skip


def risk_treatment(e: Evidence) -> Item:
    r = e.risks
    return item(
        "8.3", "Risk treatment results", "treatment-plan",
        (e.facts.treatment_actions > 0, "No action in the risk treatment plan."),
        approved=(not r.untreated, f"{_n(r.untreated, 'assessed risk')} without a treatment."),
        current=(not r.actions_overdue, f"{_n(r.actions_overdue, 'treatment action')} past the due date."),
    )  # fmt: skip


def monitoring(e: Evidence) -> Item:
    m = e.metrics
    return item(
        "9.1", "Monitoring and measurement results", "metrics",
        (m.measured > 0, "No metric defined." if m.metrics == 0 else "No metric measured yet."),
        current=(m.overdue == 0, f"{_n(m.overdue, 'metric')} overdue for measurement."),
    )  # fmt: skip


def audit_programme(e: Evidence) -> Item:
    f = e.facts
    return item(
        "9.2", "Internal audit programme", "audits",
        (f.programmes > 0, "No internal audit programme."),
        current=(f.programme_this_year, f"No audit programme for {e.today.year}."),
    )  # fmt: skip


def audit_results(e: Evidence) -> Item:
    f = e.facts
    return item(
        "9.2", "Internal audit results", "audits",
        (f.audits > 0, "No internal audit planned."),
        approved=(f.audits_completed > 0, "No audit completed: no report issued."),
        current=(within_a_year(f.last_audit_held_on, e.today), "No internal audit completed in 12 months."),
    )  # fmt: skip


def management_review(e: Evidence) -> Item:
    f = e.facts
    return item(
        "9.3", "Management review results", "reviews",
        (f.reviews > 0, "No management review recorded."),
        approved=(f.reviews_closed > 0, "No management review closed: minutes not approved."),
        current=(within_a_year(f.last_review_closed_on, e.today), "No management review closed in 12 months."),
    )  # fmt: skip


def nonconformities(e: Evidence) -> Item:
    f = e.facts
    return item(
        "10.2", "Nonconformities and corrective actions", "nonconformities",
        (f.nonconformities > 0, "No nonconformity recorded: show how one is handled (from an audit, incident or "
         "review)."),
        approved=(not f.nonconformities_unanalysed, f"{_n(f.nonconformities_unanalysed, 'nonconformity')} without "
                  "cause and correction."),
        current=(not f.corrective_actions_overdue, f"{_n(f.corrective_actions_overdue, 'corrective action')} "
                 "past the due date."),
    )  # fmt: skip


ITEMS: tuple[Callable[[Evidence], Item], ...] = (
    scope, policy, risk_process, treatment_process, statement_of_applicability, objectives,
    competence, operations, risk_assessment, risk_treatment,
    monitoring, audit_programme, audit_results, management_review,
    nonconformities,
)  # fmt: skip
"""Every item an auditor asks for, in the standard's order."""


def readiness(evidence: Evidence) -> Readiness:
    items = tuple(rule(evidence) for rule in ITEMS)
    met, checks = sum(i.met for i in items), sum(i.checks for i in items)
    return Readiness(items, percent(met, checks), met, checks, tuple(_phase(name, items) for name in PHASES))


def percent(met: int, checks: int) -> int:
    return 0 if checks == 0 else met * 100 // checks


def phase_status(met: int, checks: int) -> str:
    return NOT_STARTED if met == 0 else DONE if met == checks else IN_PROGRESS


def _phase(name: str, items: tuple[Item, ...]) -> Phase:
    mine = [i for i in items if i.phase == name]
    met, checks = sum(i.met for i in mine), sum(i.checks for i in mine)
    return Phase(name, phase_status(met, checks), met, checks)


def _n(count: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{count} {noun if count == 1 else plural}"
