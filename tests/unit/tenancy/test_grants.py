"""Roles granted as events: every rule checked before the event, revoked grants kept, stored accounts' roles kept."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID, uuid4

import pytest

from domain.application import Cordee
from domain.organisations.commands import RegisterOrganisation
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.calendar import business_day
from domain.shared.errors import ValidationFailed
from domain.tenancy.account import AUDIT_WINDOW_MAX_DAYS, Account, Role, opening_grant_id
from domain.tenancy.commands import CreateConsultancy, GrantRole, InviteAccount, OpenAccount, RevokeGrant

DAY = date(2027, 1, 4)


class Consultancy:
    """Alpine with one admin, Anna, and Muller, an organisation with its stored member account, Marc."""

    def __init__(self) -> None:
        self.app = app = Cordee()
        app.today = lambda: DAY  # type: ignore[method-assign]
        self.admins: set[UUID] = set()
        app.admin_roster = lambda tenant: frozenset(a for a in self.admins if app.get(Account, tenant, a).active)
        self.tenant = app.handle(CreateConsultancy(SYSTEM_ACTOR, "Alpine", "alpine")).aggregate_id
        self.anna = self.open("anna@alpine.example", Role.CONSULTANCY_ADMIN)
        self.muller = app.handle(RegisterOrganisation(self.tenant, SYSTEM_ACTOR, "Muller", "Bakery", 9)).aggregate_id
        self.other = app.handle(RegisterOrganisation(self.tenant, SYSTEM_ACTOR, "Other", "Retail", 9)).aggregate_id
        self.marc = self.open("marc@muller.example", Role.MEMBER, self.muller)

    def open(self, email: str, role: Role, organisation: UUID | None = None) -> UUID:
        command = OpenAccount(self.tenant, SYSTEM_ACTOR, email, email, "$argon2id$x", (role,), organisation)
        opened = self.app.handle(command).aggregate_id
        if role is Role.CONSULTANCY_ADMIN:
            self.admins.add(opened)
        return opened

    def grant(self, account: UUID, role: Role, organisation: UUID | None = None, **window: date | None) -> UUID:
        grant_id = uuid4()
        command = GrantRole(self.tenant, self.anna, account, grant_id, role, organisation, **window)
        self.app.handle(command)
        return grant_id

    def account(self, account_id: UUID) -> Account:
        return self.app.get(Account, self.tenant, account_id)

    def position(self) -> int:
        return self.app.recorder.max_notification_id() or 0

    def refused(self, command: object, field: str) -> str:
        before = self.position()
        with pytest.raises(ValidationFailed) as refusal:
            self.app.handle(command)
        assert refusal.value.field == field, refusal.value.message
        assert self.position() == before, "a refused command writes no event"
        return refusal.value.message


@pytest.fixture
def c() -> Consultancy:
    return Consultancy()


def test_a_stored_account_keeps_its_opening_roles_as_grants_that_can_be_revoked(c: Consultancy) -> None:
    marc = c.account(c.marc)
    assert marc.roles == [Role.MEMBER] and marc.has_role(Role.MEMBER)
    c.app.handle(RevokeGrant(c.tenant, c.anna, c.marc, opening_grant_id(c.marc, "member"), "Left Muller"))
    marc = c.account(c.marc)
    assert marc.roles == [] and marc.grants[opening_grant_id(c.marc, "member")].revoked  # kept, revoked


def test_an_organisation_role_is_held_on_the_account_s_own_organisation_only(c: Consultancy) -> None:
    olga = c.open("olga@muller.example", Role.VIEWER, c.muller)
    c.grant(olga, Role.CONTRIBUTOR, c.muller)
    assert set(c.account(olga).roles) == {Role.VIEWER, Role.CONTRIBUTOR}
    assert "not of this organisation" in c.refused(
        GrantRole(c.tenant, c.anna, olga, uuid4(), Role.ISMS_MANAGER, c.other), "organisation_id"
    )
    c.refused(GrantRole(c.tenant, c.anna, olga, uuid4(), Role.ISMS_MANAGER), "organisation_id")
    c.refused(GrantRole(c.tenant, c.anna, olga, uuid4(), Role.CONSULTANCY_ADMIN), "role")
    c.refused(GrantRole(c.tenant, c.anna, olga, uuid4(), Role.MEMBER, c.muller), "role")
    claire = c.open("claire@alpine.example", Role.COACH)
    c.refused(GrantRole(c.tenant, c.anna, claire, uuid4(), Role.VIEWER, c.muller), "organisation_id")
    c.refused(GrantRole(c.tenant, c.anna, claire, uuid4(), Role.CONSULTANCY_ADMIN, c.muller), "organisation_id")


def test_nobody_changes_their_own_access(c: Consultancy) -> None:
    c.refused(GrantRole(c.tenant, c.anna, c.anna, uuid4(), Role.COACH), "account_id")
    grant = opening_grant_id(c.anna, "consultancy_admin")
    c.refused(RevokeGrant(c.tenant, c.anna, c.anna, grant, "Stepping down"), "account_id")


def test_an_auditor_has_a_window_that_ends_and_is_independent(c: Consultancy) -> None:
    auditor = c.app.handle(
        InviteAccount(
            c.tenant,
            c.anna,
            "ida@audit.example",
            "Ida",
            Role.AUDITOR,
            "1" * 64,
            c.muller,
            uuid4(),
            DAY,
            DAY + timedelta(days=10),
        )
    ).aggregate_id
    account = c.account(auditor)
    (held,) = account.grants.values()
    assert (held.role, held.valid_from, held.valid_until) == (Role.AUDITOR, DAY, DAY + timedelta(days=10))
    with business_day(DAY + timedelta(days=11)):
        assert c.account(auditor).roles == []  # the window has ended by itself
    ian = c.open("ian@muller.example", Role.VIEWER, c.muller)
    assert "last day" in c.refused(GrantRole(c.tenant, c.anna, ian, uuid4(), Role.AUDITOR, c.muller), "valid_until")
    long = {"valid_until": DAY + timedelta(days=AUDIT_WINDOW_MAX_DAYS)}
    c.refused(GrantRole(c.tenant, c.anna, ian, uuid4(), Role.AUDITOR, c.muller, **long), "valid_until")
    ten_days = {"valid_until": DAY + timedelta(days=9)}
    assert "independent" in c.refused(
        GrantRole(c.tenant, c.anna, ian, uuid4(), Role.AUDITOR, c.muller, **ten_days), "role"
    )
    c.refused(GrantRole(c.tenant, c.anna, auditor, uuid4(), Role.CONTRIBUTOR, c.muller), "role")
    c.refused(
        InviteAccount(c.tenant, c.anna, "no@audit.example", "No", Role.AUDITOR, "2" * 64, c.muller, uuid4(), DAY),
        "valid_until",
    )


def test_a_window_starts_today_or_later_and_ends_after_it_starts(c: Consultancy) -> None:
    olga = c.open("olga@muller.example", Role.VIEWER, c.muller)
    yesterday, tomorrow = DAY - timedelta(days=1), DAY + timedelta(days=1)
    c.refused(
        GrantRole(c.tenant, c.anna, olga, uuid4(), Role.CONTRIBUTOR, c.muller, valid_from=yesterday), "valid_from"
    )
    c.refused(
        GrantRole(c.tenant, c.anna, olga, uuid4(), Role.CONTRIBUTOR, c.muller, valid_from=tomorrow, valid_until=DAY),
        "valid_until",
    )
    c.refused(GrantRole(c.tenant, c.anna, olga, uuid4(), Role.VIEWER, c.muller), "role")  # already held
    claire = c.open("claire@alpine.example", Role.COACH)
    c.refused(GrantRole(c.tenant, c.anna, claire, uuid4(), Role.CONSULTANCY_ADMIN, valid_until=tomorrow), "valid_until")


def test_the_last_active_admin_keeps_their_admin_grant(c: Consultancy) -> None:
    ben = c.open("ben@alpine.example", Role.CONSULTANCY_ADMIN)
    anna_admin = opening_grant_id(c.anna, "consultancy_admin")
    c.app.handle(RevokeGrant(c.tenant, ben, c.anna, anna_admin, "Moved to coaching"))
    assert not c.account(c.anna).has_role(Role.CONSULTANCY_ADMIN)
    c.admins.discard(c.anna)
    c.grant(c.marc, Role.CONTRIBUTOR, c.muller)  # Anna acts no more as admin in the domain: the policy decides that
    ben_admin = opening_grant_id(ben, "consultancy_admin")
    message = c.refused(RevokeGrant(c.tenant, c.anna, ben, ben_admin, "Probe"), "grant_id")
    assert "last active admin" in message
    c.refused(RevokeGrant(c.tenant, ben, c.anna, anna_admin, "Twice"), "grant_id")
    c.refused(RevokeGrant(c.tenant, ben, c.anna, uuid4(), "No such grant"), "grant_id")
    c.refused(RevokeGrant(c.tenant, ben, c.marc, opening_grant_id(c.marc, "member"), ""), "reason")
