"""What the input-limits test needs of the context: an issue, a party, a role, a scope and a commitment of one
organisation of the scenario, made before an argument is tried (so that the tries themselves write nothing else)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID, uuid4
from weakref import WeakKeyDictionary

from domain.context.commands import (
    AnswerPartyQuestion,
    ChangeContextIssue,
    ChangeIsmsRole,
    DefineIsmsRole,
    IdentifyInterestedParty,
    ListPartyRequirement,
    RaiseContextIssue,
    RecordManagementCommitment,
    RetireContextIssue,
    RetireInterestedParty,
    RetireIsmsRole,
    StateIsmsScope,
    WithdrawPartyRequirement,
)
from domain.context.isms_scope import Exclusion
from domain.shared.aggregate import SYSTEM_ACTOR
from tests.unit.programme_scenario import Scenario


@dataclass(frozen=True)
class ContextItems:
    issue: UUID
    party: UUID
    role: UUID


_MADE: WeakKeyDictionary[Scenario, ContextItems] = WeakKeyDictionary()


def prepare_context(s: Scenario) -> None:
    own = (s.tenant, SYSTEM_ACTOR, s.members[0])
    issue = s.app.handle(RaiseContextIssue(*own, "Growth", "internal", "strategy", "More assets")).aggregate_id
    party = s.app.handle(IdentifyInterestedParty(*own, "Alpha", "cloud_provider")).aggregate_id
    s.app.handle(AnswerPartyQuestion(*own, party, "motivation", "Profit"))
    s.app.handle(ListPartyRequirement(*own, party, "Pen test"))
    role = s.app.handle(DefineIsmsRole(*own, "ciso", "CISO", "Policies", "Ana")).aggregate_id
    s.app.handle(StateIsmsScope(*own, "All", "Shop", "Bank"))
    s.app.handle(RecordManagementCommitment(*own, "Letter", date(2026, 12, 1)))
    _MADE[s] = ContextItems(issue, party, role)


def _items(s: Scenario) -> ContextItems:
    return _MADE[s]


def _own(s: Scenario) -> tuple[Any, ...]:
    return (s.tenant, SYSTEM_ACTOR, s.members[0])


def issue(
    s: Scenario, text: str = "Growth", effect: str = "More", side: str = "internal", category: str = "strategy"
) -> object:
    return s.app.handle(RaiseContextIssue(*_own(s), text, side, category, effect))


def change_issue(s: Scenario, **given: str) -> object:
    facts = {"text": "Growth", "side": "internal", "category": "strategy", "effect": "More", "reason": "Grew"} | given
    return s.app.handle(ChangeContextIssue(*_own(s), _items(s).issue, **facts))


def retire_issue(s: Scenario, reason: str) -> object:
    return s.app.handle(RetireContextIssue(*_own(s), _items(s).issue, reason))


def party(s: Scenario, name: str = "Beta", kind: str = "developer") -> object:
    return s.app.handle(IdentifyInterestedParty(*_own(s), name, kind))


def answer(
    s: Scenario, answer: str | None = None, reason: str = "Asked again", question_key: str = "motivation"
) -> object:
    given = answer if answer is not None else f"Profit {uuid4()}"
    return s.app.handle(AnswerPartyQuestion(*_own(s), _items(s).party, question_key, given, reason))


def requirement(s: Scenario, text: str) -> object:
    return s.app.handle(ListPartyRequirement(*_own(s), _items(s).party, text))


def withdraw_requirement(s: Scenario, reason: str) -> object:
    return s.app.handle(WithdrawPartyRequirement(*_own(s), _items(s).party, 1, reason))


def retire_party(s: Scenario, reason: str) -> object:
    return s.app.handle(RetireInterestedParty(*_own(s), _items(s).party, reason))


def scope(s: Scenario, what: str = "Machines", justification: str = "Offline", **given: str) -> object:
    texts = {"statement": "All", "boundaries": "Shop", "interfaces": "Bank", "reason": "Again"} | given
    reason = texts.pop("reason")
    exclusions = (Exclusion(what, justification),)
    return s.app.handle(StateIsmsScope(*_own(s), exclusions=exclusions, reason=reason, **texts))


def role(s: Scenario, **given: str) -> object:
    facts = {"kind": "risk_owner", "title": "Risk owner", "responsibilities": "Risks", "person_name": "Ben"} | given
    return s.app.handle(DefineIsmsRole(*_own(s), **facts))


def change_role(s: Scenario, **given: str) -> object:
    facts = {"kind": "ciso", "title": "CISO", "responsibilities": "Policies", "person_name": f"P {uuid4()}"}
    facts |= {"reason": "Ana left"} | given
    return s.app.handle(ChangeIsmsRole(*_own(s), _items(s).role, **facts))


def retire_role(s: Scenario, reason: str) -> object:
    return s.app.handle(RetireIsmsRole(*_own(s), _items(s).role, reason))


def commitment(s: Scenario, evidence: str = "Letter", reason: str = "Renewed", on: date = date(2026, 12, 1)) -> object:
    return s.app.handle(RecordManagementCommitment(*_own(s), evidence, on, None, reason))


CONTEXT_TEXT_CALLS: dict[tuple[str, str], Any] = {
    ("RaiseContextIssue", "text"): lambda s, t: issue(s, text=t),
    ("RaiseContextIssue", "effect"): lambda s, t: issue(s, effect=t),
    ("ChangeContextIssue", "text"): lambda s, t: change_issue(s, text=t),
    ("ChangeContextIssue", "effect"): lambda s, t: change_issue(s, effect=t),
    ("ChangeContextIssue", "reason"): lambda s, t: change_issue(s, reason=t),
    ("RetireContextIssue", "reason"): retire_issue,
    ("IdentifyInterestedParty", "name"): lambda s, t: party(s, name=t),
    ("AnswerPartyQuestion", "answer"): lambda s, t: answer(s, answer=t),
    ("AnswerPartyQuestion", "reason"): lambda s, t: answer(s, reason=t),
    ("ListPartyRequirement", "text"): requirement,
    ("WithdrawPartyRequirement", "reason"): withdraw_requirement,
    ("RetireInterestedParty", "reason"): retire_party,
    ("StateIsmsScope", "statement"): lambda s, t: scope(s, statement=t),
    ("StateIsmsScope", "boundaries"): lambda s, t: scope(s, boundaries=t),
    ("StateIsmsScope", "interfaces"): lambda s, t: scope(s, interfaces=t),
    ("StateIsmsScope", "exclusions[].what"): lambda s, t: scope(s, what=t),
    ("StateIsmsScope", "exclusions[].justification"): lambda s, t: scope(s, justification=t),
    ("StateIsmsScope", "reason"): lambda s, t: scope(s, reason=t),
    ("DefineIsmsRole", "title"): lambda s, t: role(s, title=t),
    ("DefineIsmsRole", "responsibilities"): lambda s, t: role(s, responsibilities=t),
    ("DefineIsmsRole", "person_name"): lambda s, t: role(s, person_name=t),
    ("ChangeIsmsRole", "title"): lambda s, t: change_role(s, title=t),
    ("ChangeIsmsRole", "responsibilities"): lambda s, t: change_role(s, responsibilities=t),
    ("ChangeIsmsRole", "person_name"): lambda s, t: change_role(s, person_name=t),
    ("ChangeIsmsRole", "reason"): lambda s, t: change_role(s, reason=t),
    ("RetireIsmsRole", "reason"): retire_role,
    ("RecordManagementCommitment", "evidence"): lambda s, t: commitment(s, evidence=t),
    ("RecordManagementCommitment", "reason"): lambda s, t: commitment(s, reason=t),
}
CONTEXT_CHOICE_CALLS: dict[tuple[str, str], Any] = {
    ("RaiseContextIssue", "side"): lambda s, t: issue(s, side=t),
    ("RaiseContextIssue", "category"): lambda s, t: issue(s, category=t),
    ("ChangeContextIssue", "side"): lambda s, t: change_issue(s, side=t),
    ("ChangeContextIssue", "category"): lambda s, t: change_issue(s, category=t),
    ("IdentifyInterestedParty", "kind"): lambda s, t: party(s, kind=t),
    ("AnswerPartyQuestion", "question_key"): lambda s, t: answer(s, question_key=t),
    ("DefineIsmsRole", "kind"): lambda s, t: role(s, kind=t),
    ("ChangeIsmsRole", "kind"): lambda s, t: change_role(s, kind=t),
}
CONTEXT_DATE_CALLS: dict[tuple[str, str], Any] = {
    ("RecordManagementCommitment", "committed_on"): lambda s, d: commitment(s, on=d),
}
CONTEXT_PREPARED = dict.fromkeys([*CONTEXT_TEXT_CALLS, *CONTEXT_CHOICE_CALLS, *CONTEXT_DATE_CALLS], prepare_context)
