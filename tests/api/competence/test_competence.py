"""The competence register through the API: Muller's member accounts record trainings and campaigns; bad input is
refused naming the field with no event written; each person's record shows trainings, sessions attended and
policies acknowledged or missing; outsiders see nothing and change nothing."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from backend.services import Services
from tests.api.conftest import HARBOUR_ADMIN, HARBOUR_COACH, events_in_log
from tests.api.test_isolation_same_tenant import HARBOUR_MEMBER, SECOND_COACH, SECOND_MEMBER, Alpine, alpine
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
MEMBER, COACH, ADMIN = "member@muller.example", "coach@alpine.example", "admin@alpine.example"
OUTSIDERS = {
    "another member of the cluster": SECOND_MEMBER,
    "a coach of another cluster": SECOND_COACH,
    "an admin of another consultancy": HARBOUR_ADMIN,
    "a coach of another consultancy": HARBOUR_COACH,
    "a member of another consultancy": HARBOUR_MEMBER,
}
__all__ = ["alpine"]
REFUSAL = "__typename ... on UserError { code message field }"
TRAININGS = """query($org: ID!, $after: String, $first: Int = 25, $order: TrainingOrder = DATE, $search: String) {
  trainings(organisationId: $org, first: $first, after: $after, orderBy: $order, search: $search) {
    totalCount pageInfo { hasNextPage endCursor } viewerCan { recordTraining runCampaign }
    edges { cursor node { id person course provider completedOn viewerCan { withdraw } history { action } } } } }"""
PEOPLE = """query($org: ID!) { competencePeople(organisationId: $org) { name accountId
  trainings { course } sessionsAttended { title } campaigns acknowledged { title } missing { title } } }"""
CAMPAIGNS = """query($org: ID!) { awarenessCampaigns(organisationId: $org) { totalCount
  edges { node { id title participants viewerCan { withdraw } } } } }"""
RECORD = f"""mutation($input: RecordTrainingInput!) {{ r: recordTraining(input: $input) {{ {REFUSAL}
  ... on TrainingChange {{ training {{ id person course withdrawn }} }} }} }}"""
RUN = f"""mutation($input: RunAwarenessCampaignInput!) {{ r: runAwarenessCampaign(input: $input) {{ {REFUSAL}
  ... on AwarenessCampaignChange {{ campaign {{ id title participants }} }} }} }}"""
WITHDRAW = f"""mutation($input: WithdrawTrainingInput!) {{ r: withdrawTraining(input: $input) {{ {REFUSAL}
  ... on TrainingChange {{ training {{ withdrawn history {{ action reason }} }} }} }} }}"""
ONE = "query($id: ID!) { training(id: $id) { __typename ... on Training { course } ... on UserError { code field } } }"


def given(alpine: Alpine, **more: Any) -> dict[str, Any]:
    return {"organisationId": alpine.muller, "course": "Backups 101", "completedOn": "2026-01-15",
            "provider": "In house", "personName": "Paul Baker"} | more  # fmt: skip


def test_the_demo_shows_mullers_trainings_campaign_and_people(client_for: ClientFor, alpine: Alpine) -> None:
    member = client_for(MEMBER)
    found = member.data(TRAININGS, {"org": alpine.muller})["trainings"]
    assert found["totalCount"] == 2 and found["viewerCan"] == {"recordTraining": True, "runCampaign": True}
    assert {e["node"]["course"] for e in found["edges"]} == {"Phishing awareness", "GDPR for shop staff"}
    people = {p["name"]: p for p in member.data(PEOPLE, {"org": alpine.muller})["competencePeople"]}
    sophie = people["Sophie Muller"]
    assert sophie["trainings"] == [{"course": "GDPR for shop staff"}] and sophie["sessionsAttended"]
    assert "Clean desk week" in sophie["campaigns"] and sophie["accountId"] is None
    marc = people["Marc Muller"]
    assert marc["accountId"] and marc["trainings"] == [{"course": "Phishing awareness"}]
    assert marc["sessionsAttended"]
    campaigns = member.data(CAMPAIGNS, {"org": alpine.muller})["awarenessCampaigns"]
    assert campaigns["totalCount"] == 1


@pytest.mark.parametrize("reader", [COACH, ADMIN])
def test_the_coach_and_the_admins_read_but_do_not_write(client_for: ClientFor, alpine: Alpine, reader: str) -> None:
    client = client_for(reader)
    found = client.data(TRAININGS, {"org": alpine.muller})["trainings"]
    assert found["totalCount"] == 2 and found["viewerCan"] == {"recordTraining": False, "runCampaign": False}
    assert all(not e["node"]["viewerCan"]["withdraw"] for e in found["edges"])
    assert client.data(RECORD, {"input": given(alpine)})["r"]["__typename"] == "ForbiddenError"


def test_a_training_is_recorded_paged_and_withdrawn_with_its_history(
    client_for: ClientFor, demo_services: Services, alpine: Alpine
) -> None:
    member = client_for(MEMBER)
    recorded = member.data(RECORD, {"input": given(alpine)})["r"]
    assert recorded["__typename"] == "TrainingChange", recorded
    first = member.data(TRAININGS, {"org": alpine.muller, "first": 2})["trainings"]
    assert first["pageInfo"]["hasNextPage"] and first["totalCount"] == 3
    rest = member.data(TRAININGS, {"org": alpine.muller, "first": 2, "after": first["pageInfo"]["endCursor"]})
    courses = [e["node"]["course"] for e in first["edges"] + rest["trainings"]["edges"]]
    assert sorted(courses) == sorted({*courses}) and len(courses) == 3
    by_course = member.data(TRAININGS, {"org": alpine.muller, "order": "COURSE"})["trainings"]
    assert next(e["node"]["course"] for e in by_course["edges"]) == "Backups 101"
    assert member.data(TRAININGS, {"org": alpine.muller, "search": "baker"})["trainings"]["totalCount"] == 1
    training_id = recorded["training"]["id"]
    withdrawn = member.data(WITHDRAW, {"input": {"trainingId": training_id, "reason": "Entered twice"}})["r"]
    assert withdrawn["training"]["withdrawn"] is True
    assert [h["action"] for h in withdrawn["training"]["history"]] == ["recorded", "withdrawn"]
    before = events_in_log(demo_services)
    again = member.data(WITHDRAW, {"input": {"trainingId": training_id, "reason": "Again"}})["r"]
    assert (again["__typename"], again["field"]) == ("ValidationError", "trainingId")
    assert events_in_log(demo_services) == before


@pytest.mark.parametrize(
    ("changed", "field"),
    [
        ({"course": " "}, "course"),
        ({"course": "x" * 201}, "course"),
        ({"provider": "a\nb"}, "provider"),
        ({"personName": None}, "personName"),
        ({"completedOn": "1999-12-31"}, "completedOn"),
        ({"completedOn": "2999-01-01"}, "completedOn"),
        ({"evidence": "x" * 2001}, "evidence"),
        ({"accountId": "not-an-id"}, "accountId"),
        ({"personName": None, "accountId": str(uuid.uuid4())}, "accountId"),
        ({"documentId": str(uuid.uuid4())}, "documentId"),
    ],
)
def test_a_bad_training_is_refused_naming_the_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, alpine: Alpine, changed: dict[str, Any], field: str
) -> None:
    before = events_in_log(demo_services)
    refused = client_for(MEMBER).data(RECORD, {"input": given(alpine, **changed)})["r"]
    assert refused["field"] == field, refused
    assert events_in_log(demo_services) == before


@pytest.mark.parametrize(
    ("changed", "field"),
    [({"title": ""}, "title"), ({"material": " "}, "material"), ({"heldOn": "1990-01-01"}, "heldOn"),
     ({"participants": ["a\u202eb"]}, "participants")],
)  # fmt: skip
def test_a_bad_campaign_is_refused_naming_the_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, alpine: Alpine, changed: dict[str, Any], field: str
) -> None:
    before = events_in_log(demo_services)
    campaign = {"organisationId": alpine.muller, "title": "Passwords", "heldOn": "2026-02-02", "audience": "All",
                "material": "A leaflet", "participants": ["Marc Muller"]} | changed  # fmt: skip
    refused = client_for(MEMBER).data(RUN, {"input": campaign})["r"]
    assert refused["field"] == field, refused
    assert events_in_log(demo_services) == before


def test_a_crafted_cursor_is_refused_naming_after(client_for: ClientFor, alpine: Alpine) -> None:
    refused = client_for(MEMBER).execute(TRAININGS, {"org": alpine.muller, "after": "bm90LWEtY3Vyc29y"})
    assert refused["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "after"}


@pytest.mark.parametrize("who", OUTSIDERS)
def test_an_outsider_sees_none_of_mullers_records(client_for: ClientFor, alpine: Alpine, who: str) -> None:
    client = client_for(OUTSIDERS[who])
    for document in (TRAININGS, PEOPLE, CAMPAIGNS):
        theirs = client.execute(document, {"org": alpine.muller})
        random = client.execute(document, {"org": str(uuid.uuid4())})
        assert theirs["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "organisationId"}
        assert theirs["errors"][0]["message"] == random["errors"][0]["message"]
    training_id = client_for(MEMBER).data(TRAININGS, {"org": alpine.muller})["trainings"]["edges"][0]["node"]["id"]
    seen = client.data(ONE, {"id": training_id})["training"]
    assert seen == client.data(ONE, {"id": str(uuid.uuid4())})["training"]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_an_outsider_changes_nothing(client_for: ClientFor, demo_services: Services, alpine: Alpine, who: str) -> None:
    client = client_for(OUTSIDERS[who])
    training_id = client_for(MEMBER).data(TRAININGS, {"org": alpine.muller})["trainings"]["edges"][0]["node"]["id"]
    before = events_in_log(demo_services)
    recorded = client.data(RECORD, {"input": given(alpine)})["r"]
    withdrawn = client.data(WITHDRAW, {"input": {"trainingId": training_id, "reason": "Ours"}})["r"]
    assert recorded["__typename"] in {"ForbiddenError", "NotFoundError"}, recorded
    assert withdrawn["__typename"] in {"ForbiddenError", "NotFoundError"}, withdrawn
    assert events_in_log(demo_services) == before
