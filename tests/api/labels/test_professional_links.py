"""Professional links through the API: a consultancy's admin asks, the professional consents or declines in their
realm, either side ends; bad input is refused by field with nothing written; no answer tells whether a
professional exists; and each side reads its own links only."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from backend.auth.passwords import hash_password
from backend.demo import DEMO_PASSWORD
from backend.services import Services
from domain.labels.body import PROFESSIONALS
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.account import Role, account_id
from domain.tenancy.commands import OpenAccount
from domain.tenancy.consultancy import consultancy_id
from projections.core.scope import Scope
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, HARBOUR_COACH, events_in_log
from tests.support.graphql_client import GraphQLClient

SOPHIE, REGISTRAR = "sophie@pro.example", "registrar@label-board.example"
MARC = "marc@pro.example"
REFUSAL = "__typename ... on UserError { code field message }"
LINKS = """query($status: ProfessionalLinkStatus) { l: professionalLinks(status: $status) { __typename
    ... on ProfessionalLinkConnection { edges { node { id consultancyName coachId coachName professionalEmail
        professionalName status requestedOn answeredOn endedOn endedBy viewerCan { consent end } } } }
    ... on UserError { code message } } }"""
REQUEST = f"""mutation($coachId: ID!, $email: String!) {{
    r: requestProfessionalLink(input: {{coachId: $coachId, email: $email}}) {{ {REFUSAL}
    ... on ProfessionalLinkChange {{ linkId status }} }} }}"""


def act(name: str) -> str:
    return f"""mutation($id: ID!) {{ r: {name}(input: {{linkId: $id}}) {{ {REFUSAL}
        ... on ProfessionalLinkChange {{ linkId status }} }} }}"""


CONSENT, DECLINE = act("consentToProfessionalLink"), act("declineProfessionalLink")
END_CONSENT, END_LINK = act("endProfessionalConsent"), act("endProfessionalLink")


def links(client: GraphQLClient, status: str | None = None) -> list[dict[str, Any]]:
    found = client.data(LINKS, {"status": status})["l"]
    assert found["__typename"] == "ProfessionalLinkConnection", found
    return [edge["node"] for edge in found["edges"]]


def answer(client: GraphQLClient, document: str, variables: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = client.data(document, variables)["r"]
    return result


def open_account(services: Services, tenant: uuid.UUID, email: str, name: str, role: Role) -> uuid.UUID:
    services.execute(OpenAccount(tenant, SYSTEM_ACTOR, email, name, hash_password(DEMO_PASSWORD), (role,)))
    return account_id(email)


def by_consultancy(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["consultancyName"]: row for row in rows}


def test_sign_in_lands_each_on_a_home_of_their_own(client_for: Callable[[str], GraphQLClient]) -> None:
    viewer = "{ viewer { displayName roles consultancy { name } } }"
    for email, home, role in (
        (SOPHIE, "/professional", "professional"),
        (REGISTRAR, "/labelling-body", "labelling_body"),
    ):
        client = client_for(email)
        assert client.http.get("/", follow_redirects=False).headers["location"] == home
        assert client.http.get(home).status_code == 200
        assert client.http.get("/account").status_code == 200  # their own account, as anyone's
        found = client.data(viewer)["viewer"]
        assert found["roles"] == [role] and found["consultancy"] is None
    page = client_for(SOPHIE).http.get("/professional").text
    assert "Harbour Risk Partners" in page and "Hana Coach" in page and "Consent" in page
    page = client_for(ALPINE_ADMIN).http.get("/professionals").text
    assert "Claire Coach" in page and "Sophie Martin" in page and "In force" in page
    staff = client_for(REGISTRAR).data("{ b: labellingBody { ... on LabellingBody { name staff { email } } } }")["b"]
    assert staff == {"name": "ISMS Label Board", "staff": [{"email": REGISTRAR}]}


def test_outside_accounts_see_nothing_of_a_consultancy_and_consultancy_accounts_nothing_of_theirs(
    client_for: Callable[[str], GraphQLClient],
) -> None:
    consultancy_reads = "{ clusters { edges { node { id } } } }"
    for email in (SOPHIE, REGISTRAR):
        client = client_for(email)
        body = client.execute(consultancy_reads)
        assert body.get("data") is None or not body["data"].get("clusters"), body
        for path in ("/clusters", "/organisations", "/accounts", "/portfolio", "/professionals"):
            assert client.http.get(path).status_code in (403, 404), (email, path)
    refused = client_for(REGISTRAR).execute(LINKS, {})
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"  # a body's staff read no link
    member = client_for("member@muller.example").data(LINKS, {})["l"]
    assert member["__typename"] == "ForbiddenError"  # nor an organisation's people
    for email in (ALPINE_ADMIN, ALPINE_COACH, "member@muller.example"):
        client = client_for(email)
        assert client.http.get("/professional").status_code in (403, 404), email
        assert client.http.get("/labelling-body").status_code in (403, 404), email
        assert client.data("{ b: labellingBody { __typename } }")["b"]["__typename"] == "ForbiddenError"
        random = str(uuid.uuid4())
        assert answer(client, CONSENT, {"id": random})["code"] == "FORBIDDEN", email


def test_bad_requests_name_their_field_and_write_nothing(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    admin = client_for(ALPINE_ADMIN)
    coach = str(account_id(ALPINE_COACH))
    before = events_in_log(demo_services)
    cases = [
        ({"coachId": coach, "email": "not an address"}, "VALIDATION", "email"),
        ({"coachId": coach, "email": "a\u0000b@pro.example"}, "VALIDATION", "email"),
        ({"coachId": coach, "email": "x" * 250 + "@pro.example"}, "VALIDATION", "email"),
        ({"coachId": "not-an-id", "email": "new@pro.example"}, "VALIDATION", "coachId"),
        ({"coachId": str(account_id(ALPINE_ADMIN)), "email": "new@pro.example"}, "VALIDATION", "coachId"),
        ({"coachId": str(uuid.uuid4()), "email": "new@pro.example"}, "NOT_FOUND", "coachId"),
        ({"coachId": str(account_id(HARBOUR_COACH)), "email": "new@pro.example"}, "NOT_FOUND", "coachId"),
        ({"coachId": coach, "email": SOPHIE}, "CONFLICT", "email"),  # already in force
    ]
    random_coach = answer(admin, REQUEST, cases[5][0])
    for variables, code, field in cases:
        found = answer(admin, REQUEST, variables)
        assert (found.get("code"), found.get("field")) == (code, field), (variables, found)
    assert answer(admin, REQUEST, cases[6][0]) == random_coach  # another consultancy's coach: as a random id
    coach_client = client_for(ALPINE_COACH)
    assert answer(coach_client, REQUEST, {"coachId": coach, "email": "new@pro.example"})["code"] == "FORBIDDEN"
    sophie = client_for(SOPHIE)
    assert answer(sophie, REQUEST, {"coachId": coach, "email": SOPHIE})["code"] == "FORBIDDEN"
    for document in (CONSENT, DECLINE, END_CONSENT):
        assert answer(sophie, document, {"id": "nope"})["field"] == "linkId"
    assert answer(admin, END_LINK, {"id": str(uuid.uuid4())})["field"] == "linkId"
    assert events_in_log(demo_services) == before


def test_a_request_answers_the_same_whether_or_not_the_professional_exists(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    open_account(demo_services, PROFESSIONALS, MARC, "Marc Weber", Role.PROFESSIONAL)
    admin = client_for(HARBOUR_ADMIN)
    coach = str(account_id(HARBOUR_COACH))
    known, unknown = (answer(admin, REQUEST, {"coachId": coach, "email": e}) for e in (MARC, "nobody@pro.example"))
    assert known["__typename"] == unknown["__typename"] == "ProfessionalLinkChange"
    assert known["status"] == unknown["status"] == "REQUESTED"
    rows = {row["professionalEmail"]: row for row in links(admin)}
    shown = [
        {k: v for k, v in rows[e].items() if k not in ("id", "professionalEmail")} for e in (MARC, "nobody@pro.example")
    ]
    assert shown[0] == shown[1]
    assert rows[MARC]["professionalName"] is None  # until Marc consents


def test_each_side_reads_its_own_links_only(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    open_account(demo_services, PROFESSIONALS, MARC, "Marc Weber", Role.PROFESSIONAL)
    other_coach = open_account(demo_services, consultancy_id("alpine"), "colin@alpine.example", "Colin", Role.COACH)
    harbour, alpine = links(client_for(HARBOUR_ADMIN)), links(client_for(ALPINE_ADMIN))
    assert {row["consultancyName"] for row in harbour} == {"Harbour Risk Partners"}
    assert {row["consultancyName"] for row in alpine} == {"Alpine Security Coaching"}
    assert [row["status"] for row in alpine] == ["IN_FORCE"] and alpine[0]["professionalName"] == "Sophie Martin"
    assert [row["coachName"] for row in links(client_for(ALPINE_COACH))] == ["Claire Coach"]
    assert links(client_for("colin@alpine.example")) == []  # a colleague's link is not another coach's
    assert other_coach
    sophie = by_consultancy(links(client_for(SOPHIE)))
    assert {name: row["status"] for name, row in sophie.items()} == {
        "Alpine Security Coaching": "IN_FORCE",
        "Harbour Risk Partners": "REQUESTED",
    }
    assert sophie["Harbour Risk Partners"]["viewerCan"] == {"consent": True, "end": False}
    marc = client_for(MARC)
    assert links(marc) == []
    harbour_request = sophie["Harbour Risk Partners"]["id"]
    random = answer(marc, CONSENT, {"id": str(uuid.uuid4())})
    assert answer(marc, CONSENT, {"id": harbour_request}) == random  # another's request: as a random id
    assert random["code"] == "NOT_FOUND" and random["field"] == "linkId"
    assert (
        answer(client_for(HARBOUR_ADMIN), END_LINK, {"id": sophie["Alpine Security Coaching"]["id"]})["code"]
        == "NOT_FOUND"
    )  # another consultancy's link


def test_consent_decline_and_end_on_either_side(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    sophie, harbour = client_for(SOPHIE), client_for(HARBOUR_ADMIN)
    request = by_consultancy(links(sophie))["Harbour Risk Partners"]["id"]
    assert answer(sophie, CONSENT, {"id": request})["status"] == "IN_FORCE"
    before = events_in_log(demo_services)
    assert answer(sophie, DECLINE, {"id": request})["code"] == "CONFLICT"  # answered once
    assert events_in_log(demo_services) == before
    row = links(harbour)[0]
    assert (row["status"], row["professionalName"], row["viewerCan"]) == (
        "IN_FORCE",
        "Sophie Martin",
        {"consent": False, "end": True},
    )
    assert answer(sophie, END_CONSENT, {"id": request})["status"] == "ENDED"
    assert (links(harbour)[0]["status"], links(harbour)[0]["endedBy"]) == ("ENDED", "professional")
    assert answer(harbour, END_LINK, {"id": request})["status"] == "ENDED"
    assert answer(harbour, END_LINK, {"id": request})["code"] == "VALIDATION"
    coach = str(account_id(HARBOUR_COACH))
    assert answer(harbour, REQUEST, {"coachId": coach, "email": SOPHIE})["status"] == "REQUESTED"  # asked again
    assert answer(sophie, DECLINE, {"id": request})["status"] == "DECLINED"
    assert links(harbour, "DECLINED")[0]["professionalName"] is None
    assert links(sophie, "REQUESTED") == []


INVITE = f"""mutation($email: String!, $name: String!) {{
    r: inviteProfessional(input: {{email: $email, displayName: $name}}) {{ {REFUSAL}
    ... on ProfessionalInvited {{ email }} }} }}"""


def test_a_registrar_invites_a_candidate_and_the_answer_never_tells_who_had_an_account(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    registrar = client_for(REGISTRAR)
    before = events_in_log(demo_services)
    for variables, field in (
        ({"email": "nope", "name": "Ana"}, "email"),
        ({"email": "a@pro.example", "name": ""}, "displayName"),
    ):
        assert answer(registrar, INVITE, variables)["field"] == field
    assert events_in_log(demo_services) == before
    answers = [
        answer(registrar, INVITE, {"email": email, "name": "Someone"})
        for email in ("ana@pro.example", SOPHIE, ALPINE_COACH)
    ]
    assert [found["__typename"] for found in answers] == ["ProfessionalInvited"] * 3
    opened = demo_services.queries.tenancy.account(Scope(PROFESSIONALS), account_id("ana@pro.example"))
    assert opened is not None and opened.roles == ("professional",) and not opened.password_chosen
    assert demo_services.queries.tenancy.account(Scope(PROFESSIONALS), account_id(ALPINE_COACH)) is None
    assert events_in_log(demo_services) == before + 2  # Ana's account and its link; nothing for the others
    refused = answer(client_for(ALPINE_ADMIN), INVITE, {"email": "bo@pro.example", "name": "Bo"})
    assert refused["code"] == "FORBIDDEN"
    assert answer(client_for(SOPHIE), INVITE, {"email": "bo@pro.example", "name": "Bo"})["code"] == "FORBIDDEN"
