"""An unsigned item of feedback stays anonymous in the trail too: the item's own trail (`itemTrail`), which the
coach and the admins may read, must not name its author's organisation or person, nor say when it was shared."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH
from tests.api.programme_support import cluster_view, demo_cluster, mutate
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
MEMBER = "member@muller.example"
TEXT = "Too fast for us, nobody must know who said so"
TRAIL = """query($id: ID!) { t: itemTrail(id: $id) { __typename
    ... on TrailEventConnection { edges { node { recordedAt actorName actorId summary eventName } } } } }"""


@pytest.mark.parametrize("reader", [ALPINE_COACH, ALPINE_ADMIN])
def test_the_trail_of_an_unsigned_feedback_item_does_not_name_its_author(client_for: ClientFor, reader: str) -> None:
    member = client_for(MEMBER)
    cluster = demo_cluster(member)
    share = {"clusterId": cluster["id"], "sessionKey": "module:1", "kind": "hard", "text": TEXT}
    assert mutate(member, "shareFeedback", "ShareFeedbackInput", share)["__typename"] == "ClusterChange"
    viewer = client_for(reader)
    [item] = [i for i in cluster_view(viewer, cluster["id"], "feedback { id text signedBy sharedAt }")["feedback"]
              if i["text"] == TEXT]  # fmt: skip
    assert (item["signedBy"], item["sharedAt"]) == (None, None)  # the feedback read keeps it anonymous...
    trail = viewer.data(TRAIL, {"id": item["id"]})["t"]
    told = str(trail)
    # ...and so must the item's trail: neither its organisation nor its author's name
    assert "Boulangerie Muller" not in told, trail
    assert "Marc Muller" not in told, trail
