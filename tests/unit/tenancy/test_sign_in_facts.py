"""The account's and the consultancy's sign-in facts as events: second factor, recovery codes, reset, requirement."""

from __future__ import annotations

import pytest

from domain.shared.errors import ValidationFailed
from domain.tenancy.account import Role
from domain.tenancy.commands import RecordSecondFactor, ResetPassword, SetSecondFactorRequired
from domain.tenancy.consultancy import Consultancy as ConsultancyAggregate
from tests.unit.tenancy.test_administration import Consultancy


def test_a_second_factor_is_enabled_and_disabled_by_its_own_account_only_and_the_events_hold_no_secret() -> None:
    c = Consultancy()
    ben = c.open("ben@alpine.example", Role.COACH)
    before = c.position()
    with pytest.raises(ValidationFailed) as refused:
        c.app.handle(RecordSecondFactor(c.tenant, ben, "recovery_codes"))
    assert refused.value.field == "code" and c.position() == before
    c.app.handle(RecordSecondFactor(c.tenant, ben, "enabled"))
    with pytest.raises(ValidationFailed):
        c.app.handle(RecordSecondFactor(c.tenant, ben, "enabled"))
    c.app.handle(RecordSecondFactor(c.tenant, ben, "recovery_codes"))
    c.app.handle(RecordSecondFactor(c.tenant, ben, "disabled"))
    with pytest.raises(ValidationFailed) as unknown:
        c.app.handle(RecordSecondFactor(c.tenant, ben, "whatever"))
    assert unknown.value.field == "change"
    assert c.position() == before + 3  # enabled, recovery codes made anew, disabled
    assert not c.account(ben).second_factor


def test_a_password_reset_sets_the_new_hash_of_an_active_account_only() -> None:
    c = Consultancy()
    ben = c.open("ben@alpine.example", Role.COACH)
    with pytest.raises(ValidationFailed) as refused:
        c.app.handle(ResetPassword(c.tenant, ben, "plain text"))
    assert refused.value.field == "password_hash"
    c.app.handle(ResetPassword(c.tenant, ben, "$argon2id$new"))
    assert c.account(ben).password_hash == "$argon2id$new"


def test_the_second_factor_requirement_is_recorded_only_when_it_changes() -> None:
    c = Consultancy()
    before = c.position()
    c.app.handle(SetSecondFactorRequired(c.tenant, c.anna, False))
    assert c.position() == before
    c.app.handle(SetSecondFactorRequired(c.tenant, c.anna, True))
    assert c.app.get(ConsultancyAggregate, c.tenant, c.tenant).requires_second_factor
    assert c.position() == before + 1
