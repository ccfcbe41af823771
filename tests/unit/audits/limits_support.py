"""What the input-limits test needs of internal audits and nonconformities: an owner account of one organisation
of the scenario, this year's programme, an audit by the coach with a minor finding, a nonconformity with a completed
and an open action, and one ready to close, made before an argument is tried (so that the tries write nothing
else)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID
from weakref import WeakKeyDictionary

from domain.audits.audit import Audit
from domain.audits.commands import (
    CompleteAudit,
    PlanAudit,
    PlanAuditProgramme,
    RaiseNonconformityFromFinding,
    RecordAuditFinding,
    ReviseAuditProgramme,
)
from domain.audits.programme import AuditProgramme, programme_id
from domain.nonconformities.commands import (
    AnalyseNonconformity,
    CloseNonconformity,
    CompleteCorrectiveAction,
    PlanCorrectiveAction,
    RaiseNonconformity,
    VerifyActionEffectiveness,
)
from domain.nonconformities.nonconformity import Nonconformity
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.account import Role
from domain.tenancy.commands import OpenAccount
from tests.unit.programme_scenario import Scenario

TextCall = Callable[[Scenario, str], object]
DateCall = Callable[[Scenario, date], object]
FIRST, LAST, TODAY = date(2000, 1, 1), date(2032, 1, 4), date(2027, 1, 4)
HELD = date(2026, 6, 1)
DUE = date(2027, 6, 30)


@dataclass(frozen=True)
class AuditItems:
    owner: UUID
    programme: UUID
    audit: UUID
    finding: UUID
    nonconformity: UUID
    completed_action: UUID
    open_action: UUID
    closable: UUID


_MADE: WeakKeyDictionary[Scenario, AuditItems] = WeakKeyDictionary()


def _own(s: Scenario, actor: UUID | None = None) -> tuple[Any, ...]:
    return (s.tenant, actor or SYSTEM_ACTOR, s.members[0])


def _owner(s: Scenario) -> UUID:
    if s in _MADE:
        return _MADE[s].owner
    account = OpenAccount(
        s.tenant, SYSTEM_ACTOR, "auditee@org0.example", "Olga", "$argon2id$x", (Role.MEMBER,), s.members[0]
    )
    return s.app.handle(account).aggregate_id


def _programme(s: Scenario, owner: UUID, year: int) -> UUID:
    found = programme_id(s.tenant, s.members[0], year)
    if not s.app.exists(AuditProgramme, s.tenant, found):
        s.app.handle(PlanAuditProgramme(*_own(s), year, (("9.2", owner), ("7.5", owner)), "Cover"))
    return found


def _audit(s: Scenario, programme: UUID, on: date) -> UUID:
    planned = PlanAudit(*_own(s), programme, "Clause 9", ("9.2",), "ISO/IEC 27001", on, s.coach)
    return s.app.handle(planned).aggregate_id


def _action(s: Scenario, nonconformity: UUID, owner: UUID, due: date, completed: date | None) -> UUID:
    s.app.handle(PlanCorrectiveAction(*_own(s), nonconformity, "Checklist", owner, due))
    action = list(s.app.get(Nonconformity, s.tenant, nonconformity).actions)[-1]
    if completed is not None:
        s.app.handle(CompleteCorrectiveAction(*_own(s), nonconformity, action, completed))
    return action


def _nonconformity(s: Scenario) -> UUID:
    return s.app.handle(RaiseNonconformity(*_own(s), "Leavers", "Accounts open", "minor", "other")).aggregate_id


def prepare_audits(s: Scenario) -> None:
    owner = _owner(s)
    programme = _programme(s, owner, 2026)
    audit = _audit(s, programme, HELD)
    s.app.handle(RecordAuditFinding(*_own(s, s.coach), audit, "minor_nonconformity", "9.2", "No audit", "None held"))
    finding = next(iter(s.app.get(Audit, s.tenant, audit).findings))
    nonconformity = _nonconformity(s)
    s.app.handle(AnalyseNonconformity(*_own(s), nonconformity, "No plan"))
    completed = _action(s, nonconformity, owner, DUE, HELD)
    open_action = _action(s, nonconformity, owner, DUE, None)
    closable = _nonconformity(s)
    s.app.handle(AnalyseNonconformity(*_own(s), closable, "No plan"))
    verified = _action(s, closable, owner, DUE, HELD)
    s.app.handle(VerifyActionEffectiveness(*_own(s, s.coach), closable, verified, True, "Seen"))
    _MADE[s] = AuditItems(owner, programme, audit, finding, nonconformity, completed, open_action, closable)


def _revise(s: Scenario, **given: Any) -> object:
    made = _MADE[s]
    facts: dict[str, Any] = {"areas": (("9.2", made.owner),), "reason": "Narrower"} | given
    return s.app.handle(ReviseAuditProgramme(*_own(s), made.programme, **facts))


def _finding(s: Scenario, **given: Any) -> object:
    facts: dict[str, Any] = {"kind": "observation", "reference": "9.2", "statement": "S", "evidence": "E"} | given
    return s.app.handle(RecordAuditFinding(*_own(s, s.coach), _MADE[s].audit, **facts))


def _raise(s: Scenario, **given: Any) -> object:
    facts: dict[str, Any] = {"title": "T", "description": "D", "severity": "minor", "source_kind": "other"} | given
    return s.app.handle(RaiseNonconformity(*_own(s), **facts))


AUDIT_TEXT_CALLS: dict[tuple[str, str], TextCall] = {
    ("PlanAuditProgramme", "objectives"): lambda s, t: s.app.handle(
        PlanAuditProgramme(*_own(s), 2027, (("9.2", _MADE[s].owner),), t)
    ),
    ("ReviseAuditProgramme", "objectives"): lambda s, t: _revise(s, objectives=t),
    ("ReviseAuditProgramme", "reason"): lambda s, t: _revise(s, reason=t),
    ("PlanAudit", "title"): lambda s, t: s.app.handle(
        PlanAudit(*_own(s), _MADE[s].programme, t, ("9.2",), "C", HELD, s.coach)
    ),
    ("PlanAudit", "criteria"): lambda s, t: s.app.handle(
        PlanAudit(*_own(s), _MADE[s].programme, "T", ("9.2",), t, HELD, s.coach)
    ),
    ("RecordAuditFinding", "statement"): lambda s, t: _finding(s, statement=t),
    ("RecordAuditFinding", "evidence"): lambda s, t: _finding(s, evidence=t),
    ("RaiseNonconformityFromFinding", "title"): lambda s, t: s.app.handle(
        RaiseNonconformityFromFinding(*_own(s), _MADE[s].audit, _MADE[s].finding, t)
    ),
    ("CompleteAudit", "conclusion"): lambda s, t: s.app.handle(
        CompleteAudit(*_own(s, s.coach), _MADE[s].audit, HELD, t)
    ),
    ("RaiseNonconformity", "title"): lambda s, t: _raise(s, title=t),
    ("RaiseNonconformity", "description"): lambda s, t: _raise(s, description=t),
    ("RaiseNonconformity", "source_reference"): lambda s, t: _raise(s, source_reference=t),
    ("AnalyseNonconformity", "root_cause"): lambda s, t: s.app.handle(
        AnalyseNonconformity(*_own(s), _MADE[s].nonconformity, t)
    ),
    ("AnalyseNonconformity", "correction"): lambda s, t: s.app.handle(
        AnalyseNonconformity(*_own(s), _MADE[s].nonconformity, "Cause", t)
    ),
    ("PlanCorrectiveAction", "description"): lambda s, t: s.app.handle(
        PlanCorrectiveAction(*_own(s), _MADE[s].nonconformity, t, _MADE[s].owner, DUE)
    ),
    ("CompleteCorrectiveAction", "note"): lambda s, t: s.app.handle(
        CompleteCorrectiveAction(*_own(s), _MADE[s].nonconformity, _MADE[s].open_action, HELD, t)
    ),
    ("VerifyActionEffectiveness", "evidence"): lambda s, t: s.app.handle(
        VerifyActionEffectiveness(*_own(s, s.coach), _MADE[s].nonconformity, _MADE[s].completed_action, True, t)
    ),
    ("CloseNonconformity", "note"): lambda s, t: s.app.handle(CloseNonconformity(*_own(s), _MADE[s].closable, t)),
}

AUDIT_CHOICE_CALLS: dict[tuple[str, str], TextCall] = {
    ("PlanAuditProgramme", "areas[][]"): lambda s, t: s.app.handle(
        PlanAuditProgramme(*_own(s), 2027, ((t, _MADE[s].owner),))
    ),
    ("ReviseAuditProgramme", "areas[][]"): lambda s, t: _revise(s, areas=((t, _MADE[s].owner),)),
    ("PlanAudit", "scope[]"): lambda s, t: s.app.handle(
        PlanAudit(*_own(s), _MADE[s].programme, "T", (t,), "C", HELD, s.coach)
    ),
    ("RecordAuditFinding", "kind"): lambda s, t: _finding(s, kind=t),
    ("RecordAuditFinding", "reference"): lambda s, t: _finding(s, reference=t),
    ("RaiseNonconformity", "severity"): lambda s, t: _raise(s, severity=t),
    ("RaiseNonconformity", "source_kind"): lambda s, t: _raise(s, source_kind=t),
}
AUDIT_CHOICES_REFUSED_AS = {
    ("PlanAuditProgramme", "areas[][]"): "areas.reference",
    ("ReviseAuditProgramme", "areas[][]"): "areas.reference",
    ("PlanAudit", "scope[]"): "scope",
}
AUDIT_PREPARED = dict.fromkeys([*AUDIT_TEXT_CALLS, *AUDIT_CHOICE_CALLS], prepare_audits)


def _plan_on(s: Scenario, day: date) -> object:
    """Plans an audit on `day`, in a programme of its year made just before when the day is a business date."""
    if FIRST <= day <= LAST:
        programme = _programme(s, _owner(s), day.year)
    else:
        programme = programme_id(s.tenant, s.members[0], 2026)
    return s.app.handle(PlanAudit(*_own(s), programme, "T", ("9.2",), "C", day, s.coach))


def _complete_audit(s: Scenario, day: date) -> object:
    """Completes an audit planned on `day` just before, when the day could be an audit's."""
    audit = _audit(s, _programme(s, _owner(s), day.year), day) if FIRST <= day <= TODAY else s.members[0]
    return s.app.handle(CompleteAudit(*_own(s, s.coach), audit, day, "Done"))


def _plan_action(s: Scenario, day: date) -> object:
    if FIRST <= day <= LAST:
        nonconformity, owner = _nonconformity(s), _owner(s)
    else:
        nonconformity, owner = s.members[0], s.coach
    return s.app.handle(PlanCorrectiveAction(*_own(s), nonconformity, "Checklist", owner, day))


def _complete_action(s: Scenario, day: date) -> object:
    if FIRST <= day <= TODAY:
        nonconformity = _nonconformity(s)
        action = _action(s, nonconformity, _owner(s), day, None)
    else:
        nonconformity, action = s.members[0], s.members[0]
    return s.app.handle(CompleteCorrectiveAction(*_own(s), nonconformity, action, day))


AUDIT_DATE_CALLS: dict[tuple[str, str], DateCall] = {
    ("PlanAudit", "planned_on"): _plan_on,
    ("CompleteAudit", "held_on"): _complete_audit,
    ("PlanCorrectiveAction", "due_on"): _plan_action,
    ("CompleteCorrectiveAction", "completed_on"): _complete_action,
}
AUDIT_HAPPENED = {("CompleteAudit", "held_on"), ("CompleteCorrectiveAction", "completed_on")}
