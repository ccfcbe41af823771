"""The documents' pages: the list with its filters, a document with its versions and the form of each step, the
refusals shown beside their fields, confirmations for what cannot be undone, and a file uploaded and downloaded."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable

from tests.api.conftest import ALPINE_COACH
from tests.api.documents.conftest import Muller
from tests.api.documents.support import KIRCHBERG_MEMBER, MULLER_AUTHOR, MULLER_MANAGER
from tests.api.page_support import csrf, field
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
SAID = '<p class="said" role="status" id="said">'


def said(html: str) -> str:
    found = re.search(rf"{re.escape(SAID)}(.*?)</p>", html)
    assert found is not None, "nothing said"
    return found.group(1)


def test_a_member_finds_its_documents_from_the_navigation(client_for: ClientFor, muller: Muller) -> None:
    page = client_for(MULLER_AUTHOR).http.get("/documents")
    assert page.url.path == f"/organisations/{muller.organisation_id}/documents"
    assert "Information security policy" in page.text and "1, submitted" in page.text
    coach = client_for(ALPINE_COACH).http.get("/documents").text
    assert f'href="/organisations/{muller.organisation_id}/documents"' in coach


def test_the_list_filters_by_kind_status_and_overdue_review(client_for: ClientFor, muller: Muller) -> None:
    author = client_for(MULLER_AUTHOR).http
    listed = f"/organisations/{muller.organisation_id}/documents"
    assert "Information security policy" in author.get(listed, params={"kind": "policy"}).text
    assert "No documents match these filters." in author.get(listed, params={"kind": "record"}).text
    assert "No documents match these filters." in author.get(listed, params={"status": "published"}).text
    assert "No documents match these filters." in author.get(listed, params={"overdue": "yes"}).text


def test_a_member_drafts_a_document_and_a_refusal_shows_beside_its_field(client_for: ClientFor, muller: Muller) -> None:
    author = client_for(MULLER_AUTHOR).http
    listed = f"/organisations/{muller.organisation_id}/documents"
    page = author.get(listed).text
    given = {"csrf_token": csrf(page), "create-kind": "procedure", "create-owner": "IT", "create-text": "Nightly."}
    refused = author.post(listed, data=given | {"create-title": "A\u0007"})
    assert refused.status_code == 422
    assert "has-error" in field(refused.text, "create-title") and "Nothing was saved" in refused.text
    assert 'value="IT"' in refused.text  # what was typed is kept
    done = author.post(listed, data=given | {"create-title": "Backups"})
    assert re.fullmatch(r"/documents/[0-9a-f-]{36}", done.url.path)
    assert said(done.text) == "Backups is drafted: submit it for approval when it is ready."
    assert "Version 1: draft" in done.text and "Submit for approval" in done.text


def test_the_security_policy_starts_from_the_skeleton(client_for: ClientFor, muller: Muller) -> None:
    kirchberg = client_for(KIRCHBERG_MEMBER).http
    listed = f"/organisations/{muller.kirchberg_id}/documents"
    page = kirchberg.get(listed).text
    done = kirchberg.post(f"{listed}/security-policy", data={"csrf_token": csrf(page), "policy-owner": "Dr Lena Weber"})
    assert "drafted from the consultancy&#39;s skeleton" in said(done.text)
    assert "## 4. Commitments of management" in done.text


def test_the_author_is_refused_approval_and_another_person_approves_with_confirmation(
    client_for: ClientFor, muller: Muller
) -> None:
    document = f"/documents/{muller.policy_id}"
    author = client_for(MULLER_AUTHOR).http
    assert "Approve version 1" not in author.get(document).text  # the author is not offered the form
    manager = client_for(MULLER_MANAGER).http
    page = manager.get(document).text
    assert "Approve version 1" in page
    approve = f"{document}/versions/1/approve"
    unconfirmed = manager.post(approve, data={"csrf_token": csrf(page), "approve-1-reviewOn": "2027-06-30"})
    assert unconfirmed.status_code == 422
    assert "Tick the box to confirm" in unconfirmed.text
    too_late = manager.post(
        approve, data={"csrf_token": csrf(page), "approve-1-reviewOn": "2031-01-01", "approve-1-confirm": "yes"}
    )
    assert too_late.status_code == 422 and "has-error" in field(too_late.text, "approve-1-reviewOn")
    done = manager.post(
        approve, data={"csrf_token": csrf(page), "approve-1-reviewOn": "2027-06-30", "approve-1-confirm": "yes"}
    )
    assert said(done.text) == "Version 1 is approved; its text and hash are kept as approved."
    shown = re.search(r'<code class="reference" data-hash="1">([0-9a-f]{64})</code>', done.text)
    text = re.search(r'<pre class="document-text">(.*?)</pre>', done.text, re.S)
    assert shown is not None and text is not None
    assert shown.group(1) == hashlib.sha256(html.unescape(text.group(1)).encode("utf-8")).hexdigest()
    assert "Approved by</dt><dd>Sophie Muller" in done.text


def test_publish_asking_for_acknowledgement_then_acknowledge(client_for: ClientFor, muller: Muller) -> None:
    document = f"/documents/{muller.policy_id}"
    manager = client_for(MULLER_MANAGER).http
    page = manager.get(document).text
    manager.post(
        f"{document}/versions/1/approve",
        data={"csrf_token": csrf(page), "approve-1-reviewOn": "2027-06-30", "approve-1-confirm": "yes"},
    )
    published = manager.post(
        f"{document}/versions/1/publish",
        data={"csrf_token": csrf(page), "publish-1-acknowledgement": "yes", "publish-1-confirm": "yes"},
    ).text
    assert said(published) == "Version 1 is published."
    assert "Not yet acknowledged by: Jonas Muller, Lea Muller, Marc Muller, Paul Muller, Sophie Muller." in published
    author = client_for(MULLER_AUTHOR).http
    page = author.get(document).text
    unconfirmed = author.post(f"{document}/versions/1/acknowledge", data={"csrf_token": csrf(page)})
    assert unconfirmed.status_code == 422 and "Tick the box to confirm that you have read it." in unconfirmed.text
    done = author.post(
        f"{document}/versions/1/acknowledge", data={"csrf_token": csrf(page), "acknowledge-1-confirm": "yes"}
    )
    assert said(done.text) == "Your acknowledgement of version 1 is recorded."
    assert (
        "Not yet acknowledged by: Jonas Muller, Lea Muller, Paul Muller, Sophie Muller." in done.text
        and ">Acknowledge<" not in done.text
    )


def test_a_file_is_uploaded_then_downloaded_byte_for_byte(client_for: ClientFor, muller: Muller) -> None:
    document = f"/documents/{muller.policy_id}"
    manager = client_for(MULLER_MANAGER).http
    page = manager.get(document).text
    manager.post(f"{document}/versions/1/reject", data={"csrf_token": csrf(page), "reject-1-reason": "Add the scan."})
    author = client_for(MULLER_AUTHOR).http
    page = author.get(document).text
    upload = f"{document}/versions/1/files"
    wrong = author.post(
        upload,
        data={"csrf_token": csrf(page)},
        files={"attach-1-content": ("scan.pdf", b"MZ\x90\x00", "application/pdf")},
    )
    assert wrong.status_code == 422 and "Attach a PDF, DOCX" in wrong.text
    none = author.post(upload, data={"csrf_token": csrf(page)})
    assert none.status_code == 422 and "Choose a file to attach." in none.text
    content = b"%PDF-1.4\nsigned by the managing director\n%%EOF\n"
    done = author.post(
        upload, data={"csrf_token": csrf(page)}, files={"attach-1-content": ("signed.pdf", content, "application/pdf")}
    )
    digest = hashlib.sha256(content).hexdigest()
    assert said(done.text) == "The file is attached to version 1, with its SHA-256."
    link = f"{document}/versions/1/files/{digest}"
    assert f'href="{link}"' in done.text and digest in done.text
    for reader in (author, client_for(ALPINE_COACH).http):
        got = reader.get(link)
        assert got.status_code == 200 and got.content == content
        assert got.headers["content-type"].startswith("application/pdf")
        assert got.headers["content-disposition"] == "attachment; filename*=UTF-8''signed.pdf"
    assert client_for(KIRCHBERG_MEMBER).http.get(link).status_code == 404


def test_outsiders_get_no_document_page(client_for: ClientFor, muller: Muller) -> None:
    kirchberg = client_for(KIRCHBERG_MEMBER).http
    assert kirchberg.get(f"/documents/{muller.policy_id}").status_code == 404
    assert kirchberg.get(f"/organisations/{muller.organisation_id}/documents").status_code == 404


def test_the_coach_reads_the_document_without_any_form(client_for: ClientFor, muller: Muller) -> None:
    page = client_for(ALPINE_COACH).http.get(f"/documents/{muller.policy_id}").text
    assert "Version 1: submitted" in page and "## 1. Purpose" in page
    assert '<form method="post" action="/documents' not in page
