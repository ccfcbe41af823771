"""Two links of one person at a provider saved before the read model caught up (the command side checks the read
model, which lags): the first link, by notification order, is kept and the tenant's read models go on."""

from __future__ import annotations

import logging
from pathlib import Path
from uuid import uuid4

import pytest
from sqlalchemy import select

from backend.services import build_services
from backend.settings import Settings
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.account import Role, account_id
from domain.tenancy.commands import ConfigureSingleSignOn, CreateConsultancy, GrantRole, OpenSingleSignOnAccount
from projections.rebuild import checksum, rebuild
from tests.conftest import secured_postgres_settings, sqlite_settings

ISSUER = "https://id.shared.example"
"""One provider both consultancies sign in through (one issuer for all its customers, as Google's)."""


def test_a_second_link_saved_before_the_projection_caught_up_is_left_out_and_parks_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    race_two_links(sqlite_settings(tmp_path), caplog)


@pytest.mark.postgres
def test_on_postgresql_with_row_security_too(
    tmp_path: Path, postgres_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """There the tenant's projection cannot see the other consultancy's row: the index alone leaves it out."""
    race_two_links(secured_postgres_settings(tmp_path, postgres_url), caplog)


def race_two_links(settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    services = build_services(settings)
    try:
        tenants = []
        for slug, domain in (("alpine", "alpine.example"), ("harbour", "harbour.example")):
            tenant = services.app.handle(CreateConsultancy(SYSTEM_ACTOR, slug.title(), slug)).aggregate_id
            services.app.handle(
                ConfigureSingleSignOn(tenant, SYSTEM_ACTOR, ISSUER, "cordee", (domain,), True, "0123456789abcdef")
            )
            tenants.append(tenant)
        alpine, harbour = tenants
        services.runner.catch_up()
        opened = [  # all three before the projection catches up: each sees the person free
            (alpine, "first@alpine.example"),
            (harbour, "second@harbour.example"),  # another consultancy's account
            (alpine, "third@alpine.example"),  # another account of the same consultancy
        ]
        for tenant, email in opened:
            services.app.handle(OpenSingleSignOnAccount(tenant, ISSUER, "person-1", email, "Someone"))

        with caplog.at_level(logging.WARNING, "projections.tenancy.projection"):
            services.runner.catch_up()

        assert services.runner.parked_total() == 0
        first, second, third = (account_id(email) for _, email in opened)
        assert services.queries.tenancy.account_linked_to(ISSUER, "person-1") == first
        left_out = [r.getMessage() for r in caplog.records if "left out" in r.getMessage()]
        assert len(left_out) == 2 and str(second) in left_out[0] and str(third) in left_out[1]
        assert all(str(first) in m or "another consultancy" in m for m in left_out)
        assert not any("person-1" in m for m in left_out)

        grant = uuid4()
        services.app.handle(GrantRole(harbour, SYSTEM_ACTOR, second, grant, Role.COACH))
        services.runner.catch_up()
        grants = services.store.tables.account_grants
        with services.store.reading() as conn:
            assert conn.execute(select(grants.c.account_id).where(grants.c.grant_id == grant)).scalar() == second

        before = checksum(services.store)
        rebuild(services.app, services.store)
        assert checksum(services.store) == before
        assert services.queries.tenancy.account_linked_to(ISSUER, "person-1") == first
    finally:
        services.close()
