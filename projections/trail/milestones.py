"""The milestones of a member's progress, read from its history: the catalogue, in one place.

Each item of certification readiness (`backend/graphql/isms/readiness.py`, ISO/IEC 27001:2022's mandatory
documented information) gives a milestone **present**: the first event that records something in its register;
and, where the register has a step of approval or sign-off, a milestone **approved**: the first event of that step
(a policy version published, the Statement of Applicability approved, an audit report issued, a management review
closed...). A milestone is reached on the day of its first such event, and stays reached: the progress shows what
has been done since the first gap analysis, not what is current (readiness says that).

The day of an event is the day the recorded fact happened when the event carries one (the trail's business date: a
training held on, an audit completed on), else the day it was recorded (UTC). An event recorded later with an
earlier business date moves the milestone earlier: the history says it happened then.

Items and what reaches them (register, kind of item, event; "Risk assessment process" is the consultancy's method,
not a member's, and has no milestone):

- Scope (4.3): present, the scope stated.
- Policy (5.2): present, a document of kind policy created; approved, a version of it published.
- Risk treatment process (6.1.3): present, a risk treated (a treatment chosen).
- Statement of Applicability (6.1.3 d): present, started; approved, a version approved.
- Objectives (6.2): present, an objective set.
- Competence (7.2): present, a training or an awareness campaign recorded.
- Operational planning (8.1): present, a change filed or a treatment action planned.
- Risk assessment results (8.2): present, a risk identified; approved, a risk assessed.
- Risk treatment results (8.3): present, a treatment action planned; approved, a risk treated.
- Monitoring (9.1): present, a metric measured.
- Audit programme (9.2): present, a programme planned.
- Audit results (9.2): present, an audit planned; approved, an audit completed (its report issued).
- Management review (9.3): present, a review planned; approved, a review closed.
- Nonconformities (10.2): present, a nonconformity raised; approved, one analysed (cause and correction).

Where readiness's approval is a rule over the whole register (every open risk assessed, every nonconformity
analysed), its milestone is the first event of that step: the first time the work was done at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from projections.trail.rows import MilestonesReached

PRESENT, APPROVED = "present", "approved"


@dataclass(frozen=True)
class Reaching:
    """Events that reach a milestone: of one kind of item of one register, by name (as the trail words them)."""

    register: str
    item_kind: str
    event_names: tuple[str, ...]
    document_kind: str | None = None
    """For documents: only those of this kind (a policy)."""


@dataclass(frozen=True)
class Milestone:
    key: str
    """Stable: `<item>.<present|approved>`."""
    clause: str
    title: str
    step: str
    reached_by: tuple[Reaching, ...]


def _m(key: str, clause: str, title: str, step: str, *reached_by: Reaching) -> Milestone:
    return Milestone(f"{key}.{step}", clause, title, step, reached_by)


POLICY = "policy"

MILESTONES: tuple[Milestone, ...] = (
    _m("scope", "4.3", "Scope of the ISMS", PRESENT, Reaching("context", "Isms scope", ("Stated", "Restated"))),
    _m("policy", "5.2", "Information security policy", PRESENT,
       Reaching("documents", "Document", ("Created",), POLICY)),
    _m("policy", "5.2", "Information security policy", APPROVED,
       Reaching("documents", "Document", ("Version published",), POLICY)),
    _m("treatment_process", "6.1.3", "Risk treatment process", PRESENT, Reaching("risks", "Risk", ("Treated",))),
    _m("soa", "6.1.3 d", "Statement of Applicability", PRESENT,
       Reaching("soa", "Statement of applicability", ("Started",))),
    _m("soa", "6.1.3 d", "Statement of Applicability", APPROVED,
       Reaching("soa", "Statement of applicability", ("Version approved",))),
    _m("objectives", "6.2", "Information security objectives", PRESENT,
       Reaching("risks", "Security objective", ("Set",))),
    _m("competence", "7.2", "Competence and awareness records", PRESENT,
       Reaching("competence", "Training", ("Recorded",)), Reaching("competence", "Awareness campaign", ("Run",))),
    _m("operations", "8.1", "Operational planning and control", PRESENT,
       Reaching("changes", "Change", ("Filed",)), Reaching("risks", "Treatment action", ("Planned",))),
    _m("risk_assessment", "8.2", "Risk assessment results", PRESENT, Reaching("risks", "Risk", ("Identified",))),
    _m("risk_assessment", "8.2", "Risk assessment results", APPROVED, Reaching("risks", "Risk", ("Assessed",))),
    _m("risk_treatment", "8.3", "Risk treatment results", PRESENT,
       Reaching("risks", "Treatment action", ("Planned",))),
    _m("risk_treatment", "8.3", "Risk treatment results", APPROVED, Reaching("risks", "Risk", ("Treated",))),
    _m("monitoring", "9.1", "Monitoring and measurement results", PRESENT,
       Reaching("metrics", "Metric", ("Measured",))),
    _m("audit_programme", "9.2", "Internal audit programme", PRESENT,
       Reaching("audits", "Audit programme", ("Planned",))),
    _m("audit_results", "9.2", "Internal audit results", PRESENT, Reaching("audits", "Audit", ("Planned",))),
    _m("audit_results", "9.2", "Internal audit results", APPROVED, Reaching("audits", "Audit", ("Completed",))),
    _m("management_review", "9.3", "Management review results", PRESENT,
       Reaching("reviews", "Management review", ("Planned",))),
    _m("management_review", "9.3", "Management review results", APPROVED,
       Reaching("reviews", "Management review", ("Closed",))),
    _m("nonconformities", "10.2", "Nonconformities and corrective actions", PRESENT,
       Reaching("nonconformities", "Nonconformity", ("Raised",))),
    _m("nonconformities", "10.2", "Nonconformities and corrective actions", APPROVED,
       Reaching("nonconformities", "Nonconformity", ("Analysed",))),
)  # fmt: skip
"""Every milestone, in the standard's order: the burn-up's scope is their number."""

GAP_ANALYSIS = Reaching("assessment", "Gap analysis", ("Assessed", "Reassessed"))
"""Not a milestone: the start of the progress, the member's first gap analysis in the cluster (its visit day)."""

MILESTONE_EVENTS: tuple[Reaching, ...] = tuple(dict.fromkeys(r for m in MILESTONES for r in m.reached_by))
"""Every kind of event that reaches a milestone, once each."""

EventKind = tuple[str, str, str, str | None]
"""An event's register, kind of item, name, and for a document its kind when a milestone asks for one."""


def reached_from(firsts: Mapping[EventKind, date]) -> MilestonesReached:
    """A member's progress from the first day of each kind of event in its history."""
    since = _first(firsts, GAP_ANALYSIS)
    reached = {m.key: day for m in MILESTONES if (day := _first_of(firsts, m.reached_by)) is not None}
    return MilestonesReached(since, reached)


def _first_of(firsts: Mapping[EventKind, date], reached_by: tuple[Reaching, ...]) -> date | None:
    days = [day for r in reached_by if (day := _first(firsts, r)) is not None]
    return min(days, default=None)


def _first(firsts: Mapping[EventKind, date], r: Reaching) -> date | None:
    days = [firsts[k] for name in r.event_names if (k := (r.register, r.item_kind, name, r.document_kind)) in firsts]
    return min(days, default=None)
