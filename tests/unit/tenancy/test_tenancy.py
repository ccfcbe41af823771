"""Consultancies and accounts."""

from __future__ import annotations

from uuid import uuid4

import pytest

from domain.shared.errors import ValidationFailed
from domain.tenancy.account import Account, Role, account_id
from domain.tenancy.consultancy import Consultancy, consultancy_id

ACTOR = uuid4()


def test_a_consultancy_is_its_own_tenant_and_limits_clusters_to_five_by_default() -> None:
    consultancy = Consultancy.create(ACTOR, "Alpine Coaching", "alpine")
    assert consultancy.id == consultancy.tenant_id == consultancy_id("alpine")
    assert consultancy.cluster_size_limit == 5
    consultancy.set_large_clusters_allowed(ACTOR, True)
    assert consultancy.cluster_size_limit is None
    events = consultancy.collect_events()
    assert [type(e).__name__ for e in events] == ["Created", "LargeClustersSettingChanged"]
    assert all(e.tenant_id == consultancy.id for e in events)


def test_setting_the_same_value_again_records_nothing() -> None:
    consultancy = Consultancy.create(ACTOR, "Alpine Coaching", "alpine")
    consultancy.collect_events()
    consultancy.set_large_clusters_allowed(ACTOR, False)
    assert consultancy.collect_events() == []


@pytest.mark.parametrize(("name", "slug", "field"), [("", "ok", "name"), ("Name", "Not A Slug", "slug")])
def test_bad_consultancy_input_is_refused(name: str, slug: str, field: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        Consultancy.create(ACTOR, name, slug)
    assert error.value.field == field


def test_an_account_is_keyed_by_its_normalised_email() -> None:
    tenant = consultancy_id("alpine")
    account = Account.open(tenant, ACTOR, " Claire@Alpine.Example ", "Claire", "$argon2id$hash", [Role.COACH])
    assert account.id == account_id("claire@alpine.example")
    assert account.email == "claire@alpine.example"
    assert account.has_role(Role.COACH) and not account.has_role(Role.CONSULTANCY_ADMIN)


@pytest.mark.parametrize(
    ("email", "roles", "field"),
    [("not-an-email", [Role.COACH], "email"), ("a@b.example", [], "roles")],
)
def test_bad_account_input_is_refused(email: str, roles: list[Role], field: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        Account.open(uuid4(), ACTOR, email, "Someone", "$argon2id$hash", roles)
    assert error.value.field == field
