"""An organisation's change log book: the next number of its change log, its Change Advisory Board and its
catalogue of standard changes.

Numbers are taken here, one event per change, saved in the same transaction as the change: two changes filed at the
same moment both read the same last number, and the event store's optimistic concurrency lets only one of them be
saved (the other is filed again with the next number). So numbers never repeat and never skip."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from eventsourcing.domain import event

from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.errors import NotFound, ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, multi_line, natural_key, single_line

MAX_BOARD_MEMBERS = 20
MAX_STANDARD_CHANGES = 200
STANDARD_TITLE_MAX_LENGTH = NAME_MAX_LENGTH
STANDARD_PROCEDURE_MAX_LENGTH = 4000


def log_book_id(tenant_id: UUID, organisation_id: UUID) -> UUID:
    return tenant_scoped_id(tenant_id, "change-log-book", str(organisation_id))


@dataclass(frozen=True)
class StandardChange:
    """A duty defined up front as a standard change: pre-approved, done by the procedure written here."""

    title: str
    procedure: str


class ChangeLogBook(TenantAggregate):
    @classmethod
    def open(cls, tenant_id: UUID, actor_id: UUID, organisation_id: UUID) -> ChangeLogBook:
        return cls(tenant_id=tenant_id, actor_id=actor_id, organisation_id=organisation_id)

    @staticmethod
    def create_id(tenant_id: UUID, organisation_id: UUID, **_: object) -> UUID:
        return log_book_id(tenant_id, organisation_id)

    @event("Opened")
    def __init__(self, tenant_id: UUID, actor_id: UUID, organisation_id: UUID) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.last_number = 0
        self.board: frozenset[UUID] = frozenset()
        self.standard_changes: dict[str, StandardChange] = {}

    def take_number(self, actor_id: UUID) -> int:
        """The next number of the log: one more than the last, whatever was filed in between."""
        self._number_taken(actor_id, self.last_number + 1)
        return self.last_number

    @event("NumberTaken")
    def _number_taken(self, actor_id: UUID, number: int) -> None:
        self.last_number = number

    def name_board(self, actor_id: UUID, member_ids: tuple[UUID, ...]) -> None:
        """The Change Advisory Board's members, all at once (the handler checks each is a member account)."""
        members = tuple(dict.fromkeys(member_ids))
        if len(members) > MAX_BOARD_MEMBERS:
            raise ValidationFailed("member_ids", f"Name at most {MAX_BOARD_MEMBERS} members.")
        if frozenset(members) == self.board:
            raise ValidationFailed("member_ids", "Nothing is changed.")
        self._board_named(actor_id, self.organisation_id, list(members))

    @event("BoardNamed")
    def _board_named(self, actor_id: UUID, organisation_id: UUID, member_ids: list[UUID]) -> None:
        self.board = frozenset(member_ids)

    def define_standard_change(self, actor_id: UUID, standard_change_id: UUID, title: str, procedure: str) -> None:
        """A duty that counts as a standard change from now on."""
        title = single_line("title", title, STANDARD_TITLE_MAX_LENGTH)
        procedure = multi_line("procedure", procedure, STANDARD_PROCEDURE_MAX_LENGTH)
        if len(self.standard_changes) >= MAX_STANDARD_CHANGES:
            raise ValidationFailed("title", f"A catalogue holds at most {MAX_STANDARD_CHANGES} standard changes.")
        if any(natural_key(s.title) == natural_key(title) for s in self.standard_changes.values()):
            raise ValidationFailed("title", "The catalogue already has a standard change of this title.")
        self._standard_change_defined(actor_id, self.organisation_id, str(standard_change_id), title, procedure)

    @event("StandardChangeDefined")
    def _standard_change_defined(
        self, actor_id: UUID, organisation_id: UUID, standard_change_id: str, title: str, procedure: str
    ) -> None:
        self.standard_changes[standard_change_id] = StandardChange(title, procedure)

    def standard_change(self, standard_change_id: UUID) -> tuple[str, str]:
        """The catalogue's entry (id, title); another organisation's or a made-up one is answered as missing."""
        found = self.standard_changes.get(str(standard_change_id))
        if found is None:
            raise NotFound("No standard change of the organisation's catalogue with this id.", "standard_change_id")
        return str(standard_change_id), found.title
