"""A closed incident's lessons open a nonconformity through the API: Boulangerie Muller's member and its cluster's
coach open one, its source the incident; an open incident, a bad title or severity is refused naming the field and
writes nothing; another member of the cluster, a coach of another cluster and another consultancy open nothing."""

from __future__ import annotations

from typing import Any

import pytest

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, HARBOUR_COACH, events_in_log
from tests.api.incidents.test_incidents import INCIDENT, RANDOM, at, muller, mutate, report
from tests.api.page_support import MEMBER, ClientFor
from tests.api.test_isolation_same_tenant import HARBOUR_MEMBER, SECOND_COACH, SECOND_MEMBER, Alpine, alpine
from tests.support.graphql_client import GraphQLClient

__all__ = ["alpine"]

RAISE = """mutation($input: RaiseNonconformityFromIncidentInput!) { r: raiseNonconformityFromIncident(input: $input) {
    __typename ... on UserError { code field message }
    ... on NonconformityChange { nonconformity { id organisationId title description severity sourceKind
    sourceReference } } } }"""
CAN = """query($id: ID!) { incident(id: $id) { ... on Incident { viewerCan { raiseNonconformity } } } }"""
LESSONS = "Keep a spare oven controller in the shop"


def closed_incident(member: GraphQLClient) -> dict[str, Any]:
    incident = report(member, muller(member), reportedAt=at(180))
    step = {"incidentId": incident["id"], "at": at(120)}
    assert mutate(member, "restoreIncident", "IncidentStepInput", step)["__typename"] == "IncidentChange"
    closing = {"incidentId": incident["id"], "at": at(60), "lessonsLearned": LESSONS}
    closed = mutate(member, "closeIncident", "CloseIncidentInput", closing)
    assert closed["__typename"] == "IncidentChange", closed
    return dict(closed["incident"])


def raise_(client: GraphQLClient, **given: Any) -> dict[str, Any]:
    result: dict[str, Any] = client.data(RAISE, {"input": given})["r"]
    return result


def may_raise(client: GraphQLClient, incident_id: str) -> bool:
    return bool(client.data(CAN, {"id": incident_id})["incident"]["viewerCan"]["raiseNonconformity"])


def test_the_member_and_its_coach_open_a_nonconformity_from_the_lessons(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    incident = closed_incident(member)
    opened = raise_(member, incidentId=incident["id"], title="No spare controller", severity="major")
    assert opened["__typename"] == "NonconformityChange", opened
    found = opened["nonconformity"]
    assert (found["sourceKind"], found["sourceReference"]) == ("incident", incident["id"])
    assert (found["description"], found["severity"], found["organisationId"]) == (LESSONS, "major", muller(member))
    coach = client_for(ALPINE_COACH)
    assert may_raise(member, incident["id"]) and may_raise(coach, incident["id"])
    by_coach = raise_(coach, incidentId=incident["id"], title="Spares", severity="minor", description="Buy two")
    assert by_coach["__typename"] == "NonconformityChange", by_coach
    assert by_coach["nonconformity"]["description"] == "Buy two"
    assert may_raise(client_for(ALPINE_ADMIN), incident["id"])


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"severity": "critical"}, "severity"),
        ({"title": ""}, "title"),
        ({"title": "a\nb"}, "title"),
        ({"description": "x" * 4001}, "description"),
        ({"incidentId": "not-an-id"}, "incidentId"),
        ({"incidentId": RANDOM}, "incidentId"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, given: dict[str, Any], field: str
) -> None:
    member = client_for(MEMBER)
    incident = closed_incident(member)
    before = events_in_log(demo_services)
    refused = raise_(member, **({"incidentId": incident["id"], "title": "No spare", "severity": "minor"} | given))
    assert refused["field"] == field, refused
    assert events_in_log(demo_services) == before


def test_an_open_incident_has_no_lessons_to_open_one_from(client_for: ClientFor, demo_services: Services) -> None:
    member = client_for(MEMBER)
    incident = report(member, muller(member))
    assert not may_raise(member, incident["id"])
    before = events_in_log(demo_services)
    refused = raise_(member, incidentId=incident["id"], title="Too early", severity="minor")
    assert (refused["__typename"], refused["field"]) == ("ValidationError", "incidentId"), refused
    assert "closed incident" in refused["message"]
    assert events_in_log(demo_services) == before


@pytest.mark.parametrize("outsider", [SECOND_MEMBER, SECOND_COACH, HARBOUR_ADMIN, HARBOUR_COACH, HARBOUR_MEMBER])
def test_an_outsider_opens_nothing(
    client_for: ClientFor, demo_services: Services, alpine: Alpine, outsider: str
) -> None:
    incident = closed_incident(client_for(MEMBER))
    client = client_for(outsider)
    before = events_in_log(demo_services)
    refused = raise_(client, incidentId=incident["id"], title="Not mine", severity="minor")
    missing = raise_(client, incidentId=RANDOM, title="Not mine", severity="minor")
    assert refused["__typename"] != "NonconformityChange"
    assert refused == missing
    assert events_in_log(demo_services) == before
    assert client.data(INCIDENT, {"id": incident["id"]})["incident"]["__typename"] != "Incident"
