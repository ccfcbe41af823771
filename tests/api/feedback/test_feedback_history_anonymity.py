"""An unsigned item of another member carries no time, and reading the cluster as recorded at a past moment must
not give it one: were the item absent a second before and present a second after, the moment of sharing (and the
order of sharing) would be told by asking twice, which the feedback read takes care never to say."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

from tests.api.programme_support import demo_cluster, mutate
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
MULLER, LENA = "member@muller.example", "lena@kirchberg.example"
TEXT = "The pace was too fast for our small team"
AS_OF = """query($id: ID!, $at: DateTime!) { cluster(id: $id, asOf: $at) { __typename
    ... on Cluster { feedback { text signedBy mine sharedAt } } } }"""


def now() -> str:
    return datetime.now(UTC).replace(tzinfo=None).strftime("%Y-%m-%dT%H:%M:%S")


def test_reading_as_of_past_moments_does_not_tell_when_an_unsigned_item_was_shared(client_for: ClientFor) -> None:
    lena, muller = client_for(LENA), client_for(MULLER)
    cluster = demo_cluster(muller)["id"]
    time.sleep(1.1)
    before = now()
    time.sleep(1.1)
    shared = {"clusterId": cluster, "sessionKey": "module:1", "kind": "hard", "text": TEXT}
    assert mutate(lena, "shareFeedback", "ShareFeedbackInput", shared)["__typename"] == "ClusterChange"
    time.sleep(1.1)
    after = now()
    seen = {}
    for moment in (before, after):
        found = muller.data(AS_OF, {"id": cluster, "at": moment})["cluster"]
        assert found["__typename"] == "Cluster", found
        seen[moment] = [i for i in found["feedback"] if i["text"] == TEXT]
    assert all(i["signedBy"] is None and not i["mine"] for items in seen.values() for i in items)
    assert bool(seen[before]) == bool(seen[after]), (
        "Kirchberg's unsigned item is absent at one moment and present a few seconds later: bisecting the moment "
        "tells when it was shared, to the second"
    )
