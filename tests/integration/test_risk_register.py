"""The risk register's read model on SQLite and on PostgreSQL alike: a page by each order and filter, the counts
since a review, the heat map, the controls' risks for the Statement of Applicability, and a new method version."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from backend.services import Services, build_services
from domain.organisations.commands import RegisterOrganisation
from domain.risks.commands import AssessRisk, CloseRisk, HoldRiskReview, IdentifyRisk, SetRiskMethod, TreatRisk
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.calendar import business_day
from domain.tenancy.account import Role
from domain.tenancy.commands import CreateConsultancy, OpenAccount
from projections.queries import Scope
from projections.risks.queries import BY_LEVEL, BY_RESIDUAL, RiskFilter
from tests.conftest import postgres_settings, sqlite_settings


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def services(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Services]:
    if request.param == "sqlite":
        settings = sqlite_settings(tmp_path)
    else:
        settings = postgres_settings(tmp_path, request.getfixturevalue("postgres_url"))
    built = build_services(settings)
    built.start()
    yield built
    built.close()


def test_a_register_reads_alike_on_both_stores(services: Services) -> None:
    tenant = services.execute(CreateConsultancy(SYSTEM_ACTOR, "Alpine", "alpine")).aggregate_id
    org = services.execute(RegisterOrganisation(tenant, SYSTEM_ACTOR, "Muller", "Bakery", 9)).aggregate_id
    owner = services.execute(
        OpenAccount(tenant, SYSTEM_ACTOR, "marc@muller.example", "Marc", "$argon2id$x", (Role.MEMBER,), org)
    ).aggregate_id
    own = (tenant, owner, org)
    ids = [
        services.execute(IdentifyRisk(*own, f"Risk {n:02d}_%", "Threat", "Weakness", owner)).aggregate_id
        for n in range(30)
    ]
    for n, risk in enumerate(ids[:24]):
        services.execute(AssessRisk(*own, risk, n % 3 + 1, 3))
    for risk in ids[:12]:
        services.execute(TreatRisk(*own, risk, "mitigate", 1, 1, ("iso27001-2022:8.13",), ("Own copy",)))
    with business_day(date(2027, 1, 4)):
        services.execute(HoldRiskReview(*own, date(2027, 1, 4)))
    services.execute(AssessRisk(*own, ids[25], 1, 1))
    services.execute(CloseRisk(*own, ids[29], "Gone"))
    services.runner.catch_up()
    queries, scope = services.queries.risks, Scope(tenant, organisation_id=org)

    first = queries.risks(scope, org, 5, None, RiskFilter(order=BY_LEVEL))
    assert [r.level for r in first.rows] == [3, 3, 3, 3, 3] and first.has_next_page
    assert (first.total, first.register, first.new, first.changed, first.closed) == (29, 29, 0, 1, 1)
    after = queries.key_of(first.rows[-1], BY_LEVEL)
    second = queries.risks(scope, org, 50, after, RiskFilter(order=BY_LEVEL))
    assert len(second.rows) == 24 and not {r.risk_id for r in first.rows} & {r.risk_id for r in second.rows}
    residual = queries.risks(scope, org, 3, None, RiskFilter(order=BY_RESIDUAL))
    assert [r.residual_level for r in residual.rows] == [1, 1, 1]
    assert queries.risks(scope, org, 50, None, RiskFilter(level=2)).total == 8
    assert queries.risks(scope, org, 50, None, RiskFilter(status="treated", option="mitigate")).total == 12
    assert queries.risks(scope, org, 50, None, RiskFilter(owner_id=owner, search="_%")).total == 29
    assert queries.risks(scope, org, 50, None, RiskFilter(search="k 1")).total == 10
    assert [r.title for r in queries.risks(scope, org, 50, None, RiskFilter(status="closed")).rows] == ["Risk 29_%"]

    heat = queries.heat_map(scope, org)
    assert sum(c.count for c in heat.inherent) == 25 and sum(c.count for c in heat.residual) == 12
    treating = queries.treating_by_control(scope, org)
    assert list(treating) == ["iso27001-2022:8.13"] and len(treating["iso27001-2022:8.13"]) == 12

    scale = ((1, "Low", "x"), (2, "High", "y"))
    matrix = tuple((lk, im, 2 if lk + im > 3 else 1) for lk in (1, 2) for im in (1, 2))
    services.execute(
        SetRiskMethod(tenant, SYSTEM_ACTOR, scale, scale, scale, matrix, ((1, "owner"), (2, "management")))
    )
    services.runner.catch_up()
    method = queries.method(scope)
    assert method is not None and method.version == 2 and method.level(2, 2) == 2
    assert queries.method(scope, 1) is not None and queries.method(scope, 3) is None
