"""An organisation's ITIL declarations are its own: another member of the same cluster, a coach of another cluster
and every account of another consultancy find them as they find a random id, and change nothing of them."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest

from backend.services import Services
from tests.api.conftest import HARBOUR_ADMIN, HARBOUR_COACH, events_in_log
from tests.api.itil.support import MEMBER, SOA, change, declare, practices
from tests.api.test_isolation_same_tenant import HARBOUR_MEMBER, SECOND_COACH, SECOND_MEMBER, Alpine, alpine
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
OUTSIDERS = {
    "another member of the cluster": SECOND_MEMBER,
    "a coach of another cluster": SECOND_COACH,
    "an admin of another consultancy": HARBOUR_ADMIN,
    "a coach of another consultancy": HARBOUR_COACH,
    "a member of another consultancy": HARBOUR_MEMBER,
}
__all__ = ["alpine"]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_an_outsider_finds_the_declarations_as_a_random_id(client_for: ClientFor, alpine: Alpine, who: str) -> None:
    client = client_for(OUTSIDERS[who])
    seen = practices(client, alpine.muller, "organisationName")
    assert seen == practices(client, str(uuid.uuid4()), "organisationName")
    assert (seen["__typename"], seen["code"], seen["field"]) == ("NotFoundError", "NOT_FOUND", "organisationId")
    refused = client.execute(SOA, {"id": alpine.muller})
    assert refused["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "organisationId"}
    assert refused["errors"][0]["message"] == client.execute(SOA, {"id": str(uuid.uuid4())})["errors"][0]["message"]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_an_outsider_changes_nothing_of_the_declarations(
    client_for: ClientFor, demo_services: Services, alpine: Alpine, who: str
) -> None:
    client = client_for(OUTSIDERS[who])
    before = events_in_log(demo_services)
    given = {"organisationId": alpine.muller, "item": "step-1", "reason": "Ours now"}
    on_theirs = change(client, "withdrawItilPractice", given)
    on_random = change(client, "withdrawItilPractice", given | {"organisationId": str(uuid.uuid4())})
    assert on_theirs == on_random and on_theirs["__typename"] in {"ForbiddenError", "NotFoundError"}, on_theirs
    assert events_in_log(demo_services) == before
    assert len(practices(client_for(MEMBER), alpine.muller)["declarations"]) == 4


def test_another_member_of_the_cluster_cannot_declare_for_muller_but_declares_for_its_own(
    client_for: ClientFor, demo_services: Services, alpine: Alpine
) -> None:
    second = client_for(SECOND_MEMBER)
    before = events_in_log(demo_services)
    refused = declare(second, alpine.muller, "monitoring", "Our Nagios")
    assert refused["__typename"] == "ForbiddenError", refused
    assert events_in_log(demo_services) == before
    declared = declare(second, alpine.kirchberg, "monitoring", "Our Nagios")
    assert declared["itilPractices"]["organisationName"] == "Kirchberg Dental", declared
    assert "monitoring" not in [d["item"] for d in practices(client_for(MEMBER), alpine.muller)["declarations"]]
    assert practices(client_for(SECOND_COACH), alpine.kirchberg, "organisationName")["__typename"] == "NotFoundError"
