"""Every rule of the change log, through the application: numbering, the four-eye principle, the Change Advisory
Board's consent, scheduling with a fallback before a productive change runs, and the standard changes' catalogue.
A refused command writes no event."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from uuid import UUID, uuid4

import pytest

from domain.changes.change import Change
from domain.changes.commands import (
    ApproveChange,
    ConsentToChange,
    DefineStandardChange,
    NameChangeAdvisoryBoard,
    RecordChangeExecution,
    ScheduleChange,
)
from domain.shared.calendar import business_day
from domain.shared.errors import DomainError, Forbidden, NotFound, ValidationErrors, ValidationFailed
from tests.unit.changes.support import TODAY, Shop


@pytest.fixture
def shop() -> Shop:
    return Shop()


def refused(shop: Shop, command: object, error: type[DomainError] = ValidationFailed) -> DomainError:
    """The command is refused with the error, and nothing is written."""
    before = shop.position()
    with business_day(TODAY), pytest.raises(error) as raised:
        shop.app.handle(command)
    assert shop.position() == before
    return raised.value


def run(shop: Shop, command: object) -> UUID:
    with business_day(TODAY):
        return shop.app.handle(command).aggregate_id


def change(shop: Shop, change_id: UUID) -> Change:
    return shop.app.get(Change, shop.tenant, change_id)


def test_numbers_follow_one_another_per_organisation(shop: Shop) -> None:
    first, second = run(shop, shop.filing()), run(shop, shop.filing())
    other_filing = replace(shop.filing(), organisation_id=shop.other, owner_id=shop.stranger, actor_id=shop.stranger)
    theirs = run(shop, other_filing)
    assert [change(shop, c).number for c in (first, second, theirs)] == [1, 2, 1]


def test_a_refused_filing_takes_no_number(shop: Shop) -> None:
    run(shop, shop.filing())
    assert refused(shop, shop.filing(hostname="not a host")).field == "hostname"
    assert change(shop, run(shop, shop.filing())).number == 2


def test_every_field_at_fault_is_named_at_once(shop: Shop) -> None:
    error = refused(shop, shop.filing(category="urgent", risk="extreme", initiator=""), ValidationErrors)
    assert isinstance(error, ValidationErrors)
    assert [p.field for p in error.problems] == ["initiator", "category", "risk"]


def test_a_change_says_why_and_a_productive_one_states_its_configuration(shop: Shop) -> None:
    assert refused(shop, shop.filing(cause="", ticket=None)).field == "cause"
    assert change(shop, run(shop, shop.filing(cause=None, ticket="SD-4711"))).number == 1
    assert refused(shop, shop.filing(configuration="")).field == "configuration"
    run(shop, shop.filing("non_operational", configuration=None))


def test_the_owner_is_a_member_account_of_the_organisation(shop: Shop) -> None:
    assert refused(shop, shop.filing(owner_id=shop.stranger), NotFound).field == "owner_id"


def test_the_approver_is_not_the_owner(shop: Shop) -> None:
    filed = run(shop, shop.filing())
    assert refused(shop, ApproveChange(*shop.mine(shop.olga), filed), Forbidden).field == "change_id"
    run(shop, ApproveChange(*shop.mine(shop.ben), filed))
    assert change(shop, filed).approved_on == TODAY
    assert refused(shop, ApproveChange(*shop.mine(shop.cleo), filed)).field == "change_id"


def test_a_productive_change_runs_only_approved_scheduled_and_with_a_fallback(shop: Shop) -> None:
    filed = run(shop, shop.filing())
    execute = RecordChangeExecution(*shop.mine(shop.olga), filed, TODAY, True)
    assert "approved" in refused(shop, execute).message
    run(shop, ApproveChange(*shop.mine(shop.ben), filed))
    assert "fallback" in refused(shop, execute).message
    no_fallback = ScheduleChange(*shop.mine(shop.olga), filed, TODAY, "  ")
    assert refused(shop, no_fallback).field == "fallback"
    past = ScheduleChange(*shop.mine(shop.olga), filed, TODAY - timedelta(days=1), "Restore max_connections = 200")
    assert refused(shop, past).field == "scheduled_for"
    run(shop, replace(past, scheduled_for=TODAY))
    run(shop, execute)
    assert change(shop, filed).status == "succeeded"
    assert "has run" in refused(shop, execute).message


def test_the_execution_date_is_neither_in_the_future_nor_before_the_approval(shop: Shop) -> None:
    filed = run(shop, shop.filing())
    run(shop, ApproveChange(*shop.mine(shop.ben), filed))
    run(shop, ScheduleChange(*shop.mine(shop.olga), filed, TODAY, "Roll back"))
    tomorrow = RecordChangeExecution(*shop.mine(shop.olga), filed, TODAY + timedelta(days=1), False)
    assert refused(shop, tomorrow).field == "executed_on"
    assert refused(shop, replace(tomorrow, executed_on=TODAY - timedelta(days=1))).field == "executed_on"
    run(shop, replace(tomorrow, executed_on=TODAY))
    assert change(shop, filed).status == "failed"


def test_a_non_operational_change_needs_no_scheduling(shop: Shop) -> None:
    filed = run(shop, shop.filing("non_operational"))
    run(shop, ApproveChange(*shop.mine(shop.ben), filed))
    run(shop, RecordChangeExecution(*shop.mine(shop.olga), filed, TODAY, True, "Tested on staging"))
    assert change(shop, filed).succeeded is True


def test_an_emergency_change_runs_once_every_board_member_consented(shop: Shop) -> None:
    filed = run(shop, shop.filing("emergency"))
    run(shop, ApproveChange(*shop.mine(shop.ben), filed))
    run(shop, ScheduleChange(*shop.mine(shop.olga), filed, TODAY, "Restore the snapshot"))
    execute = RecordChangeExecution(*shop.mine(shop.olga), filed, TODAY, True)
    assert "Change Advisory Board" in refused(shop, execute).message
    assert refused(shop, ConsentToChange(*shop.mine(shop.ben), filed), Forbidden).field == "change_id"
    board = NameChangeAdvisoryBoard(*shop.mine(shop.olga), (shop.ben, shop.cleo))
    assert refused(shop, replace(board, member_ids=(shop.ben, shop.stranger)), NotFound).field == "member_ids"
    run(shop, board)
    assert refused(shop, ConsentToChange(*shop.mine(shop.olga), filed), Forbidden).field == "change_id"
    run(shop, ConsentToChange(*shop.mine(shop.ben), filed))
    assert refused(shop, ConsentToChange(*shop.mine(shop.ben), filed)).field == "change_id"
    assert "Every member" in refused(shop, execute).message
    run(shop, ConsentToChange(*shop.mine(shop.cleo), filed))
    run(shop, execute)
    assert change(shop, filed).consents == {shop.ben, shop.cleo}


def test_only_an_emergency_change_asks_for_consent(shop: Shop) -> None:
    run(shop, NameChangeAdvisoryBoard(*shop.mine(shop.olga), (shop.ben,)))
    filed = run(shop, shop.filing())
    assert refused(shop, ConsentToChange(*shop.mine(shop.ben), filed)).field == "change_id"


def test_a_standard_change_names_the_catalogue_and_needs_no_approval(shop: Shop) -> None:
    assert refused(shop, shop.filing("standard")).field == "standard_change_id"
    assert refused(shop, shop.filing("standard", standard_change_id=uuid4()), NotFound).field == "standard_change_id"
    run(shop, DefineStandardChange(*shop.mine(shop.olga), "Rotate TLS certificate", "Run the renewal playbook"))
    duplicate = DefineStandardChange(*shop.mine(shop.olga), "rotate  TLS certificate", "Again")
    assert refused(shop, duplicate).field == "title"
    from domain.changes.handlers import log_book

    book = log_book(shop.app, shop.tenant, shop.olga, shop.organisation)
    (entry,) = book.standard_changes
    assert refused(shop, shop.filing(standard_change_id=UUID(entry))).field == "standard_change_id"
    filed = run(shop, shop.filing("standard", standard_change_id=UUID(entry)))
    assert change(shop, filed).approved_on == TODAY
    assert "pre-approved" in refused(shop, ApproveChange(*shop.mine(shop.ben), filed)).message
    run(shop, ScheduleChange(*shop.mine(shop.olga), filed, TODAY, "Reinstate the old certificate"))
    run(shop, RecordChangeExecution(*shop.mine(shop.olga), filed, TODAY, True))
    theirs = replace(shop.filing("standard", standard_change_id=UUID(entry)), organisation_id=shop.other)
    assert refused(shop, replace(theirs, owner_id=shop.stranger), NotFound).field == "standard_change_id"


def test_another_organisations_change_is_answered_as_missing(shop: Shop) -> None:
    filed = run(shop, shop.filing())
    theirs = ApproveChange(shop.tenant, shop.stranger, shop.other, filed)
    assert refused(shop, theirs, NotFound).field == "change_id"


def test_a_stored_change_replays_to_the_same_state(shop: Shop) -> None:
    filed = run(shop, shop.filing("emergency", ticket="SD-1"))
    run(shop, NameChangeAdvisoryBoard(*shop.mine(shop.olga), (shop.cleo,)))
    run(shop, ConsentToChange(*shop.mine(shop.cleo), filed))
    replayed = change(shop, filed)
    assert (replayed.number, replayed.category, replayed.consents, replayed.filed_on) == (
        1, "emergency", {shop.cleo}, TODAY
    )  # fmt: skip
    assert isinstance(replayed.filed_on, date)
