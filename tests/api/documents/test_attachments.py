"""Files attached to a draft: checked by their content, kept by their SHA-256 in the blob store under the data
directory, and read back exactly as stored."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from typing import Any

import pytest

from backend.services import Services
from domain.tenancy.consultancy import consultancy_id
from tests.api.conftest import ALPINE_COACH, events_in_log
from tests.api.documents.conftest import Muller
from tests.api.documents.support import MULLER_AUTHOR, MULLER_MANAGER, mutate
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DOWNLOAD = """query($d: ID!, $v: Int!, $h: String!) { documentAttachment(documentId: $d, version: $v, contentHash: $h) {
    __typename ... on DocumentFileContent { filename mediaType contentHash contentBase64 }
    ... on UserError { code field message } } }"""


def back_to_draft(client_for: ClientFor, muller: Muller) -> None:
    given = {"documentId": muller.policy_id, "version": 1, "reason": "Attach the signed copy."}
    mutate(client_for(MULLER_MANAGER), "rejectVersion", "VersionReasonInput", given)


def attach(client: GraphQLClient, muller: Muller, filename: str, content: bytes) -> dict[str, Any]:
    given = {"documentId": muller.policy_id, "version": 1, "filename": filename}
    return mutate(client, "attachFile", "AttachFileInput", given | {"content": base64.b64encode(content).decode()})


def test_an_attached_file_is_stored_by_its_hash_and_read_back_exactly(
    demo_services: Services, client_for: ClientFor, muller: Muller
) -> None:
    back_to_draft(client_for, muller)
    result = attach(client_for(MULLER_AUTHOR), muller, "signed-policy.pdf", PDF)
    digest = hashlib.sha256(PDF).hexdigest()
    [file] = next(v for v in result["document"]["versions"] if v["number"] == 1)["attachments"]
    assert file == {
        "filename": "signed-policy.pdf",
        "mediaType": "application/pdf",
        "size": len(PDF),
        "contentHash": digest,
    }
    assert result["document"]["history"][-1]["detail"] == f"signed-policy.pdf (SHA-256 {digest})"
    stored = demo_services.settings.data_dir / "blobs" / str(consultancy_id("alpine")) / digest
    assert stored.read_bytes() == PDF
    for email in (MULLER_AUTHOR, ALPINE_COACH):  # the coach reads it too
        got = client_for(email).data(DOWNLOAD, {"d": muller.policy_id, "v": 1, "h": digest})["documentAttachment"]
        assert base64.b64decode(got["contentBase64"]) == PDF
        assert hashlib.sha256(base64.b64decode(got["contentBase64"])).hexdigest() == got["contentHash"] == digest


@pytest.mark.parametrize(
    ("filename", "content", "field"),
    [
        ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "content"),
        ("notes.pdf", b"Just some notes", "filename"),
        ("../notes.txt", b"Just some notes", "filename"),
        ("empty.txt", b"", "content"),
    ],
)
def test_a_file_of_another_type_or_a_bad_name_is_refused_by_field_and_nothing_is_written(
    demo_services: Services, client_for: ClientFor, muller: Muller, filename: str, content: bytes, field: str
) -> None:
    back_to_draft(client_for, muller)
    before = events_in_log(demo_services)
    result = attach(client_for(MULLER_AUTHOR), muller, filename, content)
    assert (result["code"], result["field"]) == ("VALIDATION", field)
    assert events_in_log(demo_services) == before
    assert not (demo_services.settings.data_dir / "blobs").exists() or not any(
        (demo_services.settings.data_dir / "blobs").rglob("*")
    )


def test_content_that_is_not_base64_is_refused_by_field(client_for: ClientFor, muller: Muller) -> None:
    back_to_draft(client_for, muller)
    given = {"documentId": muller.policy_id, "version": 1, "filename": "a.txt", "content": "not base64!"}
    result = mutate(client_for(MULLER_AUTHOR), "attachFile", "AttachFileInput", given)
    assert (result["code"], result["field"]) == ("VALIDATION", "content")


def test_a_submitted_version_takes_no_file(client_for: ClientFor, muller: Muller) -> None:
    result = attach(client_for(MULLER_AUTHOR), muller, "late.txt", b"Too late")
    assert (result["code"], result["field"]) == ("VALIDATION", "version")


def test_a_file_not_in_the_version_is_not_found(client_for: ClientFor, muller: Muller) -> None:
    got = client_for(MULLER_AUTHOR).data(DOWNLOAD, {"d": muller.policy_id, "v": 1, "h": "0" * 64})
    assert got["documentAttachment"]["code"] == "NOT_FOUND"


def test_a_malformed_id_is_refused_by_field_for_a_file_and_for_a_document(
    client_for: ClientFor, muller: Muller
) -> None:
    author = client_for(MULLER_AUTHOR)
    got = author.data(DOWNLOAD, {"d": "nope", "v": 1, "h": "0" * 64})["documentAttachment"]
    assert (got["code"], got["field"]) == ("VALIDATION", "documentId")
    malformed = author.data(
        "query($id: ID!) { document(id: $id) { ... on UserError { code field } } }", {"id": "nope"}
    )["document"]
    assert malformed == {"code": "VALIDATION", "field": "id"}
