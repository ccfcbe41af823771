"""An organisation's metrics are its own: another member of the same cluster, a coach of another cluster and every
account of another consultancy find a metric as they find a random id, see none in a list, download none, learn
nothing from the viewer's flags, and change nothing: no metric defined, revised, retired, measured or corrected."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, HARBOUR_ADMIN, HARBOUR_COACH, events_in_log
from tests.api.metrics.support import ONE, by_name, definition, mutate
from tests.api.test_isolation_same_tenant import (
    ALPINE_COACH,
    ALPINE_MEMBER,
    HARBOUR_MEMBER,
    SECOND_COACH,
    SECOND_MEMBER,
    Alpine,
    alpine,
)
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
LIST = "query($id: ID!) { metrics(organisationId: $id) { totalCount } }"


def muller_metric(client_for: ClientFor, alpine: Alpine) -> dict[str, Any]:
    return by_name(client_for(ALPINE_MEMBER), alpine.muller)["Critical patches applied within 14 days"]


def test_the_insiders_see_the_register_and_download_it(client_for: ClientFor, alpine: Alpine) -> None:
    for insider in (ALPINE_MEMBER, ALPINE_COACH, ALPINE_ADMIN):
        client = client_for(insider)
        assert len(by_name(client, alpine.muller)) == 3
        assert client.http.get(f"/organisations/{alpine.muller}/metrics.xlsx").status_code == 200


@pytest.mark.parametrize("who", OUTSIDERS)
def test_an_outsider_finds_a_metric_as_a_random_id_and_lists_none(
    client_for: ClientFor, alpine: Alpine, who: str
) -> None:
    client, metric = client_for(OUTSIDERS[who]), muller_metric(client_for, alpine)
    random = str(uuid.uuid4())
    seen = client.data(ONE, {"id": metric["id"]})["metric"]
    assert seen == client.data(ONE, {"id": random})["metric"]
    assert (seen["__typename"], seen["code"], seen["field"]) == ("NotFoundError", "NOT_FOUND", "id")
    refused = client.execute(LIST, {"id": alpine.muller})
    assert refused["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "organisationId"}
    assert refused["errors"][0]["message"] == client.execute(LIST, {"id": random})["errors"][0]["message"]
    assert client.http.get(f"/organisations/{alpine.muller}/metrics.xlsx").status_code == 404
    assert client.http.get(f"/organisations/{alpine.muller}/metrics/{metric['id']}").status_code == 404


def _attempts(metric: dict[str, Any], alpine: Alpine, owner: str) -> list[tuple[str, dict[str, Any]]]:
    ids = {"metricId": metric["id"]}
    revised = {k: v for k, v in definition(alpine.muller, owner, target=90).items() if k != "organisationId"}
    return [
        ("defineMetric", definition(alpine.muller, owner)),
        ("reviseMetric", ids | revised),
        ("retireMetric", ids | {"reason": "Ours now"}),
        ("recordMeasurement", ids | {"measuredOn": "2026-03-31", "value": 1}),
        ("correctMeasurement", ids | {"measurementId": metric["measurements"][0]["id"], "value": 1, "reason": "R"}),
    ]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_an_outsider_changes_nothing(client_for: ClientFor, demo_services: Services, alpine: Alpine, who: str) -> None:
    client, metric = client_for(OUTSIDERS[who]), muller_metric(client_for, alpine)
    before = events_in_log(demo_services)
    for name, given in _attempts(metric, alpine, metric["ownerId"]):
        refused = mutate(client, name, given)
        assert refused["__typename"] in {"ForbiddenError", "NotFoundError", "ValidationError"}, (name, refused)
        if name != "defineMetric":
            assert (refused["__typename"], refused["field"]) == ("NotFoundError", "metricId"), (name, refused)
    assert events_in_log(demo_services) == before


def test_a_metric_of_another_organisation_answers_as_a_random_one_to_the_member_acting_on_it(
    client_for: ClientFor, demo_services: Services, alpine: Alpine
) -> None:
    """Kirchberg's own member names Muller's metric in its own organisation's commands: answered as missing."""
    kirchberg, metric = client_for(SECOND_MEMBER), muller_metric(client_for, alpine)
    random = {**metric, "id": str(uuid.uuid4())}
    before = events_in_log(demo_services)
    for (name, foreign), (_, missing) in zip(
        _attempts(metric, alpine, metric["ownerId"])[1:], _attempts(random, alpine, metric["ownerId"])[1:], strict=True
    ):
        assert mutate(kirchberg, name, foreign) == mutate(kirchberg, name, missing), name
    assert events_in_log(demo_services) == before
