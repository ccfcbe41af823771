"""Who sees and acts on Boulangerie Muller's documents: its own member accounts; the coach of its cluster and the
consultancy's admins read them. Never another member of the same cluster, a coach of another cluster, or the other
consultancy: for them a document of Muller's is answered exactly as a random id, and nothing is written."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from backend.services import Services
from tests.api.conftest import HARBOUR_ADMIN, HARBOUR_COACH, events_in_log
from tests.api.documents.conftest import Muller
from tests.api.documents.support import (
    DOCUMENTS,
    KIRCHBERG_MEMBER,
    MULLER_AUTHOR,
    SECOND_COACH,
    document,
    mutate,
)
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
HARBOUR_MEMBER = "member@quayside.example"
OUTSIDERS = (KIRCHBERG_MEMBER, SECOND_COACH, HARBOUR_ADMIN, HARBOUR_COACH, HARBOUR_MEMBER)
ATTACHMENT = """query($d: ID!, $h: String!) { documentAttachment(documentId: $d, version: 1, contentHash: $h) {
    __typename ... on UserError { code field message } } }"""

STEPS: list[tuple[str, str, dict[str, Any]]] = [
    ("draftVersion", "DraftVersionInput", {"text": "Mine now"}),
    ("reviseDraft", "ReviseDraftInput", {"version": 1, "text": "Mine now"}),
    ("submitVersion", "VersionInput", {"version": 1}),
    ("approveVersion", "ApproveVersionInput", {"version": 1, "reviewOn": "2027-06-30"}),
    ("rejectVersion", "VersionReasonInput", {"version": 1, "reason": "No"}),
    ("publishVersion", "PublishVersionInput", {"version": 1}),
    ("withdrawVersion", "VersionReasonInput", {"version": 1, "reason": "No"}),
    ("acknowledgeVersion", "VersionInput", {"version": 1}),
    ("attachFile", "AttachFileInput", {"version": 1, "filename": "a.txt", "content": "aGVsbG8="}),
]


def without_message_ids(result: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in result.items() if key != "document"}


@pytest.mark.parametrize("email", OUTSIDERS)
def test_an_outsider_finds_no_document_of_muller_s_just_as_a_random_id(
    client_for: ClientFor, muller: Muller, email: str
) -> None:
    outsider = client_for(email)
    assert document(outsider, muller.policy_id) == document(outsider, str(uuid.uuid4()))
    assert document(outsider, muller.policy_id)["code"] == "NOT_FOUND"
    listed = outsider.execute(DOCUMENTS, {"organisationId": muller.organisation_id})
    random = outsider.execute(DOCUMENTS, {"organisationId": str(uuid.uuid4())})
    assert listed == random
    assert listed["data"] is None  # refused as for an organisation that does not exist, naming the argument
    assert [(e["message"], e["extensions"]["field"]) for e in listed["errors"]] == [
        ("No organisation with this id.", "organisationId")
    ]
    file = {"d": muller.policy_id, "h": "0" * 64}
    assert outsider.data(ATTACHMENT, file) == outsider.data(ATTACHMENT, file | {"d": str(uuid.uuid4())})


@pytest.mark.parametrize("email", OUTSIDERS)
def test_an_outsider_acts_on_no_document_of_muller_s_and_nothing_is_written(
    demo_services: Services, client_for: ClientFor, muller: Muller, email: str
) -> None:
    outsider = client_for(email)
    before = events_in_log(demo_services)
    for name, input_type, given in STEPS:
        on_muller = mutate(outsider, name, input_type, {"documentId": muller.policy_id} | given)
        on_random = mutate(outsider, name, input_type, {"documentId": str(uuid.uuid4())} | given)
        assert on_muller == on_random, name
        assert on_muller["code"] in {"NOT_FOUND", "FORBIDDEN"}, (name, on_muller)
    create = {"organisationId": muller.organisation_id, "kind": "policy", "title": "Ours", "owner": "Me", "text": "."}
    on_muller = mutate(outsider, "createDocument", "CreateDocumentInput", create)
    on_random = mutate(
        outsider, "createDocument", "CreateDocumentInput", create | {"organisationId": str(uuid.uuid4())}
    )
    assert on_muller == on_random
    assert on_muller["code"] in {"NOT_FOUND", "FORBIDDEN"}
    assert events_in_log(demo_services) == before


def test_kirchberg_s_member_keeps_its_own_documents_apart(client_for: ClientFor, muller: Muller) -> None:
    kirchberg = client_for(KIRCHBERG_MEMBER)
    given = {
        "organisationId": muller.kirchberg_id,
        "kind": "record",
        "title": "Visitors",
        "owner": "Reception",
        "text": ".",
    }
    created = mutate(kirchberg, "createDocument", "CreateDocumentInput", given)["document"]
    assert created["organisationId"] == muller.kirchberg_id
    assert document(client_for(MULLER_AUTHOR), created["id"])["code"] == "NOT_FOUND"
    listed = kirchberg.data(DOCUMENTS, {"organisationId": muller.kirchberg_id})["documents"]["edges"]
    # the demo's coach copied the library's backup procedure into Kirchberg's documents
    assert [e["node"]["title"] for e in listed] == ["Backup procedure", "Visitors"]
