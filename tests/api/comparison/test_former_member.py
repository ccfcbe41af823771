"""A member organisation that left the cluster no longer contributes, and must no longer read the other members'
aggregates either: it is not a member of the cluster any more."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from backend.auth.passwords import hash_password
from backend.demo import DEMO_PASSWORD
from backend.services import Services
from domain.clusters.commands import WithdrawMember
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.account import Role
from domain.tenancy.commands import OpenAccount
from domain.tenancy.consultancy import consultancy_id
from tests.api.comparison.support import comparison, consent
from tests.api.conftest import ALPINE_ADMIN
from tests.api.programme_support import forming_cluster
from tests.conftest import DEMO_DAY
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
WEST = "wendy@west.example"


def test_a_member_that_left_the_cluster_reads_no_more_of_the_others_aggregates(
    client_for: ClientFor, demo_services: Services
) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster = forming_cluster(admin, "Four members", ("North", "South", "East", "West"))
    cid, ids = cluster["id"], cluster["member_ids"]
    tenant = consultancy_id("alpine")
    demo_services.execute(
        OpenAccount(tenant, SYSTEM_ACTOR, WEST, "Wendy West", hash_password(DEMO_PASSWORD), (Role.ISMS_MANAGER,),
                    uuid.UUID(ids["West"]))
    )  # fmt: skip
    for organisation in ids.values():
        consent(demo_services, cid, organisation)
    west = client_for(WEST)
    assert comparison(west, cid)["__typename"] == "ClusterComparison"  # a member, contributing: four
    demo_services.execute(
        WithdrawMember(tenant, SYSTEM_ACTOR, uuid.UUID(cid), uuid.UUID(ids["West"]), DEMO_DAY, "Sold")
    )
    assert comparison(admin, cid)["contributors"] == 3  # the three that remain are compared...
    found = comparison(west, cid)
    # ...but no longer for the organisation that left: its own figures at most, never the others' median and range
    assert all(f["median"] is None and f["minimum"] is None and f["maximum"] is None for f in found["figures"]), found
    assert found["__typename"] == "NotEnoughMembersError" and found["reason"] == "LEFT_THE_CLUSTER", found
    assert found["viewerConsents"] is False and found["viewerCan"] == {"giveConsent": False, "withdrawConsent": False}
