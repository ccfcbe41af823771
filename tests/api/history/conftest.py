"""What the history tests share: Boulangerie Muller's inventory told in three moments, and the outsiders."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

import pytest

from backend.services import Services
from domain.tenancy.account import Role
from tests.api.assets.support import mutate, organisation_id, register
from tests.api.conftest import ALPINE_ADMIN, HARBOUR_ADMIN
from tests.api.page_support import MEMBER, ClientFor
from tests.api.test_isolation_same_tenant import SECOND_COACH, SECOND_MEMBER, open_account


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def a_second_passes() -> datetime:
    """A moment strictly between what was recorded before and what is recorded after (moments are to the second)."""
    time.sleep(1.05)
    moment = now()
    time.sleep(1.05)
    return moment


@pytest.fixture
def story(client_for: ClientFor) -> dict[str, Any]:
    """Boulangerie Muller registers a sensor hub; a moment later, an app, and the hub's owner changes."""
    member = client_for(MEMBER)
    muller = organisation_id(member)
    server = register(member, muller, "Cellar sensor hub")
    before = a_second_passes()
    register(member, muller, "Loyalty app", kind="saas")
    change = {"assetId": server["id"], "name": "Cellar sensor hub", "kind": "hardware", "owner": "Marc Muller"}
    assert mutate(member, "changeAsset", change)["__typename"] == "AssetChange"
    after = a_second_passes()
    return {"muller": muller, "server": server["id"], "before": before, "after": after}


@pytest.fixture
def outsiders(client_for: ClientFor, demo_services: Services) -> tuple[str, ...]:
    """Another consultancy's admin, a coach of no cluster of Muller's, another member of Muller's cluster."""
    open_account(demo_services, SECOND_COACH, "Sam Second", Role.COACH)
    kirchberg = organisation_id(client_for(ALPINE_ADMIN), "Kirchberg Dental")
    open_account(demo_services, SECOND_MEMBER, "Dr Lena Weber", Role.MEMBER, kirchberg)
    return HARBOUR_ADMIN, SECOND_COACH, SECOND_MEMBER
