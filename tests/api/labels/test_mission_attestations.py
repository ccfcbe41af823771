"""Mission attestations through the API: a consultancy's admin gathers a linked professional's mission with one
member from the consultancy's own records, confirms it, corrects it and withdraws it with a reason; bad input is
refused by field with nothing written; and nobody else reads or changes a consultancy's attestations."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from backend.auth.passwords import hash_password
from backend.demo import DEMO_PASSWORD
from backend.services import Services
from domain.engagement.commands import LogCoachingHalfDay
from domain.labels.body import PROFESSIONALS
from domain.labels.link_commands import AnswerProfessionalLink, RequestProfessionalLink
from domain.labels.links import link_id
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.account import Role, account_id
from domain.tenancy.commands import OpenAccount
from domain.tenancy.consultancy import consultancy_id
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, events_in_log
from tests.support.graphql_client import GraphQLClient

SOPHIE, REGISTRAR, MEMBER = "sophie@pro.example", "registrar@label-board.example", "member@muller.example"
REFUSAL = "__typename ... on UserError { code field message }"
FACTS = "consultancy cluster sector sizeBand startedOn endedOn coachingDays trainingDays outcome"
LINKS = """{ l: professionalLinks(status: IN_FORCE) { ... on ProfessionalLinkConnection {
    edges { node { id coachId professionalName } } } } }"""
CLUSTERS = "{ clusters { edges { node { id name coach { id } members { organisation { id name } } } } } }"
GATHER = f"""query($link: ID!, $cluster: ID!, $organisation: ID!) {{
    r: gatheredMission(linkId: $link, clusterId: $cluster, organisationId: $organisation) {{ {REFUSAL}
    ... on GatheredMission {{ professionalName factsDigest facts {{ {FACTS} }} }} }} }}"""
ATTEST = f"""mutation($link: ID!, $cluster: ID!, $organisation: ID!, $digest: String!) {{
    r: attestMission(input: {{linkId: $link, clusterId: $cluster, organisationId: $organisation,
        factsDigest: $digest}}) {{ {REFUSAL}
    ... on MissionAttestationChange {{ missionId stands }} }} }}"""
REGATHER = f"""query($id: ID!) {{ r: regatheredMission(missionId: $id) {{ {REFUSAL}
    ... on GatheredMission {{ professionalName factsDigest facts {{ {FACTS} }} }} }} }}"""
CORRECT = f"""mutation($id: ID!, $reason: String!, $digest: String!) {{
    r: correctMissionAttestation(input: {{missionId: $id, reason: $reason, factsDigest: $digest}}) {{ {REFUSAL}
    ... on MissionAttestationChange {{ missionId stands }} }} }}"""
WITHDRAW = f"""mutation($id: ID!, $reason: String!) {{
    r: withdrawMissionAttestation(input: {{missionId: $id, reason: $reason}}) {{ {REFUSAL}
    ... on MissionAttestationChange {{ missionId stands }} }} }}"""
ATTESTED = f"""{{ r: attestedMissions {{ __typename ... on AttestedMissionConnection {{ edges {{ node {{
    id professionalName clusterId organisationId stands corrections lastReason viewerCan {{ correct withdraw }}
    facts {{ {FACTS} }} }} }} }} ... on UserError {{ code message }} }} }}"""
PORTFOLIO = f"""{{ r: missionPortfolio {{ __typename ... on MissionPortfolio {{ professionalName
    missions {{ id corrected facts {{ {FACTS} }} }} }} ... on UserError {{ code message }} }} }}"""


REQUEST = f"""mutation($coachId: ID!, $email: String!) {{
    r: requestProfessionalLink(input: {{coachId: $coachId, email: $email}}) {{ {REFUSAL}
    ... on ProfessionalLinkChange {{ linkId status }} }} }}"""
CONSENT = f"""mutation($id: ID!) {{ r: consentToProfessionalLink(input: {{linkId: $id}}) {{ {REFUSAL}
    ... on ProfessionalLinkChange {{ linkId status }} }} }}"""
REQUESTS = """{ l: professionalLinks(status: REQUESTED) { ... on ProfessionalLinkConnection {
    edges { node { id professionalEmail } } } } }"""


def open_account(services: Services, tenant: uuid.UUID, email: str, name: str, role: Role) -> uuid.UUID:
    services.execute(OpenAccount(tenant, SYSTEM_ACTOR, email, name, hash_password(DEMO_PASSWORD), (role,)))
    return account_id(email)


def request_and_consent(services: Services, coach_email: str, professional_email: str) -> str:
    """A new Alpine coach account linked, with consent, to a new professional: the link's id."""
    alpine = consultancy_id("alpine")
    coach = open_account(services, alpine, coach_email, "Colin Coach", Role.COACH)
    professional = open_account(services, PROFESSIONALS, professional_email, "Marc Weber", Role.PROFESSIONAL)
    services.execute(RequestProfessionalLink(alpine, account_id(ALPINE_ADMIN), coach, professional_email))
    link = link_id(alpine, coach, professional_email)
    services.execute(AnswerProfessionalLink(PROFESSIONALS, professional, alpine, link, True))
    return str(link)


def sophies_request(admin: GraphQLClient) -> str:
    """The consultancy's request to Sophie, not yet answered."""
    [request] = [
        e["node"]["id"] for e in admin.data(REQUESTS)["l"]["edges"] if e["node"]["professionalEmail"] == SOPHIE
    ]
    return str(request)


def answer(client: GraphQLClient, document: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    result: dict[str, Any] = client.data(document, variables)["r"]
    return result


def sophies_link(admin: GraphQLClient) -> dict[str, Any]:
    [link] = [edge["node"] for edge in admin.data(LINKS)["l"]["edges"]]
    return link


def coached_member(admin: GraphQLClient, coach_id: str, index: int = 1) -> tuple[str, str]:
    """A cluster the linked coach leads, and one of its members: by default the second, since the demo attests
    Sophie's mission with the first."""
    clusters = [edge["node"] for edge in admin.data(CLUSTERS)["clusters"]["edges"]]
    cluster = next(c for c in clusters if c["coach"]["id"] == coach_id and c["members"])
    return cluster["id"], cluster["members"][index]["organisation"]["id"]


def refused(client: GraphQLClient, document: str, variables: dict[str, Any] | None = None) -> str | None:
    """The code of a refusal, as a payload or as the guard's error."""
    body = client.execute(document, variables)
    for error in body.get("errors") or []:
        return str((error.get("extensions") or {}).get("code"))
    found = (body.get("data") or {}).get("r") or {}
    return found.get("code")


def missions(client: GraphQLClient) -> list[dict[str, Any]]:
    found = answer(client, ATTESTED)
    assert found["__typename"] == "AttestedMissionConnection", found
    return [edge["node"] for edge in found["edges"]]


def portfolio(client: GraphQLClient) -> list[dict[str, Any]]:
    found = answer(client, PORTFOLIO)
    assert found["__typename"] == "MissionPortfolio", found
    return list(found["missions"])


def alpine_mission(admin: GraphQLClient) -> dict[str, str]:
    """The variables of Sophie's mission with the second member of the cluster her Alpine coach account leads, with
    the digest of the facts the records give, as the admin confirms them."""
    link = sophies_link(admin)
    cluster, organisation = coached_member(admin, link["coachId"])
    return confirmed(admin, {"link": link["id"], "cluster": cluster, "organisation": organisation})


def confirmed(admin: GraphQLClient, mission: dict[str, str]) -> dict[str, str]:
    """The mission's variables with the digest of the facts gathered for it, as the admin is shown them."""
    gathered = answer(admin, GATHER, mission)
    return {**mission, "digest": gathered.get("factsDigest", "")}


def shown_again(admin: GraphQLClient, document: str, variables: dict[str, Any]) -> dict[str, Any]:
    """A correction's variables with the digest of the facts gathered again, as the admin is shown them (a
    withdrawal's as they are)."""
    if document != CORRECT:
        return variables
    gathered = answer(admin, REGATHER, {"id": variables["id"]})
    return {**variables, "digest": gathered.get("factsDigest", "")}


def log_coaching(services: Services, mission: dict[str, str], held_on: date, coach_email: str = ALPINE_COACH) -> None:
    alpine, coach = consultancy_id("alpine"), account_id(coach_email)
    cluster, organisation = uuid.UUID(mission["cluster"]), uuid.UUID(mission["organisation"])
    services.execute(LogCoachingHalfDay(alpine, coach, cluster, organisation, held_on, coach, "Risk workshop"))


GATHERED = {
    "consultancy": "Alpine Security Coaching",
    "cluster": "Luxembourg SMEs 2026",
    "sector": "Healthcare",
    "sizeBand": "MICRO",
    "startedOn": "2025-11-10",
    "endedOn": None,
    "coachingDays": 2.0,
    "trainingDays": 4.0,
    "outcome": "UNDER_WAY",
}
"""What Alpine's records give for Sophie's mission with Kirchberg Dental: her coach account leads the cluster (its
training, from its start) and logged four half-days of coaching with the practice."""
DEMO_MISSION = {**GATHERED, "sector": "Food retail", "sizeBand": "SMALL"}
"""The demo's attestation of Sophie's mission with the Boulangerie Muller."""


def by_id(rows: list[dict[str, Any]], wanted: str) -> dict[str, Any]:
    [row] = [row for row in rows if row["id"] == wanted]
    return row


def test_an_admin_attests_the_facts_the_records_give_corrects_and_withdraws_them(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    admin, sophie = client_for(ALPINE_ADMIN), client_for(SOPHIE)
    mission = alpine_mission(admin)
    gathered = answer(admin, GATHER, mission)
    assert gathered == {
        "__typename": "GatheredMission",
        "professionalName": "Sophie Martin",
        "factsDigest": mission["digest"],
        "facts": GATHERED,
    }
    demo = portfolio(sophie)
    assert [m["facts"] for m in demo] == [DEMO_MISSION]  # gathering attests nothing

    attested = answer(admin, ATTEST, mission)
    assert attested["__typename"] == "MissionAttestationChange" and attested["stands"] is True
    row = by_id(missions(admin), attested["missionId"])
    assert (row["professionalName"], row["facts"]) == ("Sophie Martin", GATHERED)
    assert (row["clusterId"], row["organisationId"]) == (mission["cluster"], mission["organisation"])
    assert row["viewerCan"] == {"correct": True, "withdraw": True}
    assert by_id(portfolio(sophie), attested["missionId"]) == {
        "id": attested["missionId"],
        "corrected": False,
        "facts": GATHERED,
    }

    before = events_in_log(demo_services)
    again = answer(admin, REGATHER, {"id": attested["missionId"]})
    assert (again["facts"], again["factsDigest"]) == (GATHERED, mission["digest"])  # gathered as attested
    same = answer(admin, CORRECT, shown_again(admin, CORRECT, {"id": attested["missionId"], "reason": "Same."}))
    assert (same["code"], same["field"]) == ("VALIDATION", "missionId")  # the records say what was attested
    assert events_in_log(demo_services) == before

    log_coaching(demo_services, mission, date(2026, 2, 27))
    reason = "A half-day of coaching logged late."
    shown = shown_again(admin, CORRECT, {"id": attested["missionId"], "reason": reason})
    assert answer(admin, REGATHER, {"id": attested["missionId"]})["facts"] == {**GATHERED, "coachingDays": 2.5}
    log_coaching(demo_services, mission, date(2026, 2, 28))  # the records move after the admin was shown them
    before = events_in_log(demo_services)
    moved = answer(admin, CORRECT, shown)
    assert (moved["code"], moved["field"]) == ("CONFLICT", "factsDigest")  # nothing corrected unseen
    assert events_in_log(demo_services) == before
    shown = shown_again(admin, CORRECT, {"id": attested["missionId"], "reason": reason})
    assert answer(admin, CORRECT, shown)["stands"] is True
    row = by_id(missions(admin), attested["missionId"])
    assert (row["facts"]["coachingDays"], row["corrections"], row["lastReason"]) == (3.0, 1, reason)
    shown = by_id(portfolio(sophie), attested["missionId"])
    assert shown["corrected"] is True and shown["facts"] == {**GATHERED, "coachingDays": 3.0}

    withdrawn = answer(admin, WITHDRAW, {"id": attested["missionId"], "reason": "Attested for the wrong coach."})
    assert withdrawn["stands"] is False
    row = by_id(missions(admin), attested["missionId"])
    assert (row["stands"], row["lastReason"], row["viewerCan"]) == (
        False,
        "Attested for the wrong coach.",
        {"correct": False, "withdraw": False},
    )
    assert portfolio(sophie) == demo  # the demo's mission stays; the withdrawn one has left
    before = events_in_log(demo_services)
    assert answer(admin, REGATHER, {"id": attested["missionId"]})["facts"] == {**GATHERED, "coachingDays": 3.0}
    for document in (CORRECT, WITHDRAW):
        variables = shown_again(admin, document, {"id": attested["missionId"], "reason": "Once more."})
        again = answer(admin, document, variables)
        assert (again["code"], again["field"]) == ("VALIDATION", "missionId")
    assert events_in_log(demo_services) == before

    back = answer(admin, ATTEST, confirmed(admin, mission))  # a mistaken withdrawal undone
    assert (back["missionId"], back["stands"]) == (attested["missionId"], True)
    row = by_id(missions(admin), attested["missionId"])
    assert (row["stands"], row["lastReason"], row["facts"]["coachingDays"]) == (True, None, 3.0)
    assert by_id(portfolio(sophie), attested["missionId"])["facts"] == {**GATHERED, "coachingDays": 3.0}
    again = answer(admin, ATTEST, confirmed(admin, mission))
    assert (again["code"], again["field"]) == ("CONFLICT", "organisationId")  # it stands: correct it instead


def test_bad_input_is_refused_by_field_and_writes_nothing(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    admin = client_for(ALPINE_ADMIN)
    mission = alpine_mission(admin)
    marc = request_and_consent(demo_services, "colin@alpine.example", "marc@pro.example")
    asked = answer(admin, REQUEST, {"coachId": str(account_id(ALPINE_COACH)), "email": "nora@pro.example"})
    harbour_link = sophies_request(client_for(HARBOUR_ADMIN))
    random = str(uuid.uuid4())
    before = events_in_log(demo_services)
    cases = [
        ({**mission, "link": "nope"}, "VALIDATION", "linkId"),
        ({**mission, "link": random}, "NOT_FOUND", "linkId"),
        ({**mission, "link": harbour_link}, "NOT_FOUND", "linkId"),  # another consultancy's: as a random id
        ({**mission, "link": asked["linkId"]}, "NOT_FOUND", "linkId"),  # asked, not in force
        ({**mission, "cluster": "nope"}, "VALIDATION", "clusterId"),
        ({**mission, "cluster": random}, "NOT_FOUND", "clusterId"),
        ({**mission, "organisation": "nope"}, "VALIDATION", "organisationId"),
        ({**mission, "organisation": random}, "VALIDATION", "organisationId"),  # not a member of the cluster
        ({**mission, "link": marc}, "VALIDATION", "organisationId"),  # a coach account that coached none of it
    ]
    for variables, code, field in cases:
        for document in (GATHER, ATTEST):
            found = answer(admin, document, variables)
            assert (found.get("code"), found.get("field")) == (code, field), (variables, found)
    assert answer(admin, ATTEST, {**mission, "link": random}) == answer(
        admin, ATTEST, {**mission, "link": harbour_link}
    )
    assert events_in_log(demo_services) == before

    log_coaching(demo_services, mission, date(2026, 2, 26))  # the records change after the admin was shown them
    before = events_in_log(demo_services)
    changed = answer(admin, ATTEST, mission)
    assert (changed["code"], changed["field"]) == ("CONFLICT", "factsDigest")  # nothing attested unseen
    assert events_in_log(demo_services) == before
    mission = confirmed(admin, mission)
    attested = answer(admin, ATTEST, mission)["missionId"]
    before = events_in_log(demo_services)
    again = answer(admin, ATTEST, mission)
    assert (again["code"], again["field"]) == ("CONFLICT", "organisationId")  # attested once per member
    log_coaching(demo_services, mission, date(2026, 2, 27))  # so that a correction has new facts to attest
    before = events_in_log(demo_services)
    for document in (CORRECT, WITHDRAW):
        for variables, code, field in [
            ({"id": attested, "reason": ""}, "VALIDATION", "reason"),
            ({"id": attested, "reason": "Late\u0000entry"}, "VALIDATION", "reason"),
            ({"id": attested, "reason": "x" * 5000}, "VALIDATION", "reason"),
            ({"id": "nope", "reason": "A reason."}, "VALIDATION", "missionId"),
            ({"id": random, "reason": "A reason."}, "NOT_FOUND", "missionId"),
        ]:
            found = answer(admin, document, {**shown_again(admin, document, {"id": attested}), **variables})
            assert (found.get("code"), found.get("field")) == (code, field), (document, variables, found)
    assert events_in_log(demo_services) == before
    body = admin.execute(CORRECT, {"id": attested, "reason": 12, "digest": "0"})
    assert body["errors"][0]["extensions"]["code"] == "VALIDATION"  # coerced nowhere: refused as the field's
    assert events_in_log(demo_services) == before


def test_nobody_but_the_consultancy_s_admins_reads_or_changes_its_attestations(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    admin = client_for(ALPINE_ADMIN)
    mission = alpine_mission(admin)
    attested = answer(admin, ATTEST, mission)["missionId"]
    open_account(demo_services, consultancy_id("alpine"), "colin@alpine.example", "Colin Coach", Role.COACH)
    open_account(demo_services, PROFESSIONALS, "marc@pro.example", "Marc Weber", Role.PROFESSIONAL)
    harbour = client_for(HARBOUR_ADMIN)
    assert missions(harbour) == []  # another consultancy reads none of Alpine's, the demo's nor this one
    random = str(uuid.uuid4())
    for document in (CORRECT, WITHDRAW):
        extra = {"digest": "0"} if document == CORRECT else {}
        mine = answer(harbour, document, {"id": attested, "reason": "Not ours.", **extra})
        assert mine == answer(harbour, document, {"id": random, "reason": "Not ours.", **extra})  # as a random id
        assert mine["code"] == "NOT_FOUND"
    assert answer(harbour, REGATHER, {"id": attested}) == answer(harbour, REGATHER, {"id": random})
    assert answer(harbour, REGATHER, {"id": attested})["code"] == "NOT_FOUND"
    assert answer(harbour, GATHER, mission)["code"] == "NOT_FOUND"

    before = events_in_log(demo_services)
    for email in (ALPINE_COACH, "colin@alpine.example", MEMBER, SOPHIE, "marc@pro.example", REGISTRAR):
        client = client_for(email)
        assert refused(client, ATTESTED) == "FORBIDDEN", email
        assert refused(client, GATHER, mission) == "FORBIDDEN", email
        assert refused(client, ATTEST, mission) == "FORBIDDEN", email
        for document in (CORRECT, WITHDRAW):
            variables = {"id": attested, "reason": "Not mine.", "digest": "0"} if document == CORRECT else None
            variables = variables or {"id": attested, "reason": "Not mine."}
            assert refused(client, document, variables) == "FORBIDDEN", email
        assert refused(client, REGATHER, {"id": attested}) == "FORBIDDEN", email
        if email != SOPHIE and email != "marc@pro.example":
            assert refused(client, PORTFOLIO) == "FORBIDDEN", email  # a portfolio is its professional's alone
    assert events_in_log(demo_services) == before
    assert portfolio(client_for("marc@pro.example")) == []  # another professional reads their own only
    assert attested in {m["id"] for m in portfolio(client_for(SOPHIE))}
    assert len(missions(admin)) == 2  # the demo's and this one


def test_a_portfolio_gathers_the_missions_of_every_consultancy_and_each_reads_its_own(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    alpine, harbour, sophie = client_for(ALPINE_ADMIN), client_for(HARBOUR_ADMIN), client_for(SOPHIE)
    ours = answer(alpine, ATTEST, alpine_mission(alpine))["missionId"]
    assert answer(sophie, CONSENT, {"id": sophies_request(harbour)})["status"] == "IN_FORCE"
    link = sophies_link(harbour)
    cluster, organisation = coached_member(harbour, link["coachId"], index=0)
    theirs = answer(
        harbour, ATTEST, confirmed(harbour, {"link": link["id"], "cluster": cluster, "organisation": organisation})
    )
    assert ours in {m["id"] for m in missions(alpine)} and theirs["missionId"] not in {
        m["id"] for m in missions(alpine)
    }
    assert [m["id"] for m in missions(harbour)] == [theirs["missionId"]]
    shown = {m["facts"]["consultancy"] for m in portfolio(sophie)}
    assert shown == {"Alpine Security Coaching", "Harbour Risk Partners"}


def test_the_attested_missions_come_by_pages(client_for: Callable[[str], GraphQLClient]) -> None:
    admin = client_for(ALPINE_ADMIN)
    ours = answer(admin, ATTEST, alpine_mission(admin))["missionId"]
    page = """query($after: String) { r: attestedMissions(first: 1, after: $after) { __typename
        ... on AttestedMissionConnection { edges { node { id } } pageInfo { hasNextPage endCursor } }
        ... on UserError { code field } } }"""
    first = answer(admin, page, {"after": None})
    assert first["pageInfo"]["hasNextPage"] is True
    second = answer(admin, page, {"after": first["pageInfo"]["endCursor"]})
    assert second["pageInfo"]["hasNextPage"] is False
    seen = [edge["node"]["id"] for found in (first, second) for edge in found["edges"]]
    assert len(seen) == 2 and ours in seen
    refused = answer(admin, page, {"after": "not a cursor"})
    assert (refused["__typename"], refused["code"], refused["field"]) == ("ValidationError", "VALIDATION", "after")


ITEM_TRAIL = """query($id: ID!) { r: itemTrail(id: $id) { __typename
    ... on TrailEventConnection { edges { node { eventName summary reason } } } ... on UserError { code } } }"""


def test_an_attestation_s_trail_is_the_consultancy_s_admins_alone(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    """A mission's id can be worked out from what a coach or a member knows: its trail (the facts, a withdrawal's
    reason) is read, as the mission is, by the consultancy's admins only."""
    admin = client_for(ALPINE_ADMIN)
    mission = answer(admin, ATTEST, alpine_mission(admin))["missionId"]
    answer(admin, WITHDRAW, {"id": mission, "reason": "Attested for the wrong member by mistake."})
    [demo] = [m["id"] for m in missions(admin) if m["id"] != mission]
    open_account(demo_services, consultancy_id("alpine"), "colin@alpine.example", "Colin Coach", Role.COACH)
    for attested in (mission, demo):
        events = [edge["node"] for edge in answer(admin, ITEM_TRAIL, {"id": attested})["edges"]]
        assert "Attested" in {e["eventName"] for e in events}  # the admins read it
    assert "Attested for the wrong member by mistake." in {e["reason"] for e in events_of(admin, mission)}
    outsiders = {ALPINE_COACH: "NOT_FOUND", "colin@alpine.example": "NOT_FOUND", MEMBER: "NOT_FOUND"}
    outsiders |= {HARBOUR_ADMIN: "NOT_FOUND", SOPHIE: "FORBIDDEN", REGISTRAR: "FORBIDDEN"}  # no consultancy's trail
    for email, code in outsiders.items():
        client = client_for(email)
        for attested in (mission, demo):
            assert refused(client, ITEM_TRAIL, {"id": attested}) == code, email
            page = client.http.get(f"/trail/items/{attested}")
            assert "Attested" not in page.text and "Kirchberg" not in page.text, email
            assert "wrong member" not in page.text, email
    cluster, organisation = (by_id(missions(admin), mission)[key] for key in ("clusterId", "organisationId"))
    for email in (ALPINE_COACH, "colin@alpine.example", MEMBER):  # nor in the member's or the cluster's own trail
        for owner in (cluster, organisation):
            found = answer(client_for(email), LABELS_TRAIL, {"id": owner})
            registers = {edge["node"]["register"] for edge in found.get("edges", [])}
            assert "labels" not in registers, (email, owner)
            page = client_for(email).http.get(f"/trail/items/{owner}").text
            assert "wrong member" not in page and "Attested" not in page, (email, owner)


LABELS_TRAIL = """query($id: ID!) { r: itemTrail(id: $id, first: 100) { __typename
    ... on TrailEventConnection { edges { node { register eventName } } } ... on UserError { code } } }"""


def events_of(client: GraphQLClient, item: str) -> list[dict[str, Any]]:
    return [edge["node"] for edge in answer(client, ITEM_TRAIL, {"id": item})["edges"]]


def test_a_made_up_cursor_is_refused_on_after(client_for: Callable[[str], GraphQLClient]) -> None:
    """A cursor is opaque, but a client can make one up: whatever it holds, the answer names `after`."""
    admin = client_for(ALPINE_ADMIN)
    page = """query($after: String) { r: attestedMissions(first: 1, after: $after) { __typename
        ... on UserError { code field } } }"""
    for made_up in ('["2026-01-01", 5]', "[1, 1.5]", '[1, "x"]', '["a", null]', "[[], {}]"):
        cursor = base64.urlsafe_b64encode(made_up.encode()).decode()
        found = answer(admin, page, {"after": cursor})
        assert found == {"__typename": "ValidationError", "code": "VALIDATION", "field": "after"}, made_up


def test_attesting_and_correcting_gather_from_every_coach_account_linked_in_force(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    """Sophie coached the member through two of Alpine's coach accounts: the facts attested count both, and a
    correction, gathering the same way, finds nothing new to publish."""
    admin, alpine = client_for(ALPINE_ADMIN), consultancy_id("alpine")
    colin = open_account(demo_services, alpine, "colin@alpine.example", "Colin Coach", Role.COACH)
    demo_services.execute(RequestProfessionalLink(alpine, account_id(ALPINE_ADMIN), colin, SOPHIE))
    second = link_id(alpine, colin, SOPHIE)
    sophie = account_id(SOPHIE)
    demo_services.execute(AnswerProfessionalLink(PROFESSIONALS, sophie, alpine, second, True))
    links = {edge["node"]["coachId"]: edge["node"]["id"] for edge in admin.data(LINKS)["l"]["edges"]}
    claire = str(account_id(ALPINE_COACH))
    cluster, organisation = coached_member(admin, claire)  # the cluster Claire leads, where Colin coached too
    mission = {"link": str(second), "cluster": cluster, "organisation": organisation}
    log_coaching(demo_services, mission, date(2026, 2, 20), coach_email="colin@alpine.example")
    mission = confirmed(admin, mission)
    assert answer(admin, GATHER, mission)["facts"] == {**GATHERED, "coachingDays": 2.5}  # Claire's four, Colin's one
    through_claire = answer(admin, GATHER, {**mission, "link": links[claire]})
    assert through_claire == answer(admin, GATHER, mission)  # whichever of her links the admin picks
    attested = answer(admin, ATTEST, mission)["missionId"]
    again = answer(admin, REGATHER, {"id": attested})
    assert (again["facts"], again["factsDigest"]) == ({**GATHERED, "coachingDays": 2.5}, mission["digest"])
