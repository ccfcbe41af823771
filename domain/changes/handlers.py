"""The change log's command handlers: load, call one aggregate method, save."""

from __future__ import annotations

import uuid
from typing import Protocol
from uuid import UUID

from domain.changes.change import Change, Filing
from domain.changes.commands import (
    ApproveChange,
    ConsentToChange,
    DefineStandardChange,
    FileChange,
    NameChangeAdvisoryBoard,
    RecordChangeExecution,
    ScheduleChange,
)
from domain.changes.log_book import ChangeLogBook, log_book_id
from domain.shared.calendar import not_in_the_past, past_date
from domain.shared.errors import Conflict, NotFound
from domain.shared.ports import Handler, OrganisationAccounts, Organisations, Store
from domain.shared.service import Saved

NO_CHANGE = "No change with this id."
"""The same answer as for an id that does not exist: another organisation's change is not in view."""
FILING_ATTEMPTS = 50
"""How often a filing takes the next number again when other filings took it first (each one that fails saved
nothing): enough for far more engineers filing at the same instant than an organisation has."""


class ChangePorts(Store, Organisations, OrganisationAccounts, Protocol):
    """A change's owner and the board's members are member accounts of the organisation."""


def name_change_advisory_board(app: ChangePorts, cmd: NameChangeAdvisoryBoard) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    for member_id in cmd.member_ids:
        app.check_member_account(cmd.tenant_id, cmd.organisation_id, member_id, "member_ids")
    book = log_book(app, cmd.tenant_id, cmd.actor_id, cmd.organisation_id)
    book.name_board(cmd.actor_id, cmd.member_ids)
    return app.save_changes(book)


def define_standard_change(app: ChangePorts, cmd: DefineStandardChange) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    book = log_book(app, cmd.tenant_id, cmd.actor_id, cmd.organisation_id)
    book.define_standard_change(cmd.actor_id, uuid.uuid4(), cmd.title, cmd.procedure)
    return app.save_changes(book)


def file_change(app: ChangePorts, cmd: FileChange) -> Saved:
    """The change with the log's next number; filed again with the number after when another filing took it first."""
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    filing = Filing.checked(
        cmd.initiator, cmd.cause, cmd.ticket, cmd.hostname, cmd.description, cmd.configuration, cmd.category, cmd.risk
    )
    app.check_member_account(cmd.tenant_id, cmd.organisation_id, cmd.owner_id, "owner_id")
    for attempt in range(FILING_ATTEMPTS):
        book = log_book(app, cmd.tenant_id, cmd.actor_id, cmd.organisation_id)
        standard = None if cmd.standard_change_id is None else book.standard_change(cmd.standard_change_id)
        number = book.take_number(cmd.actor_id)
        change = Change.file(cmd.tenant_id, cmd.actor_id, cmd.organisation_id, number, cmd.owner_id, filing, standard)
        try:
            return app.save_changes(change, book)
        except Conflict:
            if attempt == FILING_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def approve_change(app: Store, cmd: ApproveChange) -> Saved:
    change = load_change(app, cmd.tenant_id, cmd.organisation_id, cmd.change_id)
    change.approve(cmd.actor_id)
    return app.save_changes(change)


def consent_to_change(app: Store, cmd: ConsentToChange) -> Saved:
    change = load_change(app, cmd.tenant_id, cmd.organisation_id, cmd.change_id)
    change.consent(cmd.actor_id, board_of(app, cmd.tenant_id, cmd.organisation_id))
    return app.save_changes(change)


def schedule_change(app: Store, cmd: ScheduleChange) -> Saved:
    not_in_the_past("scheduled_for", cmd.scheduled_for, "a change")
    change = load_change(app, cmd.tenant_id, cmd.organisation_id, cmd.change_id)
    change.schedule(cmd.actor_id, cmd.scheduled_for, cmd.fallback)
    return app.save_changes(change)


def record_change_execution(app: Store, cmd: RecordChangeExecution) -> Saved:
    past_date("executed_on", cmd.executed_on)
    change = load_change(app, cmd.tenant_id, cmd.organisation_id, cmd.change_id)
    board = board_of(app, cmd.tenant_id, cmd.organisation_id)
    change.execute(cmd.actor_id, board, cmd.executed_on, cmd.succeeded, cmd.notes)
    return app.save_changes(change)


def log_book(app: Store, tenant_id: UUID, actor_id: UUID, organisation_id: UUID) -> ChangeLogBook:
    """The organisation's log book, opened (not yet saved) on its first use."""
    found = log_book_id(tenant_id, organisation_id)
    if app.exists(ChangeLogBook, tenant_id, found):
        return app.get(ChangeLogBook, tenant_id, found)
    return ChangeLogBook.open(tenant_id, actor_id, organisation_id)


def board_of(app: Store, tenant_id: UUID, organisation_id: UUID) -> frozenset[UUID]:
    found = log_book_id(tenant_id, organisation_id)
    return (
        app.get(ChangeLogBook, tenant_id, found).board if app.exists(ChangeLogBook, tenant_id, found) else frozenset()
    )


def load_change(app: Store, tenant_id: UUID, organisation_id: UUID, change_id: UUID) -> Change:
    """The organisation's change; another organisation's is answered as a missing one."""
    change = app.get(Change, tenant_id, change_id, "change_id")
    if change.organisation_id != organisation_id:
        raise NotFound(NO_CHANGE, "change_id")
    return change


HANDLERS: dict[type, Handler] = {
    NameChangeAdvisoryBoard: name_change_advisory_board,
    DefineStandardChange: define_standard_change,
    FileChange: file_change,
    ApproveChange: approve_change,
    ConsentToChange: consent_to_change,
    ScheduleChange: schedule_change,
    RecordChangeExecution: record_change_execution,
}
