"""An organisation's audits and nonconformities are its own: another member of the same cluster, a coach of another
cluster and every account of another consultancy find them as they find a random id, see none in a list, and change
nothing of them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from backend.services import Services
from tests.api.audits.support import ONE_AUDIT, audits, mutate, viewer_id
from tests.api.conftest import ALPINE_ADMIN, HARBOUR_ADMIN, HARBOUR_COACH, events_in_log
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
NC = "query($id: ID!) { nonconformity(id: $id) { __typename ... on UserError { code field message } } }"
PROGRAMME = "query($id: ID!) { auditProgramme(id: $id) { __typename ... on UserError { code field message } } }"
LISTS = {
    "audits": "query($id: ID!) { audits(organisationId: $id) { totalCount } }",
    "nonconformities": "query($id: ID!) { nonconformities(organisationId: $id) { totalCount } }",
    "ismsPeople": "query($id: ID!) { ismsPeople(organisationId: $id) { id } }",
}


def muller_ids(client_for: ClientFor, alpine: Alpine) -> dict[str, str]:
    found = audits(client_for(ALPINE_MEMBER), alpine.muller)
    audit = found["edges"][0]["node"]
    nc = audit["findings"][0]["nonconformityId"]
    return {"audit": audit["id"], "programme": found["programmes"][0]["id"], "nonconformity": nc,
            "finding": audit["findings"][1]["id"]}  # fmt: skip


def test_the_insiders_see_the_register(client_for: ClientFor, alpine: Alpine) -> None:
    for insider in (ALPINE_MEMBER, ALPINE_COACH, ALPINE_ADMIN):
        assert audits(client_for(insider), alpine.muller)["totalCount"] == 1


@pytest.mark.parametrize("who", OUTSIDERS)
def test_an_outsider_finds_them_as_a_random_id(client_for: ClientFor, alpine: Alpine, who: str) -> None:
    client, ids = client_for(OUTSIDERS[who]), muller_ids(client_for, alpine)
    random = str(uuid.uuid4())
    for document, key, name in ((ONE_AUDIT, "audit", "audit"), (NC, "nonconformity", "nonconformity"),
                                (PROGRAMME, "programme", "auditProgramme")):  # fmt: skip
        seen = client.data(document, {"id": ids[key]})[name]
        assert seen == client.data(document, {"id": random})[name]
        assert (seen["__typename"], seen["code"], seen["field"]) == ("NotFoundError", "NOT_FOUND", "id")
    for document in LISTS.values():
        refused = client.execute(document, {"id": alpine.muller})
        assert refused["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "organisationId"}
        assert refused["errors"][0]["message"] == client.execute(document, {"id": random})["errors"][0]["message"]
    download = f"/organisations/{alpine.muller}/audits/{ids['audit']}/report.xlsx"
    assert client.http.get(download).status_code == 404


def _attempts(ids: dict[str, str], alpine: Alpine, coach: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        ("planAuditProgramme", {"organisationId": alpine.muller, "year": 2030,
                                "areas": [{"reference": "9.2", "ownerId": coach}]}),
        ("reviseAuditProgramme", {"programmeId": ids["programme"], "reason": "Ours",
                                  "areas": [{"reference": "9.2", "ownerId": coach}]}),
        ("planAudit", {"programmeId": ids["programme"], "title": "T", "scope": ["9.2"], "criteria": "C",
                       "plannedOn": "2026-05-04", "auditorId": coach}),
        ("recordAuditFinding", {"auditId": ids["audit"], "kind": "observation", "reference": "9.2",
                                "statement": "S", "evidence": "E"}),
        ("raiseNonconformityFromFinding", {"auditId": ids["audit"], "findingId": ids["finding"], "title": "T"}),
        ("completeAudit", {"auditId": ids["audit"], "heldOn": "2026-03-02", "conclusion": "C"}),
        ("raiseNonconformity", {"organisationId": alpine.muller, "title": "T", "description": "D",
                                "severity": "minor", "sourceKind": "other"}),
        ("analyseNonconformity", {"nonconformityId": ids["nonconformity"], "rootCause": "R"}),
        ("planCorrectiveAction", {"nonconformityId": ids["nonconformity"], "description": "D", "ownerId": coach,
                                  "dueOn": "2026-05-04"}),
        ("closeNonconformity", {"nonconformityId": ids["nonconformity"]}),
    ]  # fmt: skip


@pytest.mark.parametrize("who", OUTSIDERS)
def test_an_outsider_changes_nothing(client_for: ClientFor, demo_services: Services, alpine: Alpine, who: str) -> None:
    client, ids = client_for(OUTSIDERS[who]), muller_ids(client_for, alpine)
    before = events_in_log(demo_services)
    for name, given in _attempts(ids, alpine, alpine.claire):
        refused = mutate(client, name, given)
        assert refused["__typename"] in {"ForbiddenError", "NotFoundError"}, (name, refused)
    assert events_in_log(demo_services) == before


PEOPLE = "query($id: ID!) { ismsPeople(organisationId: $id) { id name } }"


def test_a_coach_of_another_cluster_or_consultancy_is_no_person_of_the_organisation(
    client_for: ClientFor, demo_services: Services, alpine: Alpine
) -> None:
    """Neither may audit, own an area or own a corrective action of Muller's, nor is offered to its member; refused
    as a missing account, naming the field, and nothing written. Its own colleague and its cluster's coach may."""
    member, ids = client_for(ALPINE_MEMBER), muller_ids(client_for, alpine)
    second, harbour = viewer_id(client_for(SECOND_COACH)), viewer_id(client_for(HARBOUR_COACH))
    colleague = next(p["id"] for p in member.data(PEOPLE, {"id": alpine.muller})["ismsPeople"]
                     if p["name"] == "Jonas Muller")  # fmt: skip
    before = events_in_log(demo_services)
    for outsider in (second, harbour):
        for name, given in _attempts(ids, alpine, outsider):
            if name in {"planAuditProgramme", "reviseAuditProgramme", "planAudit", "planCorrectiveAction"}:
                refused = mutate(member, name, given)
                field = {"planAudit": "auditorId", "planCorrectiveAction": "ownerId"}.get(name, "areas.ownerId")
                assert (refused["__typename"], refused["field"]) == ("NotFoundError", field), (name, refused)
    assert events_in_log(demo_services) == before
    for person in (colleague, alpine.claire):
        planned = mutate(member, "planAudit", {"programmeId": ids["programme"], "title": "Backups", "scope": ["A.8.13"],
                                               "criteria": "A.8.13", "plannedOn": "2026-09-01", "auditorId": person})  # fmt: skip
        assert planned["audit"]["auditorId"] == person, planned
    offered = {p["id"] for p in member.data(PEOPLE, {"id": alpine.muller})["ismsPeople"]}
    assert {colleague, alpine.claire, viewer_id(client_for(ALPINE_ADMIN))} <= offered
    assert second not in offered and harbour not in offered
    second_members = client_for(SECOND_COACH).data(PEOPLE, {"id": next(iter(alpine.second_members.values()))})
    assert second in {p["id"] for p in second_members["ismsPeople"]}
    assert alpine.claire not in {p["id"] for p in second_members["ismsPeople"]}
