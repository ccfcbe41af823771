"""Isolation inside one consultancy: another coach, another member of the same cluster, each outsider of the
other consultancy, asking for or acting on ids out of their view.

Every ID-typed field of every mutation, found by walking the schema, is tried by each outsider with an id of the
Alpine demo cluster and with a random UUID: the two answers must be the same (no existence oracle), and nothing
may be written.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from backend.auth.passwords import hash_password
from backend.demo import DEMO_PASSWORD
from backend.services import Services
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.account import Role
from domain.tenancy.commands import OpenAccount
from domain.tenancy.consultancy import consultancy_id
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, HARBOUR_COACH, events_in_log
from tests.api.programme_support import CRITERIA, cluster_view, demo_cluster, mutate
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]

ALPINE_MEMBER = "member@muller.example"
HARBOUR_MEMBER = "member@quayside.example"
SECOND_COACH = "second@alpine.example"
SECOND_MEMBER = "member@kirchberg.example"

ORGANISATION = """query($id: ID!) { organisation(id: $id) { __typename
    ... on Organisation { name country region place } ... on UserError { code field message } } }"""
CLUSTER = """query($id: ID!) { cluster(id: $id) { __typename
    ... on Cluster { name } ... on UserError { code field message } } }"""
REGISTER = """mutation($input: RegisterOrganisationInput!) { r: registerOrganisation(input: $input) {
    ... on OrganisationChange { organisation { id } } } }"""
SKELETONS = '{ libraryItems(kind: "document_skeleton") { edges { node { id } } } }'
NOTHING = {"libraryItemId": str(uuid.uuid4()), "catalogue": "no-such-catalogue", "control": "0.0"}
"""The ids of the consultancy's own reference data, in an outsider's own probes: none names anything, so that a
probe never writes (the library and the catalogues are each consultancy's; foreign ones are probed below)."""
FORM = (
    "mutation($input: FormClusterInput!) { r: formCluster(input: $input) { ... on ClusterChange { cluster { id } } } }"
)


@dataclass
class Alpine:
    """The ids of the Alpine demo cluster that outsiders probe, and what the fixture adds around it."""

    cluster_id: str
    muller: str
    kirchberg: str
    claire: str
    hidden_item: str
    """Feedback Boulangerie Muller shared and the coach hid: out of view for every other member."""
    second_cluster_id: str
    second_members: dict[str, str]
    candidate: str
    """Registered, in no cluster: a candidate awaiting one."""
    library_item: str
    """A skeleton of the consultancy's library: every one of the consultancy reads it, no other consultancy."""


def open_account(services: Services, email: str, name: str, role: Role, organisation: str | None = None) -> None:
    organisation_id = uuid.UUID(organisation) if organisation else None
    account = OpenAccount(
        consultancy_id("alpine"),
        SYSTEM_ACTOR,
        email,
        name,
        hash_password(DEMO_PASSWORD),
        (role,),
        organisation_id,
    )
    services.execute(account)


def register(admin: GraphQLClient, name: str) -> str:
    organisation: str = admin.data(REGISTER, {"input": {"name": name, "sector": "Retail", "employeeCount": 12}})["r"][
        "organisation"
    ]["id"]
    return organisation


@pytest.fixture
def alpine(client_for: ClientFor, demo_services: Services) -> Alpine:
    """The demo, plus a second coach leading a forming cluster of their own, a second member account (for Kirchberg
    Dental, of the demo cluster), an organisation awaiting a cluster, and a hidden item of Muller's feedback."""
    admin = client_for(ALPINE_ADMIN)
    demo = demo_cluster(admin)
    muller, kirchberg = demo["member_ids"]["Boulangerie Muller"], demo["member_ids"]["Kirchberg Dental"]
    open_account(demo_services, SECOND_COACH, "Sam Second", Role.COACH)
    open_account(demo_services, SECOND_MEMBER, "Dr Lena Weber", Role.MEMBER, kirchberg)
    coaches = {c["displayName"]: c["id"] for c in admin.data("{ coaches { id displayName } }")["coaches"]}
    second = admin.data(FORM, {"input": {"name": "Second cluster", "coachId": coaches["Sam Second"]}})["r"]
    second_members = {name: register(admin, name) for name in ("Atelier Nord", "Atelier Sud")}
    for organisation_id in second_members.values():
        admitted = mutate(
            admin,
            "admitOrganisation",
            "AdmitOrganisationInput",
            {"clusterId": second["cluster"]["id"], "organisationId": organisation_id, "criteria": CRITERIA},
        )
        assert admitted["__typename"] == "ClusterChange", admitted
    shared = mutate(
        client_for(ALPINE_MEMBER),
        "shareFeedback",
        "ShareFeedbackInput",
        {"clusterId": demo["id"], "sessionKey": "module:1", "kind": "hard", "text": "Our auditor said so"},
        "feedback { id text mine }",
    )
    [hidden] = [i["id"] for i in shared["cluster"]["feedback"] if i["text"] == "Our auditor said so"]
    hid = mutate(
        client_for(ALPINE_COACH),
        "hideFeedback",
        "HideFeedbackInput",
        {"clusterId": demo["id"], "itemId": hidden, "reason": "Names the auditor"},
    )
    assert hid["__typename"] == "ClusterChange", hid
    return Alpine(
        cluster_id=demo["id"],
        muller=muller,
        kirchberg=kirchberg,
        claire=coaches["Claire Coach"],
        hidden_item=hidden,
        second_cluster_id=second["cluster"]["id"],
        second_members=second_members,
        candidate=register(admin, "Candidate Ltd"),
        library_item=admin.data(SKELETONS)["libraryItems"]["edges"][0]["node"]["id"],
    )


# The schema, walked: every mutation field and the paths of the ID-typed fields of its input

TYPE_REF = "kind name ofType { kind name ofType { kind name ofType { kind name } } }"
INTROSPECTION = f"""{{ __schema {{
    mutationType {{ fields {{ name args {{ name type {{ {TYPE_REF} }} }} }} }}
    types {{ name kind inputFields {{ name type {{ {TYPE_REF} }} }} }} }} }}"""

SAMPLE_TEXT = {"kind": "worked", "halfDay": "morning", "sessionKey": "module:6", "role": "MEMBER"}
SAMPLE_SCALARS: dict[str, Any] = {"String": "Probe", "Date": "2026-05-04", "Int": 1, "Float": 1.0, "Boolean": False}


@dataclass(frozen=True)
class MutationShape:
    name: str
    argument: str
    input_type: str
    id_paths: tuple[str, ...]


class SchemaWalk:
    def __init__(self, client: GraphQLClient) -> None:
        schema = client.data(INTROSPECTION)["__schema"]
        self.inputs = {t["name"]: t["inputFields"] for t in schema["types"] if t["kind"] == "INPUT_OBJECT"}
        self.mutations = schema["mutationType"]["fields"]

    def shapes(self) -> Iterator[MutationShape]:
        """Mutations whose one argument is an input object naming at least one id."""
        for mutation in self.mutations:
            for argument in mutation["args"]:
                input_type = _named(argument["type"])
                if input_type not in self.inputs:
                    continue
                paths = tuple(self._id_paths(input_type, ""))
                if paths:
                    yield MutationShape(mutation["name"], argument["name"], input_type, paths)

    def _id_paths(self, input_type: str, prefix: str) -> Iterator[str]:
        for given in self.inputs[input_type]:
            name, path = _named(given["type"]), f"{prefix}{given['name']}"
            if name == "ID":
                yield path
            elif name in self.inputs:
                yield from self._id_paths(name, f"{path}.")

    def value(self, input_type: str, ids: dict[str, str], prefix: str = "") -> dict[str, Any]:
        """A value of the input: every required field and every id, the ids taken from `ids` by path."""
        built: dict[str, Any] = {}
        for given in self.inputs[input_type]:
            path, ref = f"{prefix}{given['name']}", given["type"]
            name = _named(ref)
            if name == "ID":
                built[given["name"]] = ids[path]
            elif name in self.inputs and (ref["kind"] == "NON_NULL" or self._names_an_id(name)):
                one = self.value(name, ids, f"{path}.")
                built[given["name"]] = [one] if _is_list(ref) else one
            elif ref["kind"] == "NON_NULL":
                sample = SAMPLE_TEXT.get(given["name"], SAMPLE_SCALARS.get(name, "Probe"))
                built[given["name"]] = [sample] if _is_list(ref) else sample
        return built

    def _names_an_id(self, input_type: str) -> bool:
        return any(True for _ in self._id_paths(input_type, ""))


def _named(ref: dict[str, Any]) -> str:
    while ref.get("ofType"):
        ref = ref["ofType"]
    name: str = ref["name"]
    return name


def _is_list(ref: dict[str, Any]) -> bool:
    while ref is not None:
        if ref["kind"] == "LIST":
            return True
        ref = ref.get("ofType")  # type: ignore[assignment]
    return False


def answer(client: GraphQLClient, walk: SchemaWalk, shape: MutationShape, ids: dict[str, str]) -> dict[str, Any]:
    """The whole response body: type, code, field and message of a refusal, or what was done."""
    document = (
        f"mutation($input: {shape.input_type}!) {{ r: {shape.name}({shape.argument}: $input) {{ __typename "
        "... on UserError { code field message } } }"
    )
    return client.execute(document, {"input": walk.value(shape.input_type, ids)})


# Outsiders: who they are, the ids of their own view, and which Alpine ids are outside it


@dataclass(frozen=True)
class Outsider:
    email: str
    home: Callable[[ClientFor, Alpine], dict[str, str]]
    foreign: Callable[[Alpine], dict[str, str]]
    """By the id's key (the last part of its path): the Alpine id this outsider cannot see."""


def _random() -> str:
    return str(uuid.uuid4())


def _harbour_home(email: str) -> Callable[[ClientFor, Alpine], dict[str, str]]:
    def home(client_for: ClientFor, alpine: Alpine) -> dict[str, str]:
        cluster = demo_cluster(client_for(HARBOUR_ADMIN))
        coach = client_for(HARBOUR_ADMIN).data("{ coaches { id } }")["coaches"][0]["id"]
        quayside = cluster["member_ids"]["Quayside Software"]
        ids = {"clusterId": cluster["id"], "organisationId": quayside, "coachId": coach, "itemId": _random()}
        return ids | {"accountId": coach} | NOTHING

    return home


def _everything_of_alpine(alpine: Alpine) -> dict[str, str]:
    return {
        "clusterId": alpine.cluster_id,
        "organisationId": alpine.muller,
        "coachId": alpine.claire,
        "itemId": alpine.hidden_item,
        "accountId": alpine.claire,
    }


def _second_coach_home(client_for: ClientFor, alpine: Alpine) -> dict[str, str]:
    sam = client_for(SECOND_COACH).data("{ viewer { id } }")["viewer"]["id"]
    return {
        "clusterId": alpine.second_cluster_id,
        "organisationId": alpine.second_members["Atelier Nord"],
        "coachId": sam,
        "itemId": _random(),
        "accountId": sam,
    } | NOTHING


def _second_member_home(client_for: ClientFor, alpine: Alpine) -> dict[str, str]:
    return {
        "clusterId": alpine.cluster_id,
        "organisationId": alpine.kirchberg,
        "coachId": alpine.claire,
        "itemId": _random(),
        "accountId": _random(),
    } | NOTHING


def _everything_of_alpine_and_its_library(alpine: Alpine) -> dict[str, str]:
    return _everything_of_alpine(alpine) | {"libraryItemId": alpine.library_item}


OUTSIDERS = {
    "admin of another consultancy": Outsider(
        HARBOUR_ADMIN, _harbour_home(HARBOUR_ADMIN), _everything_of_alpine_and_its_library
    ),
    "coach of another consultancy": Outsider(
        HARBOUR_COACH, _harbour_home(HARBOUR_COACH), _everything_of_alpine_and_its_library
    ),
    "member of another consultancy": Outsider(
        HARBOUR_MEMBER, _harbour_home(HARBOUR_MEMBER), _everything_of_alpine_and_its_library
    ),
    "another coach of the consultancy": Outsider(SECOND_COACH, _second_coach_home, _everything_of_alpine),
    "another member of the cluster": Outsider(
        SECOND_MEMBER,
        _second_member_home,
        lambda alpine: {"organisationId": alpine.muller, "itemId": alpine.hidden_item},
    ),
}


@pytest.mark.parametrize("who", OUTSIDERS)
def test_every_id_field_answers_a_foreign_id_as_it_answers_a_random_one(
    client_for: ClientFor, demo_services: Services, alpine: Alpine, who: str
) -> None:
    outsider = OUTSIDERS[who]
    client = client_for(outsider.email)
    walk = SchemaWalk(client)
    shapes = list(walk.shapes())
    probed = {f"{s.name}.{p}" for s in shapes for p in s.id_paths}
    assert {
        "admitOrganisation.organisationId",
        "holdSession.attendance.organisationId",
        "hideFeedback.itemId",
        "deactivateAccount.accountId",
        "changeClusterDetails.coachId",
        "inviteAccount.organisationId",
        "copyDocumentSkeleton.libraryItemId",
        "copyAssetTemplate.organisationId",
        "writeControlText.control",
    } <= probed
    home, foreign = outsider.home(client_for, alpine), outsider.foreign(alpine)
    before = events_in_log(demo_services)
    differences = []
    for shape in shapes:
        for path in shape.id_paths:
            key = path.rsplit(".", 1)[-1]
            if key not in foreign:
                continue
            # an id of a kind the outsider has none of at home (a document to link) is a random one
            base = {p: home.get(p.rsplit(".", 1)[-1]) or _random() for p in shape.id_paths}
            with_foreign = answer(client, walk, shape, base | {path: foreign[key]})
            with_random = answer(client, walk, shape, base | {path: _random()})
            if with_foreign != with_random:
                differences.append((f"{shape.name}.{path}", with_foreign, with_random))
    assert not differences, "\n".join(map(str, differences))
    assert events_in_log(demo_services) == before


# The issue's probe, and the rule a consultancy expects: a coach admits what is in view or awaits a cluster


def _organisation_names(client: GraphQLClient) -> set[str]:
    return {o["name"] for o in client.data("{ organisations { name } }")["organisations"]}


def test_a_coach_cannot_admit_into_their_cluster_an_organisation_of_another_coachs_cluster(
    client_for: ClientFor, demo_services: Services, alpine: Alpine
) -> None:
    sam = client_for(SECOND_COACH)
    before = events_in_log(demo_services)

    def admit(organisation_id: str) -> dict[str, Any]:
        return mutate(
            sam,
            "admitOrganisation",
            "AdmitOrganisationInput",
            {"clusterId": alpine.second_cluster_id, "organisationId": organisation_id, "criteria": CRITERIA},
        )

    refused = admit(alpine.muller)
    assert refused == admit(_random())
    assert (refused["code"], refused["field"]) == ("NOT_FOUND", "organisationId")
    assert events_in_log(demo_services) == before
    assert "Boulangerie Muller" not in _organisation_names(sam)
    members = cluster_view(sam, alpine.second_cluster_id, "members { organisation { name } }")["members"]
    assert {m["organisation"]["name"] for m in members} == {"Atelier Nord", "Atelier Sud"}


def test_a_coach_sees_and_admits_an_organisation_awaiting_a_cluster_which_then_leaves_other_coaches_view(
    client_for: ClientFor, alpine: Alpine
) -> None:
    sam, claire = client_for(SECOND_COACH), client_for(ALPINE_COACH)
    assert _organisation_names(sam) == {"Atelier Nord", "Atelier Sud", "Candidate Ltd"}
    assert "Candidate Ltd" in _organisation_names(claire)
    admitted = mutate(
        sam,
        "admitOrganisation",
        "AdmitOrganisationInput",
        {"clusterId": alpine.second_cluster_id, "organisationId": alpine.candidate, "criteria": CRITERIA},
        "members { organisation { name } }",
    )
    assert "Candidate Ltd" in {m["organisation"]["name"] for m in admitted["cluster"]["members"]}
    assert _organisation_names(claire) == {"Boulangerie Muller", "Kirchberg Dental", "Moselle Logistics"}
    assert claire.data(ORGANISATION, {"id": alpine.candidate}) == claire.data(ORGANISATION, {"id": _random()})


def test_an_organisation_that_withdrew_awaits_a_cluster_again_without_its_history_entering_another_view(
    client_for: ClientFor, alpine: Alpine
) -> None:
    sam, claire = client_for(SECOND_COACH), client_for(ALPINE_COACH)
    moselle = demo_cluster(claire)["member_ids"]["Moselle Logistics"]
    withdrawn = mutate(
        claire,
        "withdrawMember",
        "WithdrawMemberInput",
        {"clusterId": alpine.cluster_id, "organisationId": moselle, "withdrawnOn": "2026-03-02", "reason": "Sold"},
    )
    assert withdrawn["__typename"] == "ClusterChange", withdrawn
    assert "Moselle Logistics" in _organisation_names(sam)
    admitted = mutate(
        sam,
        "admitOrganisation",
        "AdmitOrganisationInput",
        {"clusterId": alpine.second_cluster_id, "organisationId": moselle, "criteria": CRITERIA},
        "members { organisation { name } coachingHalfDaysUsed coachingHalfDays { workDone } outcome { status } }",
    )
    [member] = [m for m in admitted["cluster"]["members"] if m["organisation"]["name"] == "Moselle Logistics"]
    assert member == {
        "organisation": {"name": "Moselle Logistics"},
        "coachingHalfDaysUsed": 0,
        "coachingHalfDays": [],
        "outcome": {"status": "in_progress"},
    }
    assert sam.data(CLUSTER, {"id": alpine.cluster_id}) == sam.data(CLUSTER, {"id": _random()})


# Feedback and sessions: the exact answers that used to tell a foreign id from a random one


def test_hiding_feedback_of_another_coachs_cluster_answers_as_for_a_random_item(
    client_for: ClientFor, demo_services: Services, alpine: Alpine
) -> None:
    sam = client_for(SECOND_COACH)
    before = events_in_log(demo_services)

    def hide(item_id: str) -> dict[str, Any]:
        variables = {"clusterId": alpine.second_cluster_id, "itemId": item_id, "reason": "Probe"}
        return mutate(sam, "hideFeedback", "HideFeedbackInput", variables)

    foreign = hide(alpine.hidden_item)
    assert foreign == hide(_random())
    assert (foreign["code"], foreign["field"]) == ("NOT_FOUND", "itemId")
    assert events_in_log(demo_services) == before


def test_a_member_cannot_withdraw_another_members_feedback_nor_learn_that_a_hidden_item_exists(
    client_for: ClientFor, demo_services: Services, alpine: Alpine
) -> None:
    kirchberg = client_for(SECOND_MEMBER)
    before = events_in_log(demo_services)

    def withdraw(item_id: str) -> dict[str, Any]:
        variables = {"clusterId": alpine.cluster_id, "itemId": item_id}
        return mutate(kirchberg, "withdrawFeedback", "FeedbackItemInput", variables)

    hidden = withdraw(alpine.hidden_item)
    assert hidden == withdraw(_random())
    assert (hidden["code"], hidden["field"]) == ("NOT_FOUND", "itemId")
    feedback = cluster_view(kirchberg, alpine.cluster_id, "feedback { id mine signedBy }")["feedback"]
    assert alpine.hidden_item not in {i["id"] for i in feedback}
    visible_of_muller = next(i["id"] for i in feedback if i["signedBy"] == "Marc Muller")
    assert withdraw(visible_of_muller)["code"] == "FORBIDDEN"
    assert events_in_log(demo_services) == before


def test_a_member_cannot_tell_another_members_session_from_a_random_key(
    client_for: ClientFor, demo_services: Services, alpine: Alpine
) -> None:
    """Session keys of one member's gap analysis and coaching name the organisation: no probing with them."""
    kirchberg = client_for(SECOND_MEMBER)
    before = events_in_log(demo_services)

    def share(session_key: str) -> dict[str, Any]:
        variables = {"clusterId": alpine.cluster_id, "sessionKey": session_key, "kind": "hard", "text": "Probe"}
        return mutate(kirchberg, "shareFeedback", "ShareFeedbackInput", variables)

    for template in ("gap-analysis:{}", "coaching:1:{}"):
        assert share(template.format(alpine.muller)) == share(template.format(_random()))
    assert share(f"gap-analysis:{alpine.muller}")["field"] == "sessionKey"
    assert events_in_log(demo_services) == before


def test_a_member_cannot_declare_another_members_unavailability(
    client_for: ClientFor, demo_services: Services, alpine: Alpine
) -> None:
    kirchberg = client_for(SECOND_MEMBER)
    before = events_in_log(demo_services)

    def declare(organisation_id: str) -> dict[str, Any]:
        variables = {
            "clusterId": alpine.cluster_id,
            "organisationId": organisation_id,
            "startsOn": "2026-09-07",
            "endsOn": "2026-09-08",
            "reason": "Probe",
        }
        return mutate(kirchberg, "declareUnavailability", "DeclareUnavailabilityInput", variables)

    refused = declare(alpine.muller)
    assert refused == declare(_random())
    assert refused["__typename"] != "ClusterChange"
    assert events_in_log(demo_services) == before
    assert declare(alpine.kirchberg)["__typename"] == "ClusterChange"


# Reads: nothing out of scope comes back


def test_another_coach_reads_nothing_of_a_cluster_they_do_not_lead(client_for: ClientFor, alpine: Alpine) -> None:
    sam = client_for(SECOND_COACH)
    assert sam.data(CLUSTER, {"id": alpine.cluster_id}) == sam.data(CLUSTER, {"id": _random()})
    assert sam.data(ORGANISATION, {"id": alpine.muller}) == sam.data(ORGANISATION, {"id": _random()})
    names = [e["node"]["name"] for e in sam.data("{ clusters { edges { node { name } } } }")["clusters"]["edges"]]
    assert names == ["Second cluster"]
    assert not {"Boulangerie Muller", "Kirchberg Dental", "Moselle Logistics"} & _organisation_names(sam)


MEMBER_REGISTERS = """members { organisation { name } coachingHalfDays { workDone } gapAnalyses { number }
    ceilingOverrides { reason } }
  muller: member(organisationId: $muller) { organisation { name } coachingHalfDays { workDone } }
  unavailability { organisationName reason }
  clashes { organisationName }
  sessions { key organisationName }
  theirs: session(key: $gap) { key }
  sessionMoves(key: $gap) { reason }
  attendance(sessionKey: "module:1") { organisationName attendees }
  feedback { id }
  effort { members { organisationName } }"""


def test_another_member_of_the_cluster_reads_only_its_own_part_of_every_register(
    client_for: ClientFor, alpine: Alpine
) -> None:
    kirchberg = client_for(SECOND_MEMBER)
    document = f"""query($id: ID!, $muller: ID!, $gap: String!) {{ cluster(id: $id) {{
        ... on Cluster {{ {MEMBER_REGISTERS} }} }} }}"""
    variables = {"id": alpine.cluster_id, "muller": alpine.muller, "gap": f"gap-analysis:{alpine.muller}"}
    cluster = kirchberg.data(document, variables)["cluster"]
    assert [m["organisation"]["name"] for m in cluster["members"]] == ["Kirchberg Dental"]
    assert cluster["muller"] is None
    assert {u["organisationName"] for u in cluster["unavailability"]} <= {"Kirchberg Dental"}
    assert {c["organisationName"] for c in cluster["clashes"]} <= {"Kirchberg Dental"}
    assert alpine.muller not in " ".join(s["key"] for s in cluster["sessions"])
    assert {s["organisationName"] for s in cluster["sessions"]} <= {None, "Kirchberg Dental"}
    assert (cluster["theirs"], cluster["sessionMoves"]) == (None, [])
    assert {a["organisationName"] for a in cluster["attendance"]} == {"Kirchberg Dental"}
    assert alpine.hidden_item not in {i["id"] for i in cluster["feedback"]}
    assert [m["organisationName"] for m in cluster["effort"]["members"]] == ["Kirchberg Dental"]
    assert _organisation_names(kirchberg) == {"Kirchberg Dental"}
    assert kirchberg.data(ORGANISATION, {"id": alpine.muller}) == kirchberg.data(ORGANISATION, {"id": _random()})
    assert [c["displayName"] for c in kirchberg.data("{ coaches { displayName } }")["coaches"]] == ["Claire Coach"]


VIEWER_CAN = """query($id: ID!, $muller: ID!, $gap: String!) { cluster(id: $id) { __typename ... on Cluster {
    viewerCan { admitOrganisation acceptPlan startCluster closeCluster declareUnavailability logCoachingHalfDay
      moveSession }
    members { organisation { name } viewerCan { assessGap logCoachingHalfDay raiseCoachingCeiling recordOutcome
      withdraw } }
    muller: member(organisationId: $muller) { viewerCan { withdraw } }
    theirs: session(key: $gap) { viewerCan { hold move cancel shareFeedback } }
    training: session(key: "module:6") { viewerCan { hold move cancel shareFeedback } }
    feedback { mine viewerCan { withdraw hide } } } } }"""


def test_what_the_viewer_may_do_is_told_only_of_what_it_sees_and_never_about_another_member(
    client_for: ClientFor, alpine: Alpine
) -> None:
    variables = {"id": alpine.cluster_id, "muller": alpine.muller, "gap": f"gap-analysis:{alpine.muller}"}
    kirchberg = client_for(SECOND_MEMBER).data(VIEWER_CAN, variables)["cluster"]
    assert kirchberg["viewerCan"] == {
        "admitOrganisation": False,
        "acceptPlan": False,
        "startCluster": False,
        "closeCluster": False,
        "declareUnavailability": True,  # its own, which the plan page offers
        "logCoachingHalfDay": False,
        "moveSession": False,
    }
    assert [m["organisation"]["name"] for m in kirchberg["members"]] == ["Kirchberg Dental"]
    nothing = {"assessGap": False, "logCoachingHalfDay": False, "raiseCoachingCeiling": False, "recordOutcome": None}
    assert [m["viewerCan"] for m in kirchberg["members"]] == [{**nothing, "withdraw": False}]
    assert (kirchberg["muller"], kirchberg["theirs"]) == (None, None)
    assert kirchberg["training"]["viewerCan"] == {"hold": False, "move": False, "cancel": False, "shareFeedback": False}
    flags = [(item["mine"], item["viewerCan"]) for item in kirchberg["feedback"]]
    assert {mine for mine, _ in flags} == {True, False}  # its own feedback and the others'
    assert all(can == {"withdraw": mine, "hide": False} for mine, can in flags)
    for outsider in (SECOND_COACH, HARBOUR_ADMIN, HARBOUR_MEMBER):
        answer = client_for(outsider).data(VIEWER_CAN, variables)["cluster"]
        assert answer == {"__typename": "NotFoundError"}, outsider
