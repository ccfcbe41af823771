"""A management review's inputs, gathered from the registers' read models as they stand now (clause 9.3.2).

The application calls `review_inputs` while it runs the command that gathers them, and the review keeps what it got
in its own event: nothing of the inputs comes from the client, and a later change to a register never alters them.
Each input is a section read by one function below, from the register that keeps it; adding a register's section is
one more function in `SECTIONS`. (Reviews gathered before a register existed keep that section marked as not
recorded, and their minutes still say so.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from domain.audits.rules import FindingKind
from domain.metrics.rules import is_overdue as is_metric_overdue
from domain.nonconformities.rules import is_overdue as is_action_overdue
from domain.reviews.rules import is_overdue
from domain.shared.ports import ReviewInputSection
from projections.audits.queries import AuditFilter
from projections.context.rows import IssueFilter, Page, PartyFilter, Sort
from projections.core.scope import Scope
from projections.documents.queries import DocumentFilter
from projections.features import ReadQueries
from projections.nonconformities.queries import NonconformityFilter
from projections.nonconformities.rows import CorrectiveActionRow

LISTED = 200
"""At most this many lines a section: the review keeps them all in one event."""
REVIEW_SOON_DAYS = 30


@dataclass(frozen=True)
class Reading:
    queries: ReadQueries
    scope: Scope
    organisation_id: UUID
    review_id: UUID
    today: date
    previous_on: date | None


Section = Callable[[Reading], ReviewInputSection]


def previous_actions(r: Reading) -> ReviewInputSection:
    lines = [
        f"{a.title} (decision {a.decision} of {a.held_on.isoformat()}): {a.owner}, due {a.due_on.isoformat()}, "
        f"{a.status.replace('_', ' ')}{' — overdue' if is_overdue(a.status, a.due_on, r.today) else ''}"
        for a in r.queries.reviews.earlier_actions(r.scope, r.organisation_id, r.review_id)[:LISTED]
    ]
    return _section("previous_actions", "Status of actions from previous management reviews", lines)


def context_changes(r: Reading) -> ReviewInputSection:
    since = r.previous_on
    issues = r.queries.context.issues(
        r.scope, r.organisation_id, IssueFilter(status=None), Sort("changed_at", True), Page(LISTED)
    )
    parties = r.queries.context.parties(
        r.scope, r.organisation_id, PartyFilter(status=None), Sort("identified_at", True), Page(LISTED)
    )
    lines = [
        f"Issue ({i.side}, {i.status}): {i.text}" for i in issues if since is None or i.changed_at.date() > since
    ] + [
        f"Interested party ({p.environment}, {p.status}): {p.name}"
        for p in parties
        if since is None or p.identified_at.date() > since
    ]
    heading = f" since {since.isoformat()}" if since else ""
    return _section("context_changes", f"Changes in issues and interested parties{heading}", lines)


def risk_results(r: Reading) -> ReviewInputSection:
    s = r.queries.risks.summary(r.scope, r.organisation_id, r.today)
    lines = [
        f"Open risks: {s.open}", f"Not yet assessed: {s.unassessed}", f"Assessed, not yet treated: {s.untreated}",
        f"Above the acceptance criteria and not accepted: {s.above_criteria}",
        f"Acceptances expired: {s.acceptances_expired}",
    ]  # fmt: skip
    return _section("risk_assessment", "Results of risk assessment", lines)


def treatment_plan(r: Reading) -> ReviewInputSection:
    actions, _ = r.queries.risks.actions(r.scope, r.organisation_id, LISTED, None, None)
    lines = [
        f"{a.title}: {a.owner}, due {a.due_on.isoformat()}, {a.status.replace('_', ' ')}"
        f"{' — overdue' if is_overdue(a.status, a.due_on, r.today) else ''}"
        for a in actions
    ]
    return _section("treatment_plan", "Status of the risk treatment plan", lines)


def objectives(r: Reading) -> ReviewInputSection:
    found, _ = r.queries.risks.objectives(r.scope, r.organisation_id, LISTED, None, None)
    lines = [f"{o.title} ({o.measure}): {o.owner}, due {o.due_on.isoformat()}, {o.status}" for o in found]
    return _section("objectives", "Fulfilment of information security objectives", lines)


def statement_of_applicability(r: Reading) -> ReviewInputSection:
    s = r.queries.soa.summary(r.scope, r.organisation_id)
    if s.catalogue_id is None:
        return _section("soa", "Statement of Applicability", ["Not started."])
    approved = f"version {s.approved_version} approved" if s.approved_version else "no version approved yet"
    lines = [f"Catalogue {s.catalogue_id}, {s.status}; {approved}", f"Controls undecided: {s.undecided}",
             f"Controls to review: {s.to_review}"]  # fmt: skip
    return _section("soa", "Statement of Applicability", lines)


def documents_due(r: Reading) -> ReviewInputSection:
    soon = r.today + timedelta(days=REVIEW_SOON_DAYS)
    found = r.queries.documents.documents(
        r.scope, r.organisation_id, LISTED, None, DocumentFilter(overdue_on=soon), by_review=True
    )
    lines = [
        f"{d.title} ({d.kind}): review by {d.review_on.isoformat()}{' — overdue' if d.review_on < r.today else ''}"
        for d in found
        if d.review_on is not None
    ]
    return _section("documents_due", f"Documents due for review within {REVIEW_SOON_DAYS} days", lines)


def monitoring(r: Reading) -> ReviewInputSection:
    s = r.queries.metrics.summary(r.scope, r.organisation_id, r.today)
    lines = [f"Metrics kept: {s.metrics}; measured: {s.measured}; latest measurement missed: {s.missed}; "
             f"overdue: {s.overdue}"]  # fmt: skip
    for m in r.queries.metrics.latest_results(r.scope, r.organisation_id, LISTED - 1):
        target = f"target {'at least' if m.direction == 'at_least' else 'at most'} {_number(m.target)} {m.unit}"
        if m.last_measured_on is None or m.last_value is None:
            result = "not measured yet"
        else:
            verdict = "missed" if m.last_met == 0 else "met"
            result = f"{_number(m.last_value)} {m.unit} on {m.last_measured_on.isoformat()}, {verdict}"
        overdue = " — overdue" if is_metric_overdue(m.frequency, m.last_measured_on or m.defined_on, r.today) else ""
        lines.append(f"{m.name}: {result} ({target}){overdue}")
    return _section("monitoring", "Monitoring and measurement results", lines)


def nonconformities(r: Reading) -> ReviewInputSection:
    """Every nonconformity still open, and those closed since the previous review (all, at the first review), each
    followed by its corrective actions' status; one closed before the previous review was reported there."""
    since, queries = r.previous_on, r.queries.nonconformities
    found = queries.nonconformities(r.scope, r.organisation_id, LISTED, None, NonconformityFilter()).rows
    actions = queries.organisation_actions(r.scope, r.organisation_id)
    lines: list[str] = []
    for nc in found:
        closed_on = None if nc.closed_at is None else nc.closed_at.date()
        if closed_on is not None and since is not None and closed_on <= since:
            continue
        status = f"closed on {closed_on.isoformat()}" if closed_on else nc.status.replace("_", " ")
        lines.append(f"{nc.title} ({nc.severity}, raised {nc.raised_at.date().isoformat()}): {status}")
        lines += [f"Corrective action: {_action(a, r.today)}" for a in actions.get(nc.nonconformity_id, [])]
    heading = f" open or closed since {since.isoformat()}" if since else ""
    return _section("nonconformities", f"Nonconformities{heading} and corrective actions", lines[:LISTED])


def _action(a: CorrectiveActionRow, today: date) -> str:
    if a.effective is not None:
        status = "verified effective" if a.effective else "verified not effective"
    elif a.completed_on is not None:
        status = f"completed on {a.completed_on.isoformat()}, to verify"
    else:
        status = "open"
    overdue = " — overdue" if is_action_overdue(a.due_on, a.completed_on, today) else ""
    return f"{a.description}: {a.owner_name or 'former account'}, due {a.due_on.isoformat()}, {status}{overdue}"


def audit_results(r: Reading) -> ReviewInputSection:
    """The audits held since the previous review (all, at the first review) and those planned, not yet held, with
    their findings counted by kind and whether their report is issued."""
    since, queries = r.previous_on, r.queries.audits
    found = queries.audits(r.scope, r.organisation_id, LISTED, None, AuditFilter()).rows
    counts = queries.finding_counts(r.scope, r.organisation_id)
    lines = []
    for audit in found:
        if audit.held_on is not None and since is not None and audit.held_on <= since:
            continue
        kinds = counts.get(audit.audit_id, {})
        tally = ", ".join(f"{kinds.get(kind, 0)} {label}" for kind, label in FINDING_LABELS)
        report = (
            f"held on {audit.held_on.isoformat()}, report issued"
            if audit.held_on is not None
            else f"planned for {audit.planned_on.isoformat()}, no report yet"
        )
        lines.append(f"{audit.title} ({audit.auditor_name or 'former account'}): {report}; findings: {tally}")
    heading = f" since {since.isoformat()}" if since else ""
    return _section("audits", f"Audit results{heading}", lines)


FINDING_LABELS = (
    (FindingKind.MAJOR_NONCONFORMITY.value, "major"),
    (FindingKind.MINOR_NONCONFORMITY.value, "minor"),
    (FindingKind.OBSERVATION.value, "observation"),
    (FindingKind.OPPORTUNITY.value, "opportunity"),
)


SECTIONS: tuple[Section, ...] = (
    previous_actions,
    context_changes,
    nonconformities,
    monitoring,
    audit_results,
    risk_results,
    treatment_plan,
    objectives,
    statement_of_applicability,
    documents_due,
)
"""The inputs of clause 9.3.2, in its order; feedback from interested parties and opportunities for improvement
are entered by hand at the review."""


def review_inputs(
    queries: ReadQueries, tenant_id: UUID, organisation_id: UUID, review_id: UUID, today: date
) -> tuple[ReviewInputSection, ...]:
    """Every section, read in one read transaction: one view of the registers."""
    scope = Scope(tenant_id)
    with queries.reader.one_transaction():
        previous_on = queries.reviews.previous_held_on(scope, organisation_id, review_id)
        reading = Reading(queries, scope, organisation_id, review_id, today, previous_on)
        return tuple(section(reading) for section in SECTIONS)


def _number(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:,.4f}".rstrip("0").rstrip(".")


def _section(key: str, title: str, lines: list[str]) -> ReviewInputSection:
    return ReviewInputSection(key, title, True, tuple(lines) or ("None.",))
