"""An organisation's internal audits through the API: the demo's programme and audit, an auditor independent of the
areas audited, findings by the auditor, a nonconformity raised from a finding in one step; bad input refused with
a typed error naming the field, and nothing written."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from backend.services import Services
from tests.api.audits.support import ONE_AUDIT, audits, mutate, viewer_id
from tests.api.conftest import ALPINE_COACH, events_in_log
from tests.api.test_isolation_same_tenant import ALPINE_MEMBER, Alpine, alpine
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
__all__ = ["alpine"]


def test_the_demo_has_a_programme_and_an_audit_with_findings(client_for: ClientFor, alpine: Alpine) -> None:
    member = client_for(ALPINE_MEMBER)
    found = audits(member, alpine.muller)
    [programme] = found["programmes"]
    assert programme["year"] == 2026 and "A.5.18" in [a["reference"] for a in programme["areas"]]
    assert programme["areas"][0]["ownerName"] == "Marc Muller"
    [audit] = [edge["node"] for edge in found["edges"]]
    assert audit["auditorName"] == "Claire Coach" and audit["status"] == "completed"
    assert [f["kind"] for f in audit["findings"]] == ["minor_nonconformity", "observation", "opportunity"]
    assert audit["findings"][0]["nonconformityId"] is not None
    assert not audit["findings"][0]["viewerCanRaiseNonconformity"]
    assert audit["nonconformityCount"] == 1
    assert audit["history"][0]["action"] == "planned"
    assert found["viewerCan"] == {"planProgramme": True}
    assert audit["viewerCan"] == {"recordFinding": False, "complete": False}


def _programme(client: GraphQLClient, alpine: Alpine) -> dict[str, Any]:
    programme: dict[str, Any] = audits(client, alpine.muller)["programmes"][0]
    return programme


def test_the_auditor_must_own_none_of_the_areas_audited(
    client_for: ClientFor, demo_services: Services, alpine: Alpine
) -> None:
    member = client_for(ALPINE_MEMBER)
    marc, programme = viewer_id(member), _programme(member, alpine)
    given = {"programmeId": programme["id"], "title": "Documents", "scope": ["7.5"], "criteria": "Clause 7.5",
             "plannedOn": "2026-10-01", "auditorId": marc}  # fmt: skip
    before = events_in_log(demo_services)
    refused = mutate(member, "planAudit", given)
    assert (refused["code"], refused["field"]) == ("VALIDATION", "auditorId"), refused
    assert "7.5" in refused["message"]
    assert events_in_log(demo_services) == before
    planned = mutate(member, "planAudit", given | {"auditorId": alpine.claire})
    assert planned["audit"]["auditorName"] == "Claire Coach"
    assert planned["audit"]["viewerCan"]["recordFinding"] is False  # the member is not the auditor
    coach = client_for(ALPINE_COACH)
    assert audits(coach, alpine.muller, status="planned")["edges"][0]["node"]["viewerCan"]["recordFinding"]


def test_the_auditor_records_a_major_finding_that_raises_a_nonconformity_once(
    client_for: ClientFor, alpine: Alpine
) -> None:
    member, coach = client_for(ALPINE_MEMBER), client_for(ALPINE_COACH)
    programme = _programme(member, alpine)
    given = {"programmeId": programme["id"], "title": "Backups", "scope": ["A.8.13"], "criteria": "A.8.13",
             "plannedOn": "2026-03-02", "auditorId": alpine.claire}  # fmt: skip
    audit = mutate(member, "planAudit", given)["audit"]
    finding = {"auditId": audit["id"], "kind": "major_nonconformity", "reference": "A.8.13",
               "statement": "No backup of the order book", "evidence": "The backup job was disabled in January"}  # fmt: skip
    not_auditor = mutate(member, "recordAuditFinding", finding)
    assert (not_auditor["code"], not_auditor["field"]) == ("VALIDATION", "auditId")
    recorded = mutate(coach, "recordAuditFinding", finding)["audit"]
    [major] = recorded["findings"]
    assert major["viewerCanRaiseNonconformity"]
    raise_ = {"auditId": audit["id"], "findingId": major["id"], "title": "Order book not backed up"}
    raised = mutate(member, "raiseNonconformityFromFinding", raise_)["audit"]
    assert raised["findings"][0]["nonconformityId"] is not None
    again = mutate(member, "raiseNonconformityFromFinding", raise_)
    assert (again["code"], again["field"]) == ("VALIDATION", "findingId")
    completed = mutate(coach, "completeAudit", {"auditId": audit["id"], "heldOn": "2026-03-02", "conclusion": "Fix it"})
    assert completed["audit"]["status"] == "completed"


@pytest.mark.parametrize(
    ("name", "given", "field"),
    [
        (
            "planAuditProgramme",
            {"year": 2027, "areas": [{"reference": "A.99.1", "ownerId": "MARC"}]},
            "areas.reference",
        ),
        ("planAuditProgramme", {"year": 2027, "areas": [{"reference": "12", "ownerId": "MARC"}]}, "areas.reference"),
        (
            "planAuditProgramme",
            {"year": 2027, "areas": [{"reference": "9.2", "ownerId": "not-an-id"}]},
            "areas.ownerId",
        ),
        ("planAuditProgramme", {"year": 2027, "areas": [{"reference": "9.2", "ownerId": "RANDOM"}]}, "areas.ownerId"),
        ("planAuditProgramme", {"year": 2027, "areas": []}, "areas"),
        ("planAuditProgramme", {"year": 1999, "areas": [{"reference": "9.2", "ownerId": "MARC"}]}, "year"),
        ("planAuditProgramme", {"year": 2026, "areas": [{"reference": "9.2", "ownerId": "MARC"}]}, "year"),
        (
            "planAuditProgramme",
            {"year": 2027, "areas": [{"reference": "9.2\u0000", "ownerId": "MARC"}]},
            "areas.reference",
        ),
    ],
)
def test_a_bad_programme_is_refused_naming_the_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, alpine: Alpine, name: str, given: dict[str, Any], field: str
) -> None:
    member = client_for(ALPINE_MEMBER)
    marc = viewer_id(member)
    areas = [{**a, "ownerId": {"MARC": marc, "RANDOM": str(uuid.uuid4())}.get(a["ownerId"], a["ownerId"])}
             for a in given["areas"]]  # fmt: skip
    before = events_in_log(demo_services)
    refused = mutate(member, name, {**given, "areas": areas, "organisationId": alpine.muller})
    assert refused["field"] == field, refused
    assert refused["__typename"] in {"ValidationError", "NotFoundError", "ConflictError"}
    assert events_in_log(demo_services) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"scope": []}, "scope"),
        ({"scope": ["A.5.1"]}, "scope"),
        ({"criteria": "  "}, "criteria"),
        ({"plannedOn": "2027-01-04"}, "plannedOn"),
        ({"auditorId": "nope"}, "auditorId"),
        ({"programmeId": "nope"}, "programmeId"),
    ],
)
def test_a_bad_audit_is_refused_naming_the_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, alpine: Alpine, change: dict[str, Any], field: str
) -> None:
    member = client_for(ALPINE_MEMBER)
    programme = _programme(member, alpine)
    given = {"programmeId": programme["id"], "title": "Backups", "scope": ["A.8.13"], "criteria": "A.8.13",
             "plannedOn": "2026-03-02", "auditorId": alpine.claire}  # fmt: skip
    before = events_in_log(demo_services)
    refused = mutate(member, "planAudit", given | change)
    assert refused["field"] == field, refused
    assert events_in_log(demo_services) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [({"kind": "praise"}, "kind"), ({"reference": "A.5"}, "reference"), ({"evidence": ""}, "evidence"),
     ({"statement": "x" * 2001}, "statement"), ({"auditId": str(uuid.uuid4())}, "auditId")],
)  # fmt: skip
def test_a_bad_finding_is_refused_naming_the_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, alpine: Alpine, change: dict[str, Any], field: str
) -> None:
    member, coach = client_for(ALPINE_MEMBER), client_for(ALPINE_COACH)
    programme = _programme(member, alpine)
    given = {"programmeId": programme["id"], "title": "Backups", "scope": ["A.8.13"], "criteria": "A.8.13",
             "plannedOn": "2026-03-02", "auditorId": alpine.claire}  # fmt: skip
    audit = mutate(member, "planAudit", given)["audit"]
    finding = {"auditId": audit["id"], "kind": "observation", "reference": "A.8.13", "statement": "S", "evidence": "E"}
    before = events_in_log(demo_services)
    refused = mutate(coach, "recordAuditFinding", finding | change)
    assert refused["field"] == field, refused
    assert events_in_log(demo_services) == before


def test_a_lookup_of_a_random_or_malformed_audit_is_refused(client_for: ClientFor, alpine: Alpine) -> None:
    member = client_for(ALPINE_MEMBER)
    missing = member.data(ONE_AUDIT, {"id": str(uuid.uuid4())})["audit"]
    assert (missing["code"], missing["field"]) == ("NOT_FOUND", "id")
    malformed = member.data(ONE_AUDIT, {"id": "nope"})["audit"]
    assert (malformed["code"], malformed["field"]) == ("VALIDATION", "id")
    bad_cursor = member.execute(
        'query($id: ID!) { audits(organisationId: $id, after: "x") { totalCount } }', {"id": alpine.muller}
    )
    assert bad_cursor["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "after"}


def test_a_revised_programme_shows_its_new_areas_and_why_in_its_history(client_for: ClientFor, alpine: Alpine) -> None:
    member = client_for(ALPINE_MEMBER)
    marc, programme = viewer_id(member), _programme(member, alpine)
    given = {"programmeId": programme["id"], "reason": "Clause 10 added after the review",
             "areas": [{"reference": "10.2", "ownerId": marc}, {"reference": "A.8.13", "ownerId": alpine.claire}]}  # fmt: skip
    revised = mutate(member, "reviseAuditProgramme", given)["programme"]
    assert [(a["reference"], a["ownerName"]) for a in revised["areas"]] == [
        ("10.2", "Marc Muller"), ("A.8.13", "Claire Coach"),
    ]  # fmt: skip
    history = member.data(
        "query($id: ID!) { auditProgramme(id: $id) { ... on AuditProgramme { history { action details } } } }",
        {"id": programme["id"]},
    )["auditProgramme"]["history"]
    assert [h["action"] for h in history] == ["planned", "revised"]
    assert "Clause 10 added after the review" in history[1]["details"]
    again = mutate(member, "reviseAuditProgramme", given)
    assert (again["code"], again["field"]) == ("VALIDATION", "areas")
    # the audit planned before keeps its areas; the coach, now owner of A.8.13, may not audit it
    planned = {"programmeId": programme["id"], "title": "Backups", "scope": ["A.8.13"], "criteria": "A.8.13",
               "plannedOn": "2026-09-01", "auditorId": alpine.claire}  # fmt: skip
    refused = mutate(member, "planAudit", planned)
    assert (refused["code"], refused["field"]) == ("VALIDATION", "auditorId")
