"""A monitoring alert, Nagios-style, as the incident register reads it: its host and service, its state (OK,
WARNING, CRITICAL, UNKNOWN), what the check printed and when. `docs/monitoring-alerts.md` documents the body."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.incidents.incident import NOTE_MAX_LENGTH, Report, checked_time
from domain.incidents.rules import Severity
from domain.shared.errors import ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, multi_line, single_line

HOST_MAX_LENGTH = NAME_MAX_LENGTH
MONITORED_SERVICE_MAX_LENGTH = NAME_MAX_LENGTH

STATES = ("OK", "WARNING", "CRITICAL", "UNKNOWN")
SEVERITY_OF_STATE = {
    "CRITICAL": Severity.HIGH.value,
    "WARNING": Severity.MEDIUM.value,
    "UNKNOWN": Severity.MEDIUM.value,
}
"""A check that fails opens a high incident, a warning or an unknown state a medium one: people decide what is
critical."""


@dataclass(frozen=True)
class MonitoringAlert:
    host: str
    service: str
    state: str
    output: str
    timestamp: datetime

    @classmethod
    def checked(cls, host: str, service: str, state: str, output: str | None, timestamp: datetime) -> MonitoringAlert:
        if state not in STATES:
            raise ValidationFailed("state", f"Choose one of: {', '.join(STATES)}.")
        return cls(
            single_line("host", host, HOST_MAX_LENGTH),
            single_line("service", service, MONITORED_SERVICE_MAX_LENGTH),
            state,
            multi_line("output", output, NOTE_MAX_LENGTH, required=False),
            checked_time("timestamp", timestamp),
        )

    @property
    def recovered(self) -> bool:
        return self.state == "OK"

    @property
    def severity(self) -> str:
        return SEVERITY_OF_STATE[self.state]

    @property
    def key(self) -> str:
        """What makes two alerts the same problem: the host and the service."""
        return monitor_key(self.host, self.service)

    def report(self) -> Report:
        title = f"{self.service} on {self.host} is {self.state}"[:NAME_MAX_LENGTH]
        return Report(title, self.service, self.severity, self.output)


def monitor_key(host: str, service: str) -> str:
    return f"{host.strip()}\u241f{service.strip()}"
