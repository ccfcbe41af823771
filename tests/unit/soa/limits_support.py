"""The Statement of Applicability's rows of the input limits test: how each text and choice is tried."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain.catalogues.library import shipped
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.soa import commands as soa_commands
from domain.soa.rules import ImplementationStatus, InclusionReason
from tests.unit.programme_scenario import Scenario

TextCall = Callable[[Scenario, str], object]


def _own(s: Scenario) -> tuple[Any, ...]:
    return (s.tenant, SYSTEM_ACTOR, s.members[0])


def _start(s: Scenario) -> None:
    s.app.handle(soa_commands.StartStatement(*_own(s), "iso27001-2022"))


def _submitted(s: Scenario) -> None:
    _start(s)
    catalogue = shipped().catalogue("iso27001-2022")
    assert catalogue is not None
    for control in catalogue.controls:  # a version is submitted with every control decided
        s.app.handle(_decide(s, control.id, "Board asked."))
    s.app.handle(soa_commands.SubmitStatement(*_own(s), 1))


def _decide(s: Scenario, control: str, justification: str) -> soa_commands.DecideControl:
    reasons = (InclusionReason.BUSINESS,)
    return soa_commands.DecideControl(*_own(s), control, True, justification, reasons, ImplementationStatus.PLANNED)


SOA_TEXT_CALLS: dict[tuple[str, str], TextCall] = {
    ("DecideControl", "justification"): lambda s, t: s.app.handle(_decide(s, "5.1", t)),
    ("RejectStatement", "reason"): lambda s, t: s.app.handle(soa_commands.RejectStatement(*_own(s), 1, t)),
}
SOA_CHOICE_CALLS: dict[tuple[str, str], TextCall] = {
    ("StartStatement", "catalogue"): lambda s, t: s.app.handle(soa_commands.StartStatement(*_own(s), t)),
    ("DecideControl", "control"): lambda s, t: s.app.handle(_decide(s, t, "Board asked.")),
    ("MoveStatementToEdition", "catalogue"): lambda s, t: s.app.handle(
        soa_commands.MoveStatementToEdition(*_own(s), t)
    ),
}
SOA_PREPARED: dict[tuple[str, str], Callable[[Scenario], None]] = {
    ("DecideControl", "justification"): _start,
    ("DecideControl", "control"): _start,
    ("MoveStatementToEdition", "catalogue"): _start,
    ("RejectStatement", "reason"): _submitted,
}
