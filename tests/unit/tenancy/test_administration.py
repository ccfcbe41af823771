"""Administering accounts: invitations, deactivation and its correction, as the Account aggregate rules them."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID, uuid4

import pytest

from domain.application import Cordee
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.calendar import business_day
from domain.shared.errors import Conflict, NotFound, ValidationFailed
from domain.tenancy.account import INVITATION_DAYS, NO_PASSWORD_YET, Account, Role
from domain.tenancy.commands import (
    AcceptInvitation,
    CreateConsultancy,
    DeactivateAccount,
    InviteAccount,
    IssueInvitation,
    OpenAccount,
    ReactivateAccount,
)
from domain.tenancy.consultancy import Consultancy as ConsultancyAggregate

DAY = date(2027, 1, 4)
FIRST, SECOND = "1" * 64, "2" * 64


class Consultancy:
    """Alpine with one admin, Anna; the admins the read model would list are kept here."""

    def __init__(self) -> None:
        self.app = app = Cordee()
        self.admins: set[UUID] = set()
        app.admin_roster = lambda tenant: frozenset(a for a in self.admins if app.get(Account, tenant, a).active)
        self.tenant = app.handle(CreateConsultancy(SYSTEM_ACTOR, "Alpine", "alpine")).aggregate_id
        self.anna = self.open("anna@alpine.example", Role.CONSULTANCY_ADMIN)

    def open(self, email: str, role: Role) -> UUID:
        opened = self.app.handle(OpenAccount(self.tenant, SYSTEM_ACTOR, email, email, "$argon2id$x", (role,)))
        if role is Role.CONSULTANCY_ADMIN:
            self.admins.add(opened.aggregate_id)
        return opened.aggregate_id

    def invite(self, email: str = "ben@alpine.example", key_hash: str = FIRST) -> UUID:
        command = InviteAccount(self.tenant, self.anna, email, "Ben", Role.COACH, key_hash)
        return self.app.handle(command).aggregate_id

    def account(self, account_id: UUID) -> Account:
        return self.app.get(Account, self.tenant, account_id)

    def position(self) -> int:
        return self.app.recorder.max_notification_id() or 0


def test_an_invited_account_has_no_password_until_its_person_chooses_one() -> None:
    c = Consultancy()
    ben = c.invite()
    account = c.account(ben)
    assert account.password_hash == NO_PASSWORD_YET and account.invitation_hash == FIRST
    assert account.invitation_expires_on == DAY + timedelta(days=INVITATION_DAYS)
    c.app.handle(AcceptInvitation(c.tenant, ben, FIRST, "$argon2id$chosen"))
    account = c.account(ben)
    assert account.password_hash == "$argon2id$chosen" and account.invitation_hash is None


def test_an_invitation_works_once() -> None:
    c = Consultancy()
    ben = c.invite()
    c.app.handle(AcceptInvitation(c.tenant, ben, FIRST, "$argon2id$chosen"))
    before = c.position()
    with pytest.raises(ValidationFailed) as refused:
        c.app.handle(AcceptInvitation(c.tenant, ben, FIRST, "$argon2id$again"))
    assert refused.value.field == "key_hash" and c.position() == before
    assert c.account(ben).password_hash == "$argon2id$chosen"


def test_an_invitation_expires_after_its_last_day() -> None:
    c = Consultancy()
    ben = c.invite()
    last_day = DAY + timedelta(days=INVITATION_DAYS)
    account = c.account(ben)
    with pytest.raises(ValidationFailed):
        account.accept_invitation(FIRST, "$argon2id$late", last_day + timedelta(days=1))
    account.accept_invitation(FIRST, "$argon2id$in-time", last_day)
    assert account.password_hash == "$argon2id$in-time"


def test_a_new_invitation_stops_the_earlier_one() -> None:
    c = Consultancy()
    ben = c.invite()
    c.app.handle(IssueInvitation(c.tenant, c.anna, ben, SECOND))
    with pytest.raises(ValidationFailed):
        c.app.handle(AcceptInvitation(c.tenant, ben, FIRST, "$argon2id$old-link"))
    c.app.handle(AcceptInvitation(c.tenant, ben, SECOND, "$argon2id$new-link"))


def test_an_email_address_is_one_account() -> None:
    c = Consultancy()
    c.invite()
    before = c.position()
    with pytest.raises(Conflict) as refused:
        c.invite(email=" BEN@alpine.example ", key_hash=SECOND)
    assert refused.value.field == "email" and c.position() == before


def test_a_member_account_names_its_organisation_and_only_a_member_account_does() -> None:
    c = Consultancy()
    with pytest.raises(ValidationFailed) as refused:
        c.app.handle(InviteAccount(c.tenant, c.anna, "m@alpine.example", "Max", Role.MEMBER, FIRST))
    assert refused.value.field == "organisation_id"


def test_deactivation_stops_the_invitation_and_calendar_link_and_is_corrected_by_reactivation() -> None:
    c = Consultancy()
    ben = c.invite()
    c.app.handle(DeactivateAccount(c.tenant, c.anna, ben, "Left the consultancy"))
    account = c.account(ben)
    assert not account.active and account.invitation_hash is None and account.calendar_key_hash is None
    with pytest.raises(ValidationFailed):
        c.app.handle(AcceptInvitation(c.tenant, ben, FIRST, "$argon2id$after"))
    with pytest.raises(ValidationFailed) as again:
        c.app.handle(DeactivateAccount(c.tenant, c.anna, ben, "Twice"))
    assert again.value.field == "account_id"
    c.app.handle(ReactivateAccount(c.tenant, c.anna, ben, "Deactivated the wrong Ben"))
    assert c.account(ben).active


def test_nobody_deactivates_their_own_account() -> None:
    c = Consultancy()
    c.open("second@alpine.example", Role.CONSULTANCY_ADMIN)
    with pytest.raises(ValidationFailed) as refused:
        c.app.handle(DeactivateAccount(c.tenant, c.anna, c.anna, "Leaving"))
    assert refused.value.field == "account_id" and c.account(c.anna).active


def test_the_last_active_admin_stays() -> None:
    c = Consultancy()
    second = c.open("second@alpine.example", Role.CONSULTANCY_ADMIN)
    coach = c.open("coach@alpine.example", Role.COACH)
    c.app.handle(DeactivateAccount(c.tenant, c.anna, second, "Left"))
    c.app.handle(ReactivateAccount(c.tenant, c.anna, second, "Came back"))
    c.app.handle(DeactivateAccount(c.tenant, second, c.anna, "Left"))
    before = c.position()
    with pytest.raises(ValidationFailed) as refused:
        c.app.handle(DeactivateAccount(c.tenant, coach, second, "Anyone"))
    assert "last active admin" in refused.value.message and c.position() == before


def test_reactivating_an_active_account_is_refused_and_a_reason_is_required() -> None:
    c = Consultancy()
    ben = c.invite()
    with pytest.raises(ValidationFailed) as active:
        c.app.handle(ReactivateAccount(c.tenant, c.anna, ben, "Just in case"))
    assert active.value.field == "account_id"
    with pytest.raises(ValidationFailed) as blank:
        c.app.handle(DeactivateAccount(c.tenant, c.anna, ben, "  "))
    assert blank.value.field == "reason"


def test_invitations_are_dated_on_the_business_day_the_application_states() -> None:
    c = Consultancy()
    with business_day(date(2027, 3, 1)):
        ben = c.invite()
    assert c.account(ben).invitation_expires_on == date(2027, 3, 15)


def test_an_unknown_account_is_not_found_whatever_the_command() -> None:
    c = Consultancy()
    with pytest.raises(NotFound) as refused:
        c.app.handle(DeactivateAccount(c.tenant, c.anna, uuid4(), "Gone"))
    assert refused.value.field == "account_id"


def test_two_admins_deactivating_each_other_at_once_leave_one_admin() -> None:
    """The read model may not show the first deactivation yet (it answers both admins active): the consultancy's own
    stream decides, and a deactivation decided on a stale view of it conflicts instead of being saved."""
    c = Consultancy()
    second = c.open("second@alpine.example", Role.CONSULTANCY_ADMIN)
    c.app.admin_roster = lambda tenant: frozenset({c.anna, second})  # a read model one event behind
    c.app.handle(DeactivateAccount(c.tenant, c.anna, second, "Left"))
    before = c.position()
    with pytest.raises(ValidationFailed) as refused:
        c.app.handle(DeactivateAccount(c.tenant, second, c.anna, "Left too"))
    assert "last active admin" in refused.value.message and c.position() == before
    c.app.handle(ReactivateAccount(c.tenant, c.anna, second, "Came back"))
    c.app.handle(DeactivateAccount(c.tenant, second, c.anna, "Now the other way round"))
    assert c.app.get(Account, c.tenant, second).active and not c.app.get(Account, c.tenant, c.anna).active


def test_a_deactivation_decided_on_an_older_consultancy_conflicts_and_writes_nothing() -> None:
    c = Consultancy()
    second = c.open("second@alpine.example", Role.CONSULTANCY_ADMIN)
    third = c.open("third@alpine.example", Role.CONSULTANCY_ADMIN)
    seen = c.app.get(ConsultancyAggregate, c.tenant, c.tenant)  # what a concurrent request loaded
    c.app.handle(DeactivateAccount(c.tenant, c.anna, second, "Left"))
    account = c.app.get(Account, c.tenant, third)
    account.deactivate(c.anna, "Left as well", frozenset({c.anna, third}))
    seen.record_admin_deactivated(c.anna, third)
    before = c.position()
    with pytest.raises(Conflict):
        c.app.save_changes(account, seen)
    assert c.position() == before and c.app.get(Account, c.tenant, third).active


def test_no_invitation_is_issued_for_an_account_whose_person_chose_a_password() -> None:
    """Else an admin could open the link and take the account over, its person none the wiser."""
    c = Consultancy()
    ben = c.invite()
    c.app.handle(AcceptInvitation(c.tenant, ben, FIRST, "$argon2id$chosen"))
    before = c.position()
    for account in (ben, c.open("opened@alpine.example", Role.COACH)):
        with pytest.raises(ValidationFailed) as refused:
            c.app.handle(IssueInvitation(c.tenant, c.anna, account, SECOND))
        assert refused.value.field == "account_id" and "has chosen a password" in refused.value.message
    assert c.position() == before + 1  # only the account opened
