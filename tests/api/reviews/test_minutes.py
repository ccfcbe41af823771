"""A management review's minutes downloaded as XLSX and PDF, read back: the inputs as gathered, each decision with
how it was reached and the resources committed, the actions with their owners. An outsider and a signed-out
request get nothing."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.api.conftest import ALPINE_COACH, HARBOUR_ADMIN
from tests.api.reviews.conftest import Muller
from tests.api.reviews.support import KIRCHBERG_MEMBER, MULLER_MEMBER, SECOND_COACH
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]


def download(client: GraphQLClient, url: str) -> bytes:
    response = client.http.get(url)
    assert response.status_code == 200, (url, response.text[:200])
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    return response.content


def test_the_xlsx_minutes_hold_the_inputs_decisions_and_resources(client_for: ClientFor, muller: Muller) -> None:
    body = download(client_for(MULLER_MEMBER), f"/reviews/{muller.review_id}/minutes.xlsx")
    sheet = load_workbook(io.BytesIO(body)).active
    assert sheet is not None
    lines = [str(row[0]) for row in sheet.iter_rows(values_only=True) if row[0] is not None]
    assert lines[0].startswith("Management review of Boulangerie Muller, ")
    assert lines[1].startswith("Draft minutes: the review is held. Inputs gathered from the registers on ")
    assert "Input: Nonconformities and corrective actions" in lines
    assert "Decision 1" in lines and "Decision 2" in lines
    assert "Resources committed: 180 EUR for the disk; half an hour a week of Luc's time." in lines
    assert any(line.startswith("How it was reached: Proposed by Luc") for line in lines)
    assert any(line.startswith("Action: Buy and label the second backup disk: Luc Muller, due ") for line in lines)


def test_the_pdf_minutes_read_back_with_the_decisions(client_for: ClientFor, muller: Muller) -> None:
    body = download(client_for(ALPINE_COACH), f"/reviews/{muller.review_id}/minutes.pdf")
    reader = PdfReader(io.BytesIO(body))
    text = " ".join((page.extract_text() or "").replace("\n", " ") for page in reader.pages)
    assert "Management review of Boulangerie Muller" in text
    assert "Chair: Marc Muller" in text
    assert "Resources committed:" in text and "How it was reached:" in text
    assert "Opportunities for improvement" in text


@pytest.mark.parametrize("email", [KIRCHBERG_MEMBER, SECOND_COACH, HARBOUR_ADMIN])
def test_an_outsider_gets_no_minutes_just_as_for_a_random_id(client_for: ClientFor, muller: Muller, email: str) -> None:
    outsider = client_for(email)
    for extension in ("xlsx", "pdf"):
        on_muller = outsider.http.get(f"/reviews/{muller.review_id}/minutes.{extension}")
        on_random = outsider.http.get(f"/reviews/{uuid.uuid4()}/minutes.{extension}")
        assert on_muller.status_code == on_random.status_code == 404
        assert on_muller.text == on_random.text


def test_a_signed_out_request_and_an_unknown_format_get_nothing(
    anonymous: GraphQLClient, client_for: ClientFor, muller: Muller
) -> None:
    assert anonymous.http.get(f"/reviews/{muller.review_id}/minutes.pdf").status_code == 401
    assert client_for(MULLER_MEMBER).http.get(f"/reviews/{muller.review_id}/minutes.docx").status_code == 404
