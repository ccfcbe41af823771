"""Boulangerie Muller's management review from the demo (held, two decisions); a member account of Kirchberg
Dental (same cluster) and a coach who leads another cluster, as outsiders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from backend.services import Services
from domain.tenancy.account import Role
from tests.api.conftest import ALPINE_ADMIN
from tests.api.reviews.support import KIRCHBERG_MEMBER, SECOND_COACH, organisation_ids, reviews
from tests.api.test_isolation_same_tenant import open_account
from tests.support.graphql_client import GraphQLClient


@dataclass(frozen=True)
class Muller:
    organisation_id: str
    review_id: str
    """The demo's review: held a week ago, its inputs gathered, two decisions and three actions, not closed."""


@pytest.fixture
def muller(demo_services: Services, client_for: Callable[[str], GraphQLClient]) -> Muller:
    ids = organisation_ids(client_for(ALPINE_ADMIN))
    open_account(demo_services, KIRCHBERG_MEMBER, "Dr Lena Weber", Role.MEMBER, ids["Kirchberg Dental"])
    open_account(demo_services, SECOND_COACH, "Sam Second", Role.COACH)
    demo_services.runner.catch_up()
    [held] = reviews(client_for(ALPINE_ADMIN), ids["Boulangerie Muller"])
    return Muller(ids["Boulangerie Muller"], held["id"])
