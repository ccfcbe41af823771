"""An incident of an organisation: its severity, the service it concerns, its timeline (reported, acknowledged,
escalated level by level, restored, closed), each step with who and when, the assets and risks it concerns and, on
closure, the lessons learned. The targets in force when it was reported stay with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from eventsourcing.domain import event

from domain.incidents.rules import (
    SEVERITIES,
    Status,
    Targets,
    can_acknowledge,
    can_close,
    can_escalate,
    can_link,
    can_open_nonconformity,
    can_restore,
    is_open,
    next_level,
)
from domain.shared.aggregate import TenantAggregate
from domain.shared.calendar import stated_today
from domain.shared.errors import ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, multi_line, single_line

TITLE_MAX_LENGTH = NAME_MAX_LENGTH
SERVICE_MAX_LENGTH = NAME_MAX_LENGTH
HANDLER_MAX_LENGTH = NAME_MAX_LENGTH
"""Who an escalation is handed to: a desk, a provider, a vendor's name."""
DESCRIPTION_MAX_LENGTH = 4000
NOTE_MAX_LENGTH = 2000
LESSONS_MAX_LENGTH = 4000
MONITOR_KEY_MAX_LENGTH = 400
MAX_LINKS = 50
EARLIEST_TIME = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Report:
    """What is reported: a title, the service concerned, the severity and a description."""

    title: str
    service: str
    severity: str
    description: str

    @classmethod
    def checked(cls, title: str, service: str, severity: str, description: str | None) -> Report:
        return cls(
            single_line("title", title, TITLE_MAX_LENGTH),
            single_line("service", service, SERVICE_MAX_LENGTH),
            checked_severity(severity),
            multi_line("description", description, DESCRIPTION_MAX_LENGTH, required=False),
        )


def checked_severity(severity: str, field: str = "severity") -> str:
    if severity not in SEVERITIES:
        raise ValidationFailed(field, f"Choose one of: {', '.join(SEVERITIES)}.")
    return severity


def checked_time(field: str, at: datetime, not_before: datetime | None = None) -> datetime:
    """A moment of the timeline: with its time zone, from 2000, not on a day still to come, and never before the
    step it follows (the timeline reads in order). Stored in UTC."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValidationFailed(field, "Give the time with its time zone.")
    at = at.astimezone(UTC)
    if at < EARLIEST_TIME:
        raise ValidationFailed(field, "Must be in 2000 or later.")
    today = stated_today()
    if today is not None and at.date() > today:
        raise ValidationFailed(field, "Must not lie in the future.")
    if not_before is not None and at < not_before:
        raise ValidationFailed(field, f"Must not be before the previous step ({not_before.isoformat()}).")
    return at


class Incident(TenantAggregate):
    @classmethod
    def report(
        cls,
        tenant_id: UUID,
        actor_id: UUID,
        incident_id: UUID,
        organisation_id: UUID,
        reported: Report,
        reported_at: datetime,
        targets: Targets | None,
        service_levels_version: int | None,
        monitor_key: str | None = None,
    ) -> Incident:
        """A new incident; `targets` are those the service levels (in `service_levels_version`) set for its
        severity, none while the organisation has agreed none; `monitor_key` is the host and service of the
        monitoring alert that opened it."""
        at = checked_time("reported_at", reported_at)
        key = single_line("host", monitor_key, MONITOR_KEY_MAX_LENGTH, required=False) or None
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            incident_id=incident_id,
            organisation_id=organisation_id,
            title=reported.title,
            service=reported.service,
            severity=reported.severity,
            description=reported.description,
            reported_at=at,
            reaction_minutes=targets.reaction if targets else None,
            escalation_minutes=targets.escalation if targets else None,
            recovery_minutes=targets.recovery if targets else None,
            service_levels_version=service_levels_version,
            monitor_key=key,
        )

    @staticmethod
    def create_id(incident_id: UUID, **_: object) -> UUID:
        return incident_id

    @event("Reported")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        incident_id: UUID,
        organisation_id: UUID,
        title: str,
        service: str,
        severity: str,
        description: str,
        reported_at: datetime,
        reaction_minutes: int | None,
        escalation_minutes: int | None,
        recovery_minutes: int | None,
        service_levels_version: int | None,
        monitor_key: str | None,
    ) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.title = title
        self.severity = severity
        self.service = service
        self.status = Status.REPORTED.value
        self.level: str | None = None
        self.last_step_at = reported_at
        self.monitor_key = monitor_key
        self.asset_ids: tuple[UUID, ...] = ()
        self.risk_ids: tuple[UUID, ...] = ()
        self.alert_state: str | None = None
        self.lessons_learned: str | None = None

    def acknowledge(self, actor_id: UUID, at: datetime, note: str | None) -> None:
        if not can_acknowledge(self.status):
            raise ValidationFailed(
                "incident_id", f"This incident is {self.status}: only a reported one is acknowledged."
            )
        self._acknowledged(actor_id, self._time(at), _note(note))

    @event("Acknowledged")
    def _acknowledged(self, actor_id: UUID, at: datetime, note: str | None) -> None:
        self.status = Status.ACKNOWLEDGED.value
        self.last_step_at = at

    def escalate(self, actor_id: UUID, level: str, handled_by: str, at: datetime, note: str | None) -> None:
        """Hands the incident one level up: to the first level (service desk), then the second (the provider or the
        customer's local IT), then the third (the vendor or a partner)."""
        if not can_escalate(self.status, self.level):
            raise ValidationFailed("level", "Only an open incident below the third level is escalated.")
        expected = next_level(self.level)
        if level != expected:
            raise ValidationFailed("level", f"Escalate one level at a time: next is the {expected} level.")
        handler = single_line("handled_by", handled_by, HANDLER_MAX_LENGTH)
        self._escalated(actor_id, level, handler, self._time(at), _note(note))

    @event("Escalated")
    def _escalated(self, actor_id: UUID, level: str, handled_by: str, at: datetime, note: str | None) -> None:
        self.level = level
        self.last_step_at = at

    def restore(self, actor_id: UUID, at: datetime, note: str | None) -> None:
        """The service works again; the recovery time stops."""
        if not can_restore(self.status):
            raise ValidationFailed("incident_id", f"This incident is {self.status}: only an open one is restored.")
        self._restored(actor_id, self._time(at), _note(note))

    @event("Restored")
    def _restored(self, actor_id: UUID, at: datetime, note: str | None) -> None:
        self.status = Status.RESTORED.value
        self.last_step_at = at

    def close(self, actor_id: UUID, at: datetime, lessons_learned: str) -> None:
        """Closes a restored incident with what was learned from it."""
        if not can_close(self.status):
            raise ValidationFailed("incident_id", "Restore the incident before closing it.")
        lessons = multi_line("lessons_learned", lessons_learned, LESSONS_MAX_LENGTH)
        self._closed(actor_id, self._time(at), lessons)

    @event("Closed")
    def _closed(self, actor_id: UUID, at: datetime, lessons_learned: str) -> None:
        self.status = Status.CLOSED.value
        self.last_step_at = at
        self.lessons_learned = lessons_learned

    def lessons(self) -> str:
        """The lessons learned a nonconformity is opened from: only a closed incident has them."""
        if not can_open_nonconformity(self.status, self.lessons_learned):
            raise ValidationFailed(
                "incident_id", "Only a closed incident, with its lessons learned, opens a nonconformity."
            )
        return self.lessons_learned or ""

    def record_alert(self, actor_id: UUID, state: str, output: str, at: datetime) -> None:
        """A repeated monitoring alert of the open incident: noted on its timeline, no new incident."""
        if not is_open(self.status):
            raise ValidationFailed("incident_id", "Only an open incident takes repeated alerts.")
        text = multi_line("output", output, NOTE_MAX_LENGTH, required=False)
        self._alert_repeated(actor_id, state, text, self._time(at, "timestamp"))

    @event("AlertRepeated")
    def _alert_repeated(self, actor_id: UUID, state: str, output: str, at: datetime) -> None:
        self.last_step_at = at
        self.alert_state = state

    def repeats(self, state: str, severity: str | None, at: datetime) -> bool:
        """An alert already known: older than the last step (sent again, or out of order), or a problem in the same
        state as the last alert noted (for the one that opened the incident, by its severity). Monitoring resends a
        problem every few minutes; the timeline notes it once, and again only when the state changes."""
        if at.tzinfo is not None and at.utcoffset() is not None and at < self.last_step_at:
            return True
        if state == "OK" or not is_open(self.status):
            return False
        if self.alert_state is not None:
            return state == self.alert_state
        return severity == self.severity

    def link(self, actor_id: UUID, asset_ids: tuple[UUID, ...], risk_ids: tuple[UUID, ...]) -> None:
        """Names the assets and risks the incident concerns (checked by the handler to be the organisation's)."""
        if not can_link(self.status):
            raise ValidationFailed("incident_id", "A closed incident is kept as it was.")
        for field, ids in (("asset_ids", asset_ids), ("risk_ids", risk_ids)):
            if len(ids) > MAX_LINKS:
                raise ValidationFailed(field, f"Link at most {MAX_LINKS}.")
            if len(set(ids)) != len(ids):
                raise ValidationFailed(field, "Name each one once.")
        if (tuple(asset_ids), tuple(risk_ids)) == (self.asset_ids, self.risk_ids):
            raise ValidationFailed("asset_ids", "The incident already concerns exactly these.")
        self._linked(actor_id, tuple(asset_ids), tuple(risk_ids))

    @event("Linked")
    def _linked(self, actor_id: UUID, asset_ids: tuple[UUID, ...], risk_ids: tuple[UUID, ...]) -> None:
        self.asset_ids = tuple(asset_ids)
        self.risk_ids = tuple(risk_ids)

    def _time(self, at: datetime, field: str = "at") -> datetime:
        return checked_time(field, at, self.last_step_at)


def _note(note: str | None) -> str | None:
    return multi_line("note", note, NOTE_MAX_LENGTH, required=False) or None
