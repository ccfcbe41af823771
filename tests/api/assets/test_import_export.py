"""An inventory comes in from a CSV or XLSX file and goes out as either: a dry run lists every error by line and
column and writes nothing; an import writes every row or, if any line is wrong, none."""

from __future__ import annotations

import base64
import csv
import io
from typing import Any

from openpyxl import Workbook, load_workbook

from backend.services import Services
from tests.api.assets.support import ASSETS, EXPORT, IMPORT, organisation_id, register
from tests.api.conftest import ALPINE_COACH, events_in_log
from tests.api.page_support import MEMBER, ClientFor
from tests.support.graphql_client import GraphQLClient

HEADINGS = ["name", "kind", "owner", "location", "description", "confidentiality", "integrity", "availability"]
GOOD = [
    ["Customer list", "information", "Sales lead", "CRM", "Names and orders", 3, 2, 2],
    ["Oven controller", "Hardware", "Baker", "Bakery", "", "", "", ""],
    ["Web shop", "SaaS", "Marc Muller", "Shopify", "", 2, 3, 3],
]


def csv_file(rows: list[list[Any]], headings: list[str] = HEADINGS) -> str:
    text = io.StringIO()
    csv.writer(text).writerows([headings, *rows])
    return base64.b64encode(text.getvalue().encode()).decode()


def xlsx_file(rows: list[list[Any]], headings: list[str] = HEADINGS) -> str:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in [headings, *rows]:
        sheet.append(row)
    data = io.BytesIO()
    workbook.save(data)
    return base64.b64encode(data.getvalue()).decode()


def run_import(client: GraphQLClient, org: str, file_name: str, content: str, dry_run: bool) -> dict[str, Any]:
    given = {"organisationId": org, "fileName": file_name, "content": content, "dryRun": dry_run}
    result: dict[str, Any] = client.data(IMPORT, {"input": given})["r"]
    return result


def names(client: GraphQLClient, org: str) -> list[str]:
    return [e["node"]["name"] for e in client.data(ASSETS, {"org": org})["assets"]["edges"]]


def test_a_dry_run_lists_every_error_by_line_and_column_and_writes_nothing(
    client_for: ClientFor, demo_services: Services
) -> None:
    member = client_for(MEMBER)
    muller = organisation_id(member)
    bad = [
        *GOOD,
        ["Robot", "android", "IT", "", "", "", "", ""],
        ["", "hardware", "IT", "", "", "", "", ""],
        ["Vault", "site", "Owner", "Cellar", "", 5, 1, 1],
        ["Half", "site", "Owner", "Cellar", "", 1, "", ""],
    ]
    for file_name, content in (("inventory.csv", csv_file(bad)), ("inventory.xlsx", xlsx_file(bad))):
        before = events_in_log(demo_services)
        for dry_run in (True, False):
            report = run_import(member, muller, file_name, content, dry_run)
            assert report["dryRun"] is dry_run and report["imported"] == 0
            assert (report["validRows"], report["errorCount"]) == (3, 4)
            assert [(p["line"], p["column"]) for p in report["problems"]] == [
                (5, "kind"),
                (6, "name"),
                (7, "confidentiality"),
                (8, "integrity"),
            ]
            assert "1 to 4" in report["problems"][2]["message"]
        assert events_in_log(demo_services) == before
        assert names(member, muller) == []


def test_a_file_without_the_required_headings_is_refused_on_its_heading_line(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    report = run_import(
        member, organisation_id(member), "x.csv", csv_file(GOOD, ["title", "kind", "who", *HEADINGS[3:]]), True
    )
    assert [(p["line"], p["column"]) for p in report["problems"]] == [(1, "name"), (1, "owner")]


def test_a_clean_file_is_imported_whole_and_exports_read_back(client_for: ClientFor, demo_services: Services) -> None:
    member = client_for(MEMBER)
    muller = organisation_id(member)
    register(member, muller, '=HYPERLINK("http://evil")', owner="-cmd")
    checked = run_import(member, muller, "inventory.xlsx", xlsx_file(GOOD), True)
    assert (checked["validRows"], checked["errorCount"], checked["imported"]) == (3, 0, 0)
    before = events_in_log(demo_services)
    imported = run_import(member, muller, "inventory.xlsx", xlsx_file(GOOD), False)
    assert (imported["imported"], imported["errorCount"]) == (3, 0)
    assert events_in_log(demo_services) == before + 3  # one event per asset, classified as registered
    listed = member.data(ASSETS, {"org": muller})["assets"]
    assert (listed["inventoryCount"], listed["unclassifiedCount"]) == (4, 2)

    exported = member.data(EXPORT, {"org": muller, "format": "csv"})["assetExport"]
    text = base64.b64decode(exported["content"]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:8] == HEADINGS and len(rows) == 5
    assert rows[1][:3] == ['\'=HYPERLINK("http://evil")', "hardware", "'-cmd"]  # never a formula
    assert rows[2][:8] == ["Customer list", "information", "Sales lead", "CRM", "Names and orders", "3", "2", "2"]

    workbook = load_workbook(
        io.BytesIO(base64.b64decode(member.data(EXPORT, {"org": muller, "format": "xlsx"})["assetExport"]["content"]))
    )
    sheet = workbook.worksheets[0]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[4][:8] == ["Web shop", "saas", "Marc Muller", "Shopify", None, 2, 3, 3]
    assert sheet.cell(row=2, column=1).data_type == "s"

    again = run_import(member, muller, "again.csv", base64.b64encode(text.encode()).decode(), False)
    assert again["imported"] == 4
    assert names(member, muller).count('=HYPERLINK("http://evil")') == 2


def test_an_import_is_the_members_own_and_a_bad_file_is_refused_on_its_field(
    client_for: ClientFor, demo_services: Services
) -> None:
    member = client_for(MEMBER)
    muller = organisation_id(member)
    before = events_in_log(demo_services)
    coach = run_import(client_for(ALPINE_COACH), muller, "x.csv", csv_file(GOOD), False)
    assert coach["code"] == "FORBIDDEN"
    for file_name, content, field in [
        ("x.csv", "not base64!", "content"),
        ("x.xlsx", csv_file(GOOD), "content"),
        ("x.pdf", csv_file(GOOD), "fileName"),
        ("x.csv", base64.b64encode(b"\xff\xfe\x00").decode(), "content"),
    ]:
        refused = run_import(member, muller, file_name, content, True)
        assert refused["field"] == field, refused
    assert events_in_log(demo_services) == before
    body = member.execute(EXPORT, {"org": muller, "format": "pdf"})
    assert body["errors"][0]["extensions"]["field"] == "format"
