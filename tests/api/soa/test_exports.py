"""An approved version of the statement downloaded as XLSX, PDF and OSCAL JSON, read back: each stamped with its
version, approval date and approver, each holding the decisions as approved even after later changes. A draft
version, an outsider and a signed-out request get nothing."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

from openpyxl import load_workbook
from pypdf import PdfReader

from backend.demo import DEMO_SOA_BASELINE
from tests.api.conftest import ALPINE_COACH
from tests.api.documents.support import KIRCHBERG_MEMBER, MULLER_AUTHOR
from tests.api.soa.conftest import Muller
from tests.api.soa.support import decide
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]


def download(client: GraphQLClient, url: str) -> bytes:
    response = client.http.get(url)
    assert response.status_code == 200, (url, response.text[:200])
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    return response.content


def test_the_xlsx_is_stamped_and_holds_the_decisions_as_approved(client_for: ClientFor, muller: Muller) -> None:
    member = client_for(MULLER_AUTHOR)
    decide(member, muller.organisation_id, "8.25", justification="We now write a small app.")  # after approval
    url = f"/organisations/{muller.organisation_id}/soa/versions/1/soa.xlsx"
    sheet = load_workbook(io.BytesIO(download(member, url))).active
    assert sheet is not None
    stamp = str(sheet["A2"].value)
    assert stamp.startswith("Version 1, approved on ") and "by Claire Coach" in stamp
    assert "ISO/IEC 27001:2022" in stamp
    rows = {r[0]: r for r in sheet.iter_rows(min_row=6, values_only=True)}
    assert len(rows) == 93
    assert rows["8.25"][3] == "No" and rows["8.25"][6] == "No software is developed in house."
    assert rows["5.9"][3:6] == ("Yes", "risk treatment", "partial")
    assert rows["8.13"][6] == DEMO_SOA_BASELINE[1]  # decided again after the version was approved


def test_the_pdf_is_stamped_with_the_version_and_the_approver(client_for: ClientFor, muller: Muller) -> None:
    url = f"/organisations/{muller.organisation_id}/soa/versions/1/soa.pdf"
    reader = PdfReader(io.BytesIO(download(client_for(ALPINE_COACH), url)))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    assert "Statement of Applicability of Boulangerie Muller" in text
    assert "Version 1, approved on" in text and "Claire Coach" in text
    assert "No software is developed in house." in text


def test_the_oscal_json_parses_back_with_statuses_and_justifications(client_for: ClientFor, muller: Muller) -> None:
    url = f"/organisations/{muller.organisation_id}/soa/versions/1/soa.json"
    parsed = json.loads(download(client_for(MULLER_AUTHOR), url))["component-definition"]
    props = {p["name"]: p["value"] for p in parsed["metadata"]["props"]}
    assert parsed["metadata"]["version"] == "1" and props["approved-by"] == "Claire Coach"
    assert props["catalogue"] == "iso27001-2022" and props["approved-on"]
    [implementation] = parsed["components"][0]["control-implementations"]
    requirements = {r["control-id"]: r for r in implementation["implemented-requirements"]}
    assert len(requirements) == 93
    status = {p["name"]: p["value"] for p in requirements["5.1"]["props"]}
    assert status == {"applicable": "yes", "implementation-status": "implemented", "inclusion-reason": "business"}
    assert requirements["8.28"]["description"] == "No software is developed in house."
    assert {p["value"] for p in requirements["8.28"]["props"]} >= {"no", "not-applicable"}


def test_a_draft_version_an_outsider_and_a_signed_out_request_get_nothing(
    client_for: ClientFor, muller: Muller
) -> None:
    versions = f"/organisations/{muller.organisation_id}/soa/versions"
    member = client_for(MULLER_AUTHOR).http
    assert member.get(f"{versions}/2/soa.xlsx").status_code == 404  # the draft
    assert member.get(f"{versions}/1/soa.docx").status_code == 404
    assert client_for(KIRCHBERG_MEMBER).http.get(f"{versions}/1/soa.pdf").status_code == 404
    member.cookies.clear()
    assert member.get(f"{versions}/1/soa.pdf").status_code == 401
