"""The asset tests start from an empty inventory: the demo's assets of Boulangerie Muller are retired first (they
stay in its history, out of its list, counts and exports)."""

from __future__ import annotations

import pytest

from backend.services import Services
from domain.assets.commands import RetireAsset
from domain.organisations.organisation import organisation_id
from domain.tenancy.account import account_id
from domain.tenancy.consultancy import consultancy_id
from projections.queries import Scope
from tests.api.page_support import MEMBER


@pytest.fixture(autouse=True)
def empty_inventory(demo_services: Services) -> None:
    tenant = consultancy_id("alpine")
    muller = organisation_id(tenant, "Boulangerie Muller")
    for row in demo_services.queries.assets.export_rows(Scope(tenant, organisation_id=muller), muller):
        demo_services.execute(RetireAsset(tenant, account_id(MEMBER), muller, row.asset_id, "Starts the test afresh"))
