"""Registering organisations."""

from __future__ import annotations

from uuid import uuid4

import pytest

from domain.organisations.organisation import Organisation, organisation_id
from domain.shared.errors import ValidationFailed

TENANT, ACTOR = uuid4(), uuid4()


def test_registration_records_the_organisation_with_a_tenant_scoped_id() -> None:
    organisation = Organisation.register(TENANT, ACTOR, "Boulangerie Muller", "Food retail", 18)
    [event] = organisation.collect_events()
    assert (event.name, event.sector, event.employee_count) == ("Boulangerie Muller", "Food retail", 18)
    assert (event.tenant_id, event.actor_id) == (TENANT, ACTOR)
    assert organisation.id == organisation_id(TENANT, "boulangerie  MULLER")
    assert organisation.id != organisation_id(uuid4(), "Boulangerie Muller")


@pytest.mark.parametrize(
    ("name", "sector", "employees", "field"),
    [
        ("", "Retail", 10, "name"),
        ("   ", "Retail", 10, "name"),
        ("x" * 201, "Retail", 10, "name"),
        ("Shop", "", 10, "sector"),
        ("Shop", "Retail", 0, "employee_count"),
        ("Shop", "Retail", -3, "employee_count"),
        ("Shop", "Retail", 10_000_000, "employee_count"),
    ],
)
def test_bad_input_is_refused_naming_the_field(name: str, sector: str, employees: int, field: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        Organisation.register(TENANT, ACTOR, name, sector, employees)
    assert error.value.field == field
