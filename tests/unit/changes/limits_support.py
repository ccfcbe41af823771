"""What the input-limits test needs of the change log: two member accounts of one organisation of the scenario (the
owner and the approver), a filed change to schedule and an approved non-operational change to record as executed,
made before an argument is tried (so that the tries themselves write nothing else)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID, uuid4
from weakref import WeakKeyDictionary

from domain.changes.commands import (
    ApproveChange,
    DefineStandardChange,
    FileChange,
    RecordChangeExecution,
    ScheduleChange,
)
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.account import Role
from domain.tenancy.commands import OpenAccount
from tests.unit.programme_scenario import Scenario

TextCall = Callable[[Scenario, str], object]
DateCall = Callable[[Scenario, date], object]
FIRST, LAST = date(2000, 1, 1), date(2032, 1, 4)
TEST_DAY = date(2027, 1, 4)


@dataclass(frozen=True)
class ChangeItems:
    owner: UUID
    approver: UUID
    filed: UUID
    approved: UUID


_MADE: WeakKeyDictionary[Scenario, ChangeItems] = WeakKeyDictionary()


def _own(s: Scenario, actor: UUID = SYSTEM_ACTOR) -> tuple[Any, ...]:
    return (s.tenant, actor, s.members[0])


def _account(s: Scenario, name: str) -> UUID:
    email = f"{name.lower()}@changes.example"
    opened = OpenAccount(s.tenant, SYSTEM_ACTOR, email, name, "$argon2id$x", (Role.MEMBER,), s.members[0])
    return s.app.handle(opened).aggregate_id


def _filing(s: Scenario, owner: UUID, **given: Any) -> FileChange:
    facts: dict[str, Any] = {
        "owner_id": owner,
        "initiator": "Service desk",
        "hostname": "db-1.example",
        "description": "Raise the connection limit",
        "category": "normal",
        "risk": "low",
        "cause": "Month end",
        "configuration": "max_connections = 400",
    } | given
    return FileChange(*_own(s, owner), **facts)


def prepare_changes(s: Scenario) -> None:
    owner, approver = _account(s, "Olga"), _account(s, "Ben")
    filed = s.app.handle(_filing(s, owner)).aggregate_id
    approved = s.app.handle(_filing(s, owner, category="non_operational")).aggregate_id
    s.app.handle(ApproveChange(*_own(s, approver), approved))
    _MADE[s] = ChangeItems(owner, approver, filed, approved)


def _file(s: Scenario, **texts: Any) -> object:
    owner = _MADE[s].owner if s in _MADE else _account(s, "Olga")
    return s.app.handle(_filing(s, owner, **texts))


def _schedule(s: Scenario, day: date = TEST_DAY, fallback: str = "Restore the snapshot") -> object:
    return s.app.handle(ScheduleChange(*_own(s), _MADE[s].filed, day, fallback))


def _execute(s: Scenario, day: date = TEST_DAY, notes: str | None = None) -> object:
    return s.app.handle(RecordChangeExecution(*_own(s), _MADE[s].approved, day, True, notes))


CHANGE_TEXT_CALLS: dict[tuple[str, str], TextCall] = {
    ("FileChange", "initiator"): lambda s, t: _file(s, initiator=t),
    ("FileChange", "cause"): lambda s, t: _file(s, cause=t, ticket="SD-1"),
    ("FileChange", "ticket"): lambda s, t: _file(s, ticket=t),
    ("FileChange", "hostname"): lambda s, t: _file(s, hostname=t),
    ("FileChange", "description"): lambda s, t: _file(s, description=t),
    ("FileChange", "configuration"): lambda s, t: _file(s, configuration=t, category="non_operational"),
    ("DefineStandardChange", "title"): lambda s, t: s.app.handle(DefineStandardChange(*_own(s), t, "Playbook")),
    ("DefineStandardChange", "procedure"): lambda s, t: s.app.handle(DefineStandardChange(*_own(s), "Renew", t)),
    ("ScheduleChange", "fallback"): lambda s, t: _schedule(s, fallback=t),
    ("RecordChangeExecution", "notes"): lambda s, t: _execute(s, notes=t),
}
CHANGE_PREPARED = dict.fromkeys(CHANGE_TEXT_CALLS, prepare_changes)


def _schedule_on(s: Scenario, day: date) -> object:
    """Scheduled on a change filed just before, when the day may be one (a refusal writes nothing)."""
    if TEST_DAY <= day <= LAST:
        prepare_changes(s)
        return _schedule(s, day)
    return s.app.handle(ScheduleChange(*_own(s), uuid4(), day, "Restore the snapshot"))


def _execute_on(s: Scenario, day: date) -> object:
    """Executed on a change approved just before, on the business day, when the day may be one."""
    if day == TEST_DAY:
        prepare_changes(s)
        return _execute(s, day)
    return s.app.handle(RecordChangeExecution(*_own(s), uuid4(), day, True))


CHANGE_DATE_CALLS: dict[tuple[str, str], DateCall] = {
    ("ScheduleChange", "scheduled_for"): _schedule_on,
    ("RecordChangeExecution", "executed_on"): _execute_on,
}
CHANGE_DATE_BOUNDS = {
    ("ScheduleChange", "scheduled_for"): (TEST_DAY, LAST),
    ("RecordChangeExecution", "executed_on"): (TEST_DAY, TEST_DAY),
}
"""A change is scheduled from the business day on; it is executed after its approval (here, the business day)."""

CHANGE_CHOICE_CALLS: dict[tuple[str, str], TextCall] = {
    ("FileChange", "category"): lambda s, t: _file(s, category=t),
    ("FileChange", "risk"): lambda s, t: _file(s, risk=t),
}
CHANGE_CHOICE_PREPARED = dict.fromkeys(CHANGE_CHOICE_CALLS, prepare_changes)
