"""The label scheme and the tracks through the API: the registrar publishes, enrols, records the steps, names the
evaluating coach, grants, suspends, reinstates and revokes; the coach named evaluates from their realm; bad input
is refused by field with nothing written; and nobody reads or acts on a track that is not theirs."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from backend.services import Services
from domain.labels.body import PROFESSIONALS, labelling_body_id
from domain.labels.commands import AttestMission
from domain.labels.link_commands import CreateLabellingBody
from domain.labels.missions import MissionFacts
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.account import Role, account_id
from domain.tenancy.consultancy import consultancy_id
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log
from tests.api.labels.test_professional_links import open_account
from tests.support.graphql_client import GraphQLClient

REGISTRAR, SOPHIE, TOM = "registrar@label-board.example", "sophie@pro.example", "tom@pro.example"
ANA, OTHER_REGISTRAR = "ana@pro.example", "registrar@other-board.example"
REFUSAL = "__typename ... on UserError { code field message }"
CHANGE = f"{REFUSAL} ... on LabelTrackChange {{ professionalId status }}"
TRACK_FIELDS = """professionalId candidateName candidateEmail bodyName cycle schemeVersion enrolledOn status
    training { attendedOn provider evidence hours } examAttempts lastScore examPassed evaluatorName evaluatedOn
    evaluatedMission evaluationPassed grantedOn expiresOn suspendedOn revokedOn
    ratings { category key rating comment } history { what on detail }
    viewerCan { recordStep grant suspend reinstate revoke }"""
TRACKS = f"""{{ t: labelTracks {{ __typename ... on LabelTrackConnection {{ edges {{ node {{ {TRACK_FIELDS} }} }} }}
    ... on UserError {{ code message }} }} }}"""
TRACK = f"""query($id: ID!) {{ t: labelTrack(professionalId: $id) {{ {REFUSAL} ... on LabelTrack {{ {TRACK_FIELDS} }} }} }}"""
MINE = f"""{{ t: myLabelTracks {{ __typename ... on OwnLabelTracks {{ tracks {{ {TRACK_FIELDS} }} }}
    ... on UserError {{ code message }} }} }}"""
ASKED = """{ t: labelEvaluationsAsked { __typename ... on LabelEvaluationsAsked { evaluations { trackId candidateName
    bodyName schemeVersion requirements { category key text } evaluatedOn evaluatedMission } }
    ... on UserError { code message } } }"""
SCHEME = """{ s: labelScheme { __typename ... on LabelScheme { current { version passMark requirements { key } }
    versions { version } } ... on UserError { code message } } }"""


def mutation(name: str, input_type: str, payload: str = CHANGE) -> str:
    return f"mutation($input: {input_type}!) {{ r: {name}(input: $input) {{ {payload} }} }}"


ENROL = mutation("enrolLabelCandidate", "EnrolCandidateInput")
TRAINING = mutation("recordLabelTraining", "LabelTrainingInput")
EXAM = mutation("recordExamAttempt", "ExamAttemptInput")
NAME = mutation("nameLabelEvaluator", "NameLabelEvaluatorInput")
GRANT = mutation("grantLabel", "GrantLabelInput")
SUSPEND = mutation("suspendLabel", "SuspendLabelInput")
REINSTATE = mutation("reinstateLabel", "ReinstateLabelInput")
REVOKE = mutation("revokeLabel", "RevokeLabelInput")
EVALUATE = mutation("submitFirstMissionEvaluation", "SubmitFirstMissionEvaluationInput")
PUBLISH = mutation(
    "publishLabelScheme", "PublishLabelSchemeInput", f"{REFUSAL} ... on LabelSchemePublished {{ version }}"
)


def answer(client: GraphQLClient, document: str, variables: dict[str, Any]) -> dict[str, Any]:
    body = client.execute(document, {"input": variables})
    assert not body.get("errors"), body
    found: dict[str, Any] = body["data"]["r"]
    return found


def refused(client: GraphQLClient, document: str, variables: dict[str, Any]) -> tuple[str, str | None]:
    """The code and field of a refusal, as an error of coercion or as a typed payload."""
    body = client.execute(document, {"input": variables})
    if body.get("errors"):
        extensions = body["errors"][0]["extensions"]
        return extensions["code"], extensions.get("field")
    found = body["data"]["r"]
    return found.get("code"), found.get("field")


def tracks(client: GraphQLClient) -> dict[str, dict[str, Any]]:
    found = client.data(TRACKS)["t"]
    assert found["__typename"] == "LabelTrackConnection", found
    return {edge["node"]["candidateEmail"]: edge["node"] for edge in found["edges"]}


def mine(client: GraphQLClient) -> list[dict[str, Any]]:
    found = client.data(MINE)["t"]
    assert found["__typename"] == "OwnLabelTracks", found
    return list(found["tracks"])


def asked(client: GraphQLClient) -> list[dict[str, Any]]:
    found = client.data(ASKED)["t"]
    assert found["__typename"] == "LabelEvaluationsAsked", found
    return list(found["evaluations"])


def every_rating(evaluation: dict[str, Any], **rated: str) -> list[dict[str, str]]:
    return [
        {"key": r["key"], "rating": rated.get(r["key"], "meets"), "comment": "Seen at the member's workshop."}
        for r in evaluation["requirements"]
    ]


def other_body(services: Services) -> None:
    services.execute(CreateLabellingBody(SYSTEM_ACTOR, "Other Label Board", "other-board"))
    open_account(services, labelling_body_id("other-board"), OTHER_REGISTRAR, "Olga Registrar", Role.LABELLING_BODY)


def test_the_demo_shows_sophie_labelled_and_tom_under_way_with_sophie_asked_to_evaluate(
    client_for: Callable[[str], GraphQLClient],
) -> None:
    registrar = client_for(REGISTRAR)
    scheme = registrar.data(SCHEME)["s"]
    assert scheme["current"]["version"] == 1 and scheme["current"]["passMark"] == 70
    assert len(scheme["current"]["requirements"]) == 8
    shown = tracks(registrar)
    sophie, tom = shown[SOPHIE], shown[TOM]
    assert (sophie["candidateName"], sophie["status"], sophie["grantedOn"], sophie["expiresOn"]) == (
        "Sophie Martin",
        "VALID",
        "2026-01-12",
        "2029-01-12",
    )
    assert sophie["viewerCan"] == {
        "recordStep": False,
        "grant": False,
        "suspend": True,
        "reinstate": False,
        "revoke": True,
    }
    assert (tom["status"], tom["examPassed"], tom["evaluatorName"], tom["evaluatedOn"]) == (
        "CANDIDATE",
        True,
        "Sophie Martin",
        None,
    )
    assert [entry["what"] for entry in tom["history"]] == ["enrolled", "training", "exam", "evaluator_named"]
    own = mine(client_for(SOPHIE))
    assert [(t["bodyName"], t["status"], t["expiresOn"]) for t in own] == [("ISMS Label Board", "VALID", "2029-01-12")]
    assert len(own[0]["ratings"]) == 8
    evaluations = asked(client_for(SOPHIE))
    assert [(e["candidateName"], e["bodyName"], e["schemeVersion"]) for e in evaluations] == [
        ("Tom Keller", "ISMS Label Board", 1)
    ]
    assert len(evaluations[0]["requirements"]) == 8
    tom_own = mine(client_for(TOM))
    assert [(t["candidateName"], t["status"], t["evaluatorName"]) for t in tom_own] == [
        ("Tom Keller", "CANDIDATE", "Sophie Martin")
    ]
    assert asked(client_for(TOM)) == []  # nobody asks Tom to evaluate


def test_the_evaluator_named_submits_and_the_registrar_grants(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    sophie, registrar, tom = client_for(SOPHIE), client_for(REGISTRAR), client_for(TOM)
    evaluation = asked(sophie)[0]
    tom_id = str(account_id(TOM))
    ratings = every_rating(evaluation, **{"risk-treatment": "partially"})
    given = {
        "trackId": evaluation["trackId"],
        "mission": "Alpine cluster 2026, Garage Weber",
        "evaluatedOn": "2026-02-27",
    }
    assert refused(tom, EVALUATE, {**given, "ratings": ratings}) == ("NOT_FOUND", "trackId")  # not asked of Tom
    assert answer(sophie, EVALUATE, {**given, "ratings": ratings})["status"] == "CANDIDATE"
    track = registrar.data(TRACK, {"id": tom_id})["t"]
    assert (track["evaluatedMission"], track["evaluationPassed"], track["viewerCan"]["grant"]) == (
        "Alpine cluster 2026, Garage Weber",
        True,
        True,
    )
    assert {r["key"]: r["rating"] for r in track["ratings"]}["risk-treatment"] == "partially"
    assert answer(registrar, GRANT, {"professionalId": tom_id, "grantedOn": "2026-03-02"})["status"] == "VALID"
    assert asked(sophie) == []  # granted: nothing is asked of her any more
    assert [(t["status"], t["expiresOn"]) for t in mine(tom)] == [("VALID", "2029-03-02")]


def test_a_registrar_takes_a_candidate_from_enrolment_to_revocation(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    registrar = client_for(REGISTRAR)
    ana = str(account_id(ANA))
    enrolled = answer(registrar, ENROL, {"email": ANA, "displayName": "Ana Costa", "enrolledOn": "2026-01-05"})
    assert enrolled == {"__typename": "LabelTrackChange", "professionalId": ana, "status": "CANDIDATE"}
    training = {"attendedOn": "2026-01-20", "provider": "Cordee Academy", "evidence": "CA-2026-010", "hours": 21}
    answer(registrar, TRAINING, {"professionalId": ana, **training})
    answer(registrar, EXAM, {"professionalId": ana, "satOn": "2026-02-02", "score": 55})
    answer(registrar, EXAM, {"professionalId": ana, "satOn": "2026-02-16", "score": 74})
    assert refused(registrar, GRANT, {"professionalId": ana, "grantedOn": "2026-03-02"}) == ("VALIDATION", "evaluation")
    assert answer(registrar, NAME, {"professionalId": ana, "evaluatorEmail": SOPHIE})["status"] == "CANDIDATE"
    sophie = client_for(SOPHIE)
    evaluation = next(e for e in asked(sophie) if e["candidateName"] == "Ana Costa")
    given = {"trackId": evaluation["trackId"], "mission": "Harbour cluster 2026", "evaluatedOn": "2026-02-25"}
    answer(sophie, EVALUATE, {**given, "ratings": every_rating(evaluation, awareness="not_met")})
    assert refused(registrar, GRANT, {"professionalId": ana, "grantedOn": "2026-03-02"}) == ("VALIDATION", "evaluation")
    answer(sophie, EVALUATE, {**given, "ratings": every_rating(evaluation)})  # a later evaluation replaces it
    assert answer(registrar, GRANT, {"professionalId": ana, "grantedOn": "2026-02-26"})["status"] == "VALID"
    on = {"professionalId": ana}
    assert (
        answer(registrar, SUSPEND, {**on, "suspendedOn": "2026-02-27", "reason": "Complaint"})["status"] == "SUSPENDED"
    )
    assert answer(registrar, REINSTATE, {**on, "reinstatedOn": "2026-03-01", "reason": "Cleared"})["status"] == "VALID"
    assert answer(registrar, REVOKE, {**on, "revokedOn": "2026-03-02", "reason": "Fraud proven"})["status"] == "REVOKED"
    track = registrar.data(TRACK, {"id": ana})["t"]
    assert [(h["what"], h["detail"]) for h in track["history"]][-3:] == [
        ("suspended", "Complaint"),
        ("reinstated", "Cleared"),
        ("revoked", "Fraud proven"),
    ]
    assert track["examAttempts"] == 2 and track["viewerCan"]["revoke"] is False
    assert refused(registrar, SUSPEND, {**on, "suspendedOn": "2026-03-02", "reason": "x"}) == (
        "VALIDATION",
        "professionalId",
    )


def test_a_new_version_of_the_scheme_leaves_tracks_under_way_on_theirs(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    registrar = client_for(REGISTRAR)
    current = registrar.data(SCHEME)["s"]["current"]
    requirements = [
        {"category": category, "key": f"{category}-1", "text": "Leads it with the member."}
        for category in ("gap_analysis", "risk_management", "management_system", "security_policies")
    ]
    scheme = {
        "trainingTitle": "Coaching an ISMS cluster",
        "trainingMinimumHours": 24,
        "passMark": 75,
        "maximumAttempts": 2,
        "requirements": requirements,
        "validityMonths": 36,
        "renewalMissions": 2,
        "renewalDays": 8,
    }
    assert answer(registrar, PUBLISH, {"scheme": scheme}) == {"__typename": "LabelSchemePublished", "version": 2}
    assert refused(registrar, PUBLISH, {"scheme": scheme}) == ("VALIDATION", "scheme")
    found = registrar.data(SCHEME)["s"]
    assert [v["version"] for v in found["versions"]] == [2, 1] and current["version"] == 1
    assert tracks(registrar)[TOM]["schemeVersion"] == 1
    assert len(asked(client_for(SOPHIE))[0]["requirements"]) == 8  # Tom's version's, not the new one's


BAD_INPUTS = [
    (ENROL, {"email": "not an address", "displayName": "Ana", "enrolledOn": "2026-01-05"}, "VALIDATION", "email"),
    (ENROL, {"email": ANA, "displayName": "A\u0007", "enrolledOn": "2026-01-05"}, "VALIDATION", "displayName"),
    (ENROL, {"email": ANA, "displayName": "Ana", "enrolledOn": "2027-01-05"}, "VALIDATION", "enrolledOn"),
    (ENROL, {"email": ANA, "displayName": "Ana", "enrolledOn": "5 January"}, "VALIDATION", "input.enrolledOn"),
    (ENROL, {"email": TOM, "displayName": "Tom Keller", "enrolledOn": "2026-02-20"}, "CONFLICT", "email"),
    (
        TRAINING,
        {"professionalId": "nope", "attendedOn": "2026-01-20", "provider": "A", "evidence": "B", "hours": 21},
        "VALIDATION",
        "professionalId",
    ),
    (
        TRAINING,
        {"professionalId": "{tom}", "attendedOn": "2026-01-20", "provider": "A", "evidence": "B", "hours": 21},
        "VALIDATION",
        "attendedOn",
    ),
    (EXAM, {"professionalId": "{tom}", "satOn": "2026-02-20", "score": 90}, "VALIDATION", "score"),
    (EXAM, {"professionalId": "{tom}", "satOn": "2026-02-20", "score": "ninety"}, "VALIDATION", "input.score"),
    (NAME, {"professionalId": "{tom}", "evaluatorEmail": TOM}, "FORBIDDEN", "evaluatorEmail"),
    (NAME, {"professionalId": "{tom}", "evaluatorEmail": SOPHIE}, "CONFLICT", "evaluatorEmail"),
    (NAME, {"professionalId": "{tom}", "evaluatorEmail": "nobody@pro.example"}, "VALIDATION", "evaluatorEmail"),
    (NAME, {"professionalId": "{tom}", "evaluatorEmail": "x"}, "VALIDATION", "evaluatorEmail"),
    (GRANT, {"professionalId": "{tom}", "grantedOn": "2026-03-02"}, "VALIDATION", "evaluation"),
    (GRANT, {"professionalId": "{random}", "grantedOn": "2026-03-02"}, "NOT_FOUND", "professionalId"),
    (SUSPEND, {"professionalId": "{sophie}", "suspendedOn": "2026-03-02", "reason": ""}, "VALIDATION", "reason"),
    (
        SUSPEND,
        {"professionalId": "{sophie}", "suspendedOn": "2026-03-02", "reason": "a" * 1001},
        "VALIDATION",
        "reason",
    ),
    (
        SUSPEND,
        {"professionalId": "{tom}", "suspendedOn": "2026-03-02", "reason": "Complaint"},
        "VALIDATION",
        "suspendedOn",
    ),
    (
        REINSTATE,
        {"professionalId": "{sophie}", "reinstatedOn": "2026-03-02", "reason": "Cleared"},
        "VALIDATION",
        "reinstatedOn",
    ),
    (REVOKE, {"professionalId": "{tom}", "revokedOn": "2026-03-02", "reason": "Fraud"}, "VALIDATION", "revokedOn"),
    (REVOKE, {"professionalId": "{sophie}", "revokedOn": "2025-01-01", "reason": "Fraud"}, "VALIDATION", "revokedOn"),
]


@pytest.mark.parametrize(
    ("document", "variables", "code", "field"), BAD_INPUTS, ids=[f"{n}-{case[3]}" for n, case in enumerate(BAD_INPUTS)]
)
def test_bad_input_names_its_field_and_writes_nothing(
    demo_services: Services,
    client_for: Callable[[str], GraphQLClient],
    document: str,
    variables: dict[str, Any],
    code: str,
    field: str,
) -> None:
    ids = {"{tom}": str(account_id(TOM)), "{sophie}": str(account_id(SOPHIE)), "{random}": str(uuid.uuid4())}
    given = {key: ids.get(value, value) if isinstance(value, str) else value for key, value in variables.items()}
    before = events_in_log(demo_services)
    assert refused(client_for(REGISTRAR), document, given) == (code, field)
    assert events_in_log(demo_services) == before


def test_bad_ratings_name_their_field_and_write_nothing(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    sophie = client_for(SOPHIE)
    evaluation = asked(sophie)[0]
    given = {"trackId": evaluation["trackId"], "mission": "Alpine cluster 2026", "evaluatedOn": "2026-02-27"}
    good = every_rating(evaluation)
    before = events_in_log(demo_services)
    cases = [
        ({**given, "ratings": good[1:]}, "ratings"),
        ({**given, "ratings": [*good, good[0]]}, "ratings.key"),
        ({**given, "ratings": [{**good[0], "key": "made-up"}, *good[1:]]}, "ratings.key"),
        ({**given, "ratings": [{**good[0], "rating": "excellent"}, *good[1:]]}, "ratings.rating"),
        ({**given, "ratings": [{**good[0], "comment": "\u0000"}, *good[1:]]}, "ratings.comment"),
        ({**given, "mission": "", "ratings": good}, "mission"),
        ({**given, "evaluatedOn": "2027-02-01", "ratings": good}, "evaluatedOn"),
        ({**given, "trackId": "nope", "ratings": good}, "trackId"),
    ]
    for variables, field in cases:
        assert refused(sophie, EVALUATE, variables)[1] == field, variables
    assert events_in_log(demo_services) == before


def test_nobody_reads_or_acts_on_a_track_that_is_not_theirs(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    other_body(demo_services)
    open_account(demo_services, PROFESSIONALS, ANA, "Ana Costa", Role.PROFESSIONAL)
    tom_id, random_id = str(account_id(TOM)), str(uuid.uuid4())
    other = client_for(OTHER_REGISTRAR)
    assert tracks(other) == {} and other.data(SCHEME)["s"]["current"] is None  # another body reads none of ours
    random_answer = other.data(TRACK, {"id": random_id})["t"]
    found = other.data(TRACK, {"id": tom_id})["t"]
    assert found["code"] == random_answer["code"] == "NOT_FOUND" and found["field"] == random_answer["field"]
    before = events_in_log(demo_services)
    for document, variables in (
        (GRANT, {"grantedOn": "2026-03-02"}),
        (EXAM, {"satOn": "2026-03-01", "score": 90}),
        (SUSPEND, {"suspendedOn": "2026-03-02", "reason": "x"}),
    ):
        ours = refused(other, document, {"professionalId": tom_id, **variables})
        assert (
            ours
            == refused(other, document, {"professionalId": random_id, **variables})
            == (
                "NOT_FOUND",
                "professionalId",
            )
        )
    assert events_in_log(demo_services) == before
    for email in (ALPINE_ADMIN, ALPINE_COACH, "member@muller.example"):  # a consultancy's accounts
        client = client_for(email)
        for document in (TRACKS, MINE, ASKED, SCHEME):
            body = client.execute(document)
            typename = (body.get("data") or {}).get("t", (body.get("data") or {}).get("s")) or {}
            assert typename.get("__typename") == "ForbiddenError", (email, body)
        assert refused(client, GRANT, {"professionalId": tom_id, "grantedOn": "2026-03-02"})[0] == "FORBIDDEN"
        assert (
            refused(
                client, EVALUATE, {"trackId": random_id, "mission": "m", "evaluatedOn": "2026-03-01", "ratings": []}
            )[0]
            == "FORBIDDEN"
        )
    ana = client_for(ANA)  # another professional: nothing of Sophie's or Tom's
    assert mine(ana) == [] and asked(ana) == []
    sophie_asked = asked(client_for(SOPHIE))[0]["trackId"]
    given = {"mission": "m", "evaluatedOn": "2026-03-01", "ratings": []}
    assert (
        refused(ana, EVALUATE, {"trackId": sophie_asked, **given})
        == refused(ana, EVALUATE, {"trackId": random_id, **given})
        == ("NOT_FOUND", "trackId")
    )
    for client in (ana, client_for(SOPHIE)):  # a professional reads no body's tracks, and acts on none
        assert client.execute(TRACKS)["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert refused(client, GRANT, {"professionalId": tom_id, "grantedOn": "2026-03-02"})[0] == "FORBIDDEN"
    assert (
        refused(other, EVALUATE, {"trackId": sophie_asked, **given})[0] == "FORBIDDEN"
    )  # a body's staff evaluate nothing
    assert events_in_log(demo_services) == before


RENEW = mutation("renewLabel", "RenewLabelInput")
RENEWAL = """query($id: ID!) { t: labelTrack(professionalId: $id) { ... on LabelTrack { expiresOn viewerCan { renew }
    renewal { periodStartedOn missions { endedOn coachingDays } missionsCounted daysCounted missionsNeeded daysNeeded
    conditionsMet } history { what detail } } } }"""


def attest(services: Services, ended_on: date, coaching_days: float) -> None:
    """Alpine attests a mission Sophie coached for one member of its cluster (the consultancy's own fact)."""
    alpine = consultancy_id("alpine")
    facts = MissionFacts(
        consultancy="Alpine Security Coaching",
        cluster="Alpine cluster 2026",
        sector="Bakery",
        size_band="small",
        started_on=date(2026, 3, 2),
        ended_on=ended_on,
        coaching_days=coaching_days,
        training_days=2.0,
        outcome="isms_established",
    )
    admin, sophie = account_id(ALPINE_ADMIN), account_id(SOPHIE)
    services.execute(AttestMission(alpine, admin, sophie, uuid.uuid4(), uuid.uuid4(), facts))


def test_the_registrar_sees_the_missions_a_renewal_counts_and_renews_on_them(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    registrar, sophie = client_for(REGISTRAR), str(account_id(SOPHIE))
    attest(demo_services, date(2026, 9, 30), 5.0)
    renewal = registrar.data(RENEWAL, {"id": sophie})["t"]
    assert renewal["viewerCan"]["renew"] is True
    assert renewal["renewal"] == {
        "periodStartedOn": "2026-01-12",
        "missions": [{"endedOn": "2026-09-30", "coachingDays": 5.0}],
        "missionsCounted": 1,
        "daysCounted": 5.0,
        "missionsNeeded": 2,
        "daysNeeded": 8,
        "conditionsMet": False,
    }
    page = registrar.http.get(f"/labelling-body/candidates/{sophie}").text
    assert "Ended on 2026-09-30, 5 days of coaching" in page and "Not enough yet." in page
    before = events_in_log(demo_services)
    assert refused(registrar, RENEW, {"professionalId": sophie, "renewedOn": "2027-01-04"}) == (
        "VALIDATION",
        "missions",
    )
    assert events_in_log(demo_services) == before
    attest(demo_services, date(2026, 12, 11), 4.0)
    assert registrar.data(RENEWAL, {"id": sophie})["t"]["renewal"]["conditionsMet"] is True
    renewed = answer(registrar, RENEW, {"professionalId": sophie, "renewedOn": "2027-01-04"})
    assert renewed["status"] == "VALID"
    after = registrar.data(RENEWAL, {"id": sophie})["t"]
    assert after["expiresOn"] == "2032-01-12"
    assert after["history"][-1] == {
        "what": "renewed",
        "detail": "2 missions, 9 days of coaching; valid until 2032-01-12.",
    }
    assert after["renewal"]["missionsCounted"] == 0  # those two counted: the next period starts from the renewal
    assert refused(registrar, RENEW, {"professionalId": sophie, "renewedOn": "2027-01-04"})[1] == "renewedOn"
    assert refused(client_for(SOPHIE), RENEW, {"professionalId": sophie, "renewedOn": "2027-01-04"})[0] == "FORBIDDEN"
    assert refused(client_for(ALPINE_ADMIN), RENEW, {"professionalId": sophie, "renewedOn": "2027-01-04"})[0] == (
        "FORBIDDEN"
    )


def test_the_track_pages_are_their_readers_alone(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    other_body(demo_services)
    tom = f"/labelling-body/candidates/{account_id(TOM)}"
    registrar = client_for(REGISTRAR)
    assert "Tom Keller" in registrar.http.get("/labelling-body/candidates").text
    assert "Asked of Sophie Martin" in registrar.http.get(tom).text
    assert registrar.http.get(f"/labelling-body/candidates/{uuid.uuid4()}").status_code == 404
    assert registrar.http.get("/professional/label").status_code in (403, 404)
    other = client_for(OTHER_REGISTRAR)
    assert "Tom Keller" not in other.http.get("/labelling-body/candidates").text
    assert other.http.get(tom).status_code == 404  # another body's candidate: as a random one
    for email in (ALPINE_ADMIN, ALPINE_COACH, "member@muller.example", SOPHIE, TOM):
        client = client_for(email)
        for path in ("/labelling-body/candidates", tom):
            assert client.http.get(path).status_code in (403, 404), (email, path)
    assert "Tom Keller's first mission" in client_for(SOPHIE).http.get("/professional/label").text
    tom_page = client_for(TOM).http.get("/professional/label").text
    assert "Asked of Sophie Martin" in tom_page and "No evaluation is asked of you." in tom_page
    assert (
        "Sophie" not in client_for(TOM).http.get("/professional").text.split("label-summary")[1].split("</section>")[0]
    )


def test_a_coach_named_after_another_s_evaluation_is_not_told_it_is_theirs(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    registrar, sophie = client_for(REGISTRAR), client_for(SOPHIE)
    evaluation = asked(sophie)[0]
    given = {"trackId": evaluation["trackId"], "mission": "Alpine cluster 2026", "evaluatedOn": "2026-12-18"}
    answer(sophie, EVALUATE, {**given, "ratings": every_rating(evaluation)})
    assert asked(sophie)[0]["evaluatedMission"] == "Alpine cluster 2026"
    open_account(demo_services, PROFESSIONALS, "marc@pro.example", "Marc Weber", Role.PROFESSIONAL)
    harbour = client_for("admin@harbour.example")
    link = harbour.data(
        """mutation($c: ID!) { r: requestProfessionalLink(input: {coachId: $c, email: "marc@pro.example"}) {
        ... on ProfessionalLinkChange { linkId } } }""",
        {"c": str(account_id("coach@harbour.example"))},
    )["r"]["linkId"]
    marc = client_for("marc@pro.example")
    marc.data("mutation($id: ID!) { consentToProfessionalLink(input: {linkId: $id}) { __typename } }", {"id": link})
    tom = str(account_id(TOM))
    assert answer(registrar, NAME, {"professionalId": tom, "evaluatorEmail": "marc@pro.example"})["status"] == (
        "CANDIDATE"
    )
    assert asked(sophie) == []  # no longer asked of her
    [for_marc] = asked(marc)
    assert (for_marc["candidateName"], for_marc["evaluatedOn"], for_marc["evaluatedMission"]) == (
        "Tom Keller",
        None,
        None,
    )
    assert registrar.data(TRACK, {"id": tom})["t"]["evaluatorName"] == "Marc Weber"
