"""The inventory's read model on SQLite and on PostgreSQL alike: an imported file, a page by each order and filter,
the counts, the links and the history, and a new version of the scales."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from backend.services import Services, build_services
from domain.assets.commands import (
    AddAssetDependency,
    ClassifyAsset,
    ImportAssets,
    RegisterAsset,
    RetireAsset,
    SetClassificationScales,
)
from domain.organisations.commands import RegisterOrganisation
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.commands import CreateConsultancy
from projections.assets.queries import BY_HIGHEST, AssetFilter
from projections.queries import Scope
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


def test_an_inventory_reads_alike_on_both_stores(services: Services) -> None:
    tenant = services.execute(CreateConsultancy(SYSTEM_ACTOR, "Alpine", "alpine")).aggregate_id
    org = services.execute(RegisterOrganisation(tenant, SYSTEM_ACTOR, "Muller", "Bakery", 9)).aggregate_id
    rows = tuple(
        (
            line,
            {
                "name": f"Asset {line:03d}_%",
                "kind": "hardware" if line % 2 else "saas",
                "owner": "IT",
                "confidentiality": line % 4 + 1,
                "integrity": 1,
                "availability": 1,
            }
            if line % 3
            else {"name": f"Asset {line:03d}_%", "kind": "site", "owner": "Facilities"},
        )
        for line in range(2, 62)
    )
    services.execute(ImportAssets(tenant, SYSTEM_ACTOR, org, rows))
    server = services.execute(RegisterAsset(tenant, SYSTEM_ACTOR, org, "Server", "hardware", "IT")).aggregate_id
    shop = services.execute(RegisterAsset(tenant, SYSTEM_ACTOR, org, "Shop", "saas", "Sales")).aggregate_id
    services.execute(AddAssetDependency(tenant, SYSTEM_ACTOR, org, shop, server))
    services.execute(ClassifyAsset(tenant, SYSTEM_ACTOR, org, server, 4, 3, 3))
    services.execute(RetireAsset(tenant, SYSTEM_ACTOR, org, shop, "Closed"))
    queries, scope = services.queries.assets, Scope(tenant, organisation_id=org)

    first = queries.assets(scope, org, 25, None, AssetFilter())
    assert (first.total, first.inventory, first.unclassified) == (61, 61, 20)
    names = [r.name for r in first.rows]
    following = queries.assets(scope, org, 50, queries.key_of(first.rows[-1]), AssetFilter())
    assert len(names + [r.name for r in following.rows]) == 61 and not following.has_next_page
    highest = queries.assets(scope, org, 3, None, AssetFilter(order=BY_HIGHEST))
    assert [r.highest for r in highest.rows] == [4, 4, 4]  # then by name among equals
    deeper = queries.assets(scope, org, 100, queries.key_of(highest.rows[-1]), AssetFilter(order=BY_HIGHEST))
    assert [r.highest for r in highest.rows + deeper.rows] == sorted(
        (r.highest for r in highest.rows + deeper.rows), reverse=True
    )
    assert queries.assets(scope, org, 100, None, AssetFilter(kind="site")).total == 20
    assert queries.assets(scope, org, 100, None, AssetFilter(classified=True)).total == 41
    assert queries.assets(scope, org, 100, None, AssetFilter(search="010_%")).total == 1  # % and _ match themselves
    assert queries.assets(scope, org, 100, None, AssetFilter(search="FACILITIES")).total == 20

    assert [d.name for d in queries.dependants(scope, server)] == ["Shop"]
    assert [h.action for h in queries.history(scope, shop)] == ["registered", "dependency_added", "retired"]
    assert queries.history(scope, shop)[1].details == "Server"
    assert queries.history(Scope(tenant, organisation_id=tenant), shop) == []

    two = ((1, "Low", "Little harm"), (2, "High", "Much harm"))
    services.execute(SetClassificationScales(tenant, SYSTEM_ACTOR, two, two, two))
    scales = queries.scales(scope)
    assert scales is not None and scales.version == 2 and [lv.label for lv in scales.integrity] == ["Low", "High"]
    assert queries.scale_set(scope).version == 2 and queries.scales(scope, 7) is None
