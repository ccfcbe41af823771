"""A change of an organisation's change log, from its filing to the flag saying whether it succeeded.

Each step is an event of its own (filed, approved, consented by a member of the Change Advisory Board, scheduled,
executed), so the change's history shows who did what and when. A change is never edited: it is the evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.changes.rules import (
    CATEGORIES,
    RISKS,
    Category,
    can_approve,
    can_consent,
    can_schedule,
    is_four_eyes,
    is_productive,
    missing_before_execution,
    status_of,
)
from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.calendar import not_in_the_past, past_date, stated_today
from domain.shared.errors import Forbidden, ValidationFailed, every_check
from domain.shared.text import NAME_MAX_LENGTH, multi_line, not_before, single_line

INITIATOR_MAX_LENGTH = NAME_MAX_LENGTH
CAUSE_MAX_LENGTH = 2000
TICKET_MAX_LENGTH = 100
HOSTNAME_MAX_LENGTH = 253
DESCRIPTION_MAX_LENGTH = 4000
CONFIGURATION_MAX_LENGTH = 20000
FALLBACK_MAX_LENGTH = 4000
NOTES_MAX_LENGTH = 2000
_HOSTNAME = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$")


def change_id(tenant_id: UUID, organisation_id: UUID, number: int) -> UUID:
    """A change's id follows from its number: two changes of one number could never both be saved."""
    return tenant_scoped_id(tenant_id, "change", f"{organisation_id}:{number}")


@dataclass(frozen=True)
class Filing:
    """What a change is, as its engineer files it: checked, every field at fault named at once."""

    initiator: str
    cause: str
    ticket: str
    hostname: str
    description: str
    configuration: str
    category: str
    risk: str

    @classmethod
    def checked(
        cls,
        initiator: str,
        cause: str | None,
        ticket: str | None,
        hostname: str,
        description: str,
        configuration: str | None,
        category: str,
        risk: str,
    ) -> Filing:
        values = every_check(
            lambda: single_line("initiator", initiator, INITIATOR_MAX_LENGTH),
            lambda: multi_line("cause", cause, CAUSE_MAX_LENGTH, required=False),
            lambda: single_line("ticket", ticket, TICKET_MAX_LENGTH, required=False),
            lambda: checked_hostname(hostname),
            lambda: multi_line("description", description, DESCRIPTION_MAX_LENGTH),
            lambda: multi_line("configuration", configuration, CONFIGURATION_MAX_LENGTH, required=False),
            lambda: _choice("category", category, CATEGORIES),
            lambda: _choice("risk", risk, RISKS),
        )
        filing = cls(*values)
        if not filing.cause and not filing.ticket:
            raise ValidationFailed("cause", "Say why the change is made, or name its ticket.")
        if is_productive(filing.category) and not filing.configuration:
            raise ValidationFailed("configuration", "A productive change states its configuration change.")
        return filing


def checked_hostname(hostname: str) -> str:
    name = single_line("hostname", hostname, HOSTNAME_MAX_LENGTH)
    if not _HOSTNAME.match(name):
        raise ValidationFailed("hostname", "Give a host name of letters, digits, dots and hyphens (db-1.example).")
    return name


def _choice(field: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValidationFailed(field, f"Choose one of: {', '.join(allowed)}.")
    return value


class Change(TenantAggregate):
    @classmethod
    def file(
        cls,
        tenant_id: UUID,
        actor_id: UUID,
        organisation_id: UUID,
        number: int,
        owner_id: UUID,
        filing: Filing,
        standard_change: tuple[str, str] | None,
    ) -> Change:
        """A new change of the given number; `standard_change` is the catalogue entry (id, title) a standard change
        is taken from (the handler finds it in the organisation's catalogue)."""
        if (filing.category == Category.STANDARD) != (standard_change is not None):
            raise ValidationFailed(
                "standard_change_id", "A standard change names one of the catalogue's standard changes; no other does."
            )
        f = filing
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            change_id=change_id(tenant_id, organisation_id, number),
            organisation_id=organisation_id,
            number=number,
            owner_id=owner_id,
            initiator=f.initiator,
            cause=f.cause,
            ticket=f.ticket,
            hostname=f.hostname,
            description=f.description,
            configuration=f.configuration,
            category=f.category,
            risk=f.risk,
            standard_change_id=standard_change[0] if standard_change else None,
            standard_change_title=standard_change[1] if standard_change else None,
            filed_on=stated_today() or date.today(),
        )

    @staticmethod
    def create_id(change_id: UUID, **_: object) -> UUID:
        return change_id

    @event("Filed")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        change_id: UUID,
        organisation_id: UUID,
        number: int,
        owner_id: UUID,
        initiator: str,
        cause: str,
        ticket: str,
        hostname: str,
        description: str,
        configuration: str,
        category: str,
        risk: str,
        standard_change_id: str | None,
        standard_change_title: str | None,
        filed_on: date,
    ) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.number = number
        self.owner_id = owner_id
        self.category = category
        self.filed_on = filed_on
        self.approved_on: date | None = filed_on if category == Category.STANDARD else None
        self.scheduled_for: date | None = None
        self.consents: set[UUID] = set()
        self.succeeded: bool | None = None

    @property
    def approved(self) -> bool:
        return self.approved_on is not None

    @property
    def executed(self) -> bool:
        return self.succeeded is not None

    @property
    def status(self) -> str:
        return status_of(self.approved, self.scheduled_for is not None, self.succeeded)

    def approve(self, actor_id: UUID) -> None:
        """The control check, by someone other than the change's owner, on today's business day."""
        if not can_approve(self.category, self.approved, self.executed):
            raise ValidationFailed("change_id", self._why_no_approval())
        if not is_four_eyes(actor_id, self.owner_id):
            raise Forbidden(
                "The change's owner may not approve it: a second person approves (four-eye principle).", "change_id"
            )
        self._approved(actor_id, stated_today() or date.today())

    def _why_no_approval(self) -> str:
        if self.category == Category.STANDARD:
            return "A standard change is pre-approved by the catalogue: it needs no separate approval."
        if self.executed:
            return "The change has run: it is kept as it was."
        return "The change is already approved."

    @event("Approved")
    def _approved(self, actor_id: UUID, approved_on: date) -> None:
        self.approved_on = approved_on

    def consent(self, actor_id: UUID, board: frozenset[UUID]) -> None:
        """A member of the Change Advisory Board consents to an emergency change, once."""
        if not can_consent(self.category, self.executed):
            raise ValidationFailed(
                "change_id", "Only an emergency change that has not run asks for the board's consent."
            )
        if actor_id not in board:
            raise Forbidden(
                "Only a member of the organisation's Change Advisory Board consents to an emergency change.",
                "change_id",
            )
        if actor_id in self.consents:
            raise ValidationFailed("change_id", "You have already consented to this change.")
        self._consented(actor_id, stated_today() or date.today())

    @event("Consented")
    def _consented(self, actor_id: UUID, consented_on: date) -> None:
        self.consents.add(actor_id)

    def schedule(self, actor_id: UUID, scheduled_for: date, fallback: str) -> None:
        """When the change runs, and how it is undone if it fails: a productive change runs only once both are set."""
        if not can_schedule(self.executed):
            raise ValidationFailed("change_id", "The change has run: it is kept as it was.")
        day, procedure = every_check(
            lambda: not_in_the_past("scheduled_for", scheduled_for, "a change"),
            lambda: multi_line("fallback", fallback, FALLBACK_MAX_LENGTH),
        )
        self._scheduled(actor_id, day, procedure)

    @event("Scheduled")
    def _scheduled(self, actor_id: UUID, scheduled_for: date, fallback: str) -> None:
        self.scheduled_for = scheduled_for

    def execute(
        self, actor_id: UUID, board: frozenset[UUID], executed_on: date, succeeded: bool, notes: str | None
    ) -> None:
        """Records that the change ran, on which day and whether it succeeded; refused until every rule is met."""
        if self.executed:
            raise ValidationFailed("change_id", "The change has run: it is kept as it was.")
        missing = missing_before_execution(
            self.category, self.approved, self.scheduled_for is not None, board, self.consents
        )
        if missing:
            raise ValidationFailed("change_id", missing)
        past_date("executed_on", executed_on)
        not_before("executed_on", executed_on, self.approved_on, "its approval")
        self._executed(actor_id, executed_on, succeeded, multi_line("notes", notes, NOTES_MAX_LENGTH, required=False))

    @event("Executed")
    def _executed(self, actor_id: UUID, executed_on: date, succeeded: bool, notes: str) -> None:
        self.succeeded = succeeded
