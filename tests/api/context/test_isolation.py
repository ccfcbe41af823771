"""An organisation's context is its own: another member of the same cluster, a coach of another cluster and every
account of another consultancy find it as they find a random id, and change nothing of it."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest

from backend.services import Services
from tests.api.conftest import HARBOUR_ADMIN, HARBOUR_COACH, events_in_log
from tests.api.context.support import MEMBER, change, context, nodes
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
__all__ = ["alpine"]  # the fixture, shared with the schema-walking isolation test


@pytest.mark.parametrize("who", OUTSIDERS)
def test_an_outsider_finds_the_context_as_a_random_id(client_for: ClientFor, alpine: Alpine, who: str) -> None:
    client = client_for(OUTSIDERS[who])
    seen = context(client, alpine.muller, "organisationName")
    assert seen == context(client, str(uuid.uuid4()), "organisationName")
    assert (seen["__typename"], seen["code"], seen["field"]) == ("NotFoundError", "NOT_FOUND", "organisationId")


@pytest.mark.parametrize("who", OUTSIDERS)
def test_an_outsider_changes_nothing_of_the_context(
    client_for: ClientFor, demo_services: Services, alpine: Alpine, who: str
) -> None:
    issue = nodes(context(client_for(MEMBER), alpine.muller)["issues"])[0]["id"]
    client = client_for(OUTSIDERS[who])
    before = events_in_log(demo_services)
    facts = {"text": "Ours", "side": "internal", "category": "people", "effect": "None"}
    raised = [
        change(client, "raiseContextIssue", "RaiseContextIssueInput", {"organisationId": organisation, **facts})
        for organisation in (alpine.muller, str(uuid.uuid4()))
    ]
    assert raised[0] == raised[1] and raised[0]["__typename"] in {"ForbiddenError", "NotFoundError"}, raised
    given = {"organisationId": alpine.muller, "itemId": issue, "reason": "Ours now"}
    on_theirs = change(client, "retireContextIssue", "RetireContextItemInput", given)
    assert on_theirs == change(
        client, "retireContextIssue", "RetireContextItemInput", given | {"organisationId": str(uuid.uuid4())}
    )
    assert events_in_log(demo_services) == before
    still = nodes(context(client_for(MEMBER), alpine.muller)["issues"])[0]
    assert still["status"] == "current"


def test_a_member_of_the_cluster_cannot_reach_anothers_issue_through_its_own_organisation(
    client_for: ClientFor, demo_services: Services, alpine: Alpine
) -> None:
    """Kirchberg's member names its own organisation and Muller's issue: the issue is not found, like a random one."""
    issue = nodes(context(client_for(MEMBER), alpine.muller)["issues"])[0]["id"]
    kirchberg = client_for(SECOND_MEMBER)
    before = events_in_log(demo_services)
    own = {"organisationId": alpine.kirchberg, "reason": "Mine"}
    refused = change(kirchberg, "retireContextIssue", "RetireContextItemInput", own | {"itemId": issue})
    assert refused == change(
        kirchberg, "retireContextIssue", "RetireContextItemInput", own | {"itemId": str(uuid.uuid4())}
    )
    assert (refused["code"], refused["field"]) == ("NOT_FOUND", "itemId")
    assert events_in_log(demo_services) == before
