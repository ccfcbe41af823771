"""The monthly service report downloads as XLSX and PDF, read back: the availability, the incidents by severity,
each incident of the month; outsiders and the signed-out get nothing, a bad month or service is refused."""

from __future__ import annotations

import io

import pytest
from fastapi import FastAPI
from openpyxl import load_workbook
from pypdf import PdfReader
from starlette.testclient import TestClient

from tests.api.conftest import HARBOUR_ADMIN
from tests.api.incidents.test_incidents import INCIDENTS, OUTSIDERS, muller
from tests.api.page_support import MEMBER, ClientFor
from tests.support.graphql_client import GraphQLClient


def ordering_month(member: GraphQLClient, org: str) -> tuple[str, str]:
    edges = member.data(INCIDENTS, {"org": org, "first": 50})["incidents"]["edges"]
    title = "Online orders not arriving"
    incident = next(e["node"] for e in edges if e["node"]["title"] == title)
    found = member.data(
        "query($id: ID!) { incident(id: $id) { ... on Incident { reportedAt } } }", {"id": incident["id"]}
    )
    return title, found["incident"]["reportedAt"][:7]


def test_the_report_downloads_as_xlsx_and_pdf(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    org = muller(member)
    title, month = ordering_month(member, org)
    path = f"/organisations/{org}/incidents/monthly-report"
    xlsx = member.http.get(f"{path}.xlsx", params={"service": "Ordering", "month": month})
    assert xlsx.status_code == 200 and "attachment" in xlsx.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert cells[0][0] == f"Service report of Ordering, {month}"
    assert cells[2][0] == "Availability (%)" and isinstance(cells[2][1], float) and cells[2][1] < 100
    assert list(cells[7][:2]) == ["critical", 1]
    assert any(row[1] == title for row in cells)
    pdf = member.http.get(f"{path}.pdf", params={"service": "Ordering", "month": month})
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert f"Service report of Ordering, {month}" in text and title in text and "available" in text


@pytest.mark.parametrize("outsider", [o for o in OUTSIDERS if o == HARBOUR_ADMIN])
def test_outsiders_and_bad_requests_get_nothing(app: FastAPI, client_for: ClientFor, outsider: str) -> None:
    member = client_for(MEMBER)
    org = muller(member)
    _, month = ordering_month(member, org)
    path = f"/organisations/{org}/incidents/monthly-report"
    assert (
        client_for(outsider).http.get(f"{path}.pdf", params={"service": "Ordering", "month": month}).status_code == 404
    )
    assert TestClient(app).get(f"{path}.xlsx", params={"service": "Ordering", "month": month}).status_code == 401
    assert member.http.get(f"{path}.xlsx", params={"service": "Ordering", "month": "2026-13"}).status_code == 422
    assert member.http.get(f"{path}.xlsx", params={"month": month}).status_code == 422
    assert member.http.get(f"{path}.csv", params={"service": "Ordering", "month": month}).status_code == 404


def test_the_report_page_names_a_bad_month_or_cursor_instead_of_losing_the_organisation(
    client_for: ClientFor,
) -> None:
    member = client_for(MEMBER)
    org = muller(member)
    _, month = ordering_month(member, org)
    path = f"/organisations/{org}/incidents/monthly-report"
    for bad in ({"month": "2026-13"}, {"month": month, "after": "junk"}):
        page = member.http.get(path, params={"service": "Ordering"} | bad)
        assert page.status_code == 200, bad
        assert 'id="report-error"' in page.text and "Ordering" in page.text
    shown = member.http.get(path, params={"service": "Ordering", "month": month})
    assert 'id="report-error"' not in shown.text
