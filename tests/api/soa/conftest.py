"""Boulangerie Muller's people around its Statement of Applicability: the demo's member (who decided and submitted
version 1, approved by the coach), a manager of Muller's, a member of Kirchberg Dental (same cluster) and a coach who
leads another cluster, as outsiders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from backend.services import Services
from domain.tenancy.account import Role
from tests.api.conftest import ALPINE_ADMIN
from tests.api.documents.support import KIRCHBERG_MEMBER, MULLER_MANAGER, SECOND_COACH, documents, organisation_ids
from tests.api.test_isolation_same_tenant import open_account
from tests.support.graphql_client import GraphQLClient


@dataclass(frozen=True)
class Muller:
    organisation_id: str
    kirchberg_id: str
    policy_id: str


@pytest.fixture
def muller(demo_services: Services, client_for: Callable[[str], GraphQLClient]) -> Muller:
    ids = organisation_ids(client_for(ALPINE_ADMIN))
    muller, kirchberg = ids["Boulangerie Muller"], ids["Kirchberg Dental"]
    open_account(demo_services, MULLER_MANAGER, "Sophie Muller", Role.MEMBER, muller)
    open_account(demo_services, KIRCHBERG_MEMBER, "Dr Lena Weber", Role.MEMBER, kirchberg)
    open_account(demo_services, SECOND_COACH, "Sam Second", Role.COACH)
    demo_services.runner.catch_up()
    [policy] = documents(client_for(ALPINE_ADMIN), muller)
    return Muller(muller, kirchberg, policy["id"])
