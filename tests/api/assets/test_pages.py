"""The asset pages: a member registers, classifies, links and retires assets through the forms, sees each step said
and kept in the history; refusals show beside their fields; the import page checks a file line by line before the
import is confirmed; the exports download; a coach reads without forms."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook

from backend.services import Services
from tests.api.assets.support import organisation_id, register
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log
from tests.api.page_support import MEMBER, ClientFor, csrf, field
from tests.support.graphql_client import GraphQLClient


def said(html: str) -> str:
    found = re.search(r'<p class="said"[^>]*>(.*?)</p>', html, re.S)
    return found.group(1).strip() if found else ""


def post(client: GraphQLClient, page: str, action: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    token = csrf(client.http.get(page).text)
    return client.http.post(action, data={"csrf_token": token, **data})


def test_a_member_walks_an_asset_through_the_forms(client_for: ClientFor, demo_services: Services) -> None:
    member = client_for(MEMBER)
    muller = organisation_id(member)
    inventory = f"/organisations/{muller}/assets"
    assert member.http.get("/assets", follow_redirects=False).headers["location"] == inventory
    registered = post(
        member,
        inventory,
        inventory,
        {"register-name": "Till", "register-kind": "hardware", "register-owner": "Shop manager"},
    )
    assert said(registered.text) == "Till is registered, unclassified."
    assert "1 asset, 1 unclassified" in registered.text
    register(member, muller, "Card terminal")
    [till] = re.findall(rf'href="{inventory}/([0-9a-f-]+)">Till<', member.http.get(inventory).text)
    page = f"{inventory}/{till}"

    classified = post(
        member,
        page,
        f"{page}/classify",
        {"classify-confidentiality": "3", "classify-integrity": "2", "classify-availability": "3"},
    )
    assert said(classified.text) == "The asset is classified."
    assert "Confidentiality 3 (Confidential)" in classified.text
    before = events_in_log(demo_services)
    unexplained = post(
        member,
        page,
        f"{page}/classify",
        {"classify-confidentiality": "4", "classify-integrity": "2", "classify-availability": "3"},
    )
    assert unexplained.status_code == 422 and events_in_log(demo_services) == before
    assert "This field is required." in field(unexplained.text, "classify-reason")
    assert '<div class="error-summary"' in unexplained.text

    linked = post(member, page, f"{page}/link", {"link-dependsOn": "card terminal"})
    assert said(linked.text) == "The asset now depends on card terminal."
    missing = post(member, page, f"{page}/link", {"link-dependsOn": "Espresso machine"})
    assert "No asset of this name" in field(missing.text, "link-dependsOn")
    itself = post(member, page, f"{page}/link", {"link-dependsOn": "Till"})
    assert "cannot depend on itself" in itself.text and itself.status_code == 422

    unconfirmed = post(member, page, f"{page}/retire", {"retire-reason": "Sold"})
    assert unconfirmed.status_code == 422 and "Tick the box" in unconfirmed.text
    retired = post(member, page, f"{page}/retire", {"retire-reason": "Sold", "retire-confirm": "yes"})
    assert said(retired.text) == "The asset is retired; its history stays."
    history = retired.text.split("<h2>History</h2>", 1)[1]
    for step in ("Registered", "Classified: C3 I2 A3", "Dependency added: Card terminal", "Retired"):
        assert step in history, step
    assert "Marc Muller" in history and 'action="' + page + '/classify"' not in retired.text


def test_the_list_filters_searches_and_refuses_a_bad_filter(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    muller = organisation_id(member)
    for name, kind in (("Recipes", "information"), ("Oven", "hardware"), ("Shop site", "saas")):
        register(member, muller, name, kind=kind)
    inventory = f"/organisations/{muller}/assets"
    hardware = member.http.get(inventory, params={"kind": "hardware"}).text
    assert ">Oven<" in hardware and ">Recipes<" not in hardware
    found = member.http.get(inventory, params={"search": "recip"}).text
    assert ">Recipes<" in found and ">Oven<" not in found and "3 assets, 3 unclassified" in found
    bad = member.http.get(inventory, params={"kind": "robot"}).text
    assert 'id="filter-error"' in bad and "Choose one of" in bad


def test_a_coach_reads_the_inventory_without_forms(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    muller = organisation_id(member)
    oven = register(member, muller, "Oven")["id"]
    coach = client_for(ALPINE_COACH)
    assert f"/organisations/{muller}/assets" in coach.http.get("/assets").text
    listed = coach.http.get(f"/organisations/{muller}/assets").text
    assert ">Oven<" in listed and "Register an asset" not in listed and "Import a file" not in listed
    page = coach.http.get(f"/organisations/{muller}/assets/{oven}").text
    assert "<h1>Oven</h1>" in page and "/classify" not in page and "/retire" not in page


def test_the_import_page_checks_then_imports_and_the_export_downloads(
    client_for: ClientFor, demo_services: Services
) -> None:
    member = client_for(MEMBER)
    muller = organisation_id(member)
    path = f"/organisations/{muller}/assets/import"
    token = csrf(member.http.get(path).text)
    bad = b"name,kind,owner,confidentiality,integrity,availability\nOven,hardware,Baker,,,\n,site,Owner,,,\nVault,site,Me,9,1,1\n"
    before = events_in_log(demo_services)
    checked = member.http.post(path, data={"csrf_token": token}, files={"file": ("stock.csv", bad, "text/csv")})
    assert checked.status_code == 422 and events_in_log(demo_services) == before
    rows = re.findall(r"<tr><td>(\d+)</td><td>(\w*)</td><td>(.*?)</td></tr>", checked.text)
    assert [(line, column) for line, column, _ in rows] == [("3", "name"), ("4", "confidentiality")]
    assert "Nothing was imported: 2 errors" in checked.text

    good = b"name,kind,owner\nOven,hardware,Baker\nRecipes,information,Chef\n"
    ready = member.http.post(path, data={"csrf_token": token}, files={"file": ("stock.csv", good, "text/csv")})
    assert "2 assets are ready to import" in ready.text and events_in_log(demo_services) == before
    content = re.search(r'name="content" value="([^"]+)"', ready.text)
    assert content is not None
    confirm = {"csrf_token": token, "fileName": "stock.csv", "content": content.group(1), "confirm": "yes"}
    imported = member.http.post(path, data=confirm)
    assert said(imported.text) == "2 assets are imported." and "2 assets, 2 unclassified" in imported.text

    xlsx = member.http.get(f"/organisations/{muller}/assets/export.xlsx")
    assert xlsx.headers["content-disposition"] == 'attachment; filename="assets.xlsx"'
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == ["name", "Oven", "Recipes"]
    assert member.http.get(f"/organisations/{muller}/assets/export.csv").text.startswith("\ufeffname,kind,owner")
    assert member.http.get(f"/organisations/{muller}/assets/export.pdf").status_code == 404


def test_an_empty_upload_and_a_forged_form_are_refused(client_for: ClientFor, demo_services: Services) -> None:
    member = client_for(MEMBER)
    path = f"/organisations/{organisation_id(member)}/assets/import"
    token = csrf(member.http.get(path).text)
    empty = member.http.post(path, data={"csrf_token": token})
    assert empty.status_code == 422 and "Choose a CSV or XLSX file." in empty.text
    before = events_in_log(demo_services)
    forged = member.http.post(
        path, data={"csrf_token": "forged", "fileName": "a.csv", "content": "bmFtZQo=", "confirm": "yes"}
    )
    assert forged.status_code == 403 and events_in_log(demo_services) == before


def test_an_admin_sets_new_scales_from_their_page_and_a_member_reads_them(
    client_for: ClientFor, demo_services: Services
) -> None:
    member = client_for(MEMBER)
    shown = member.http.get("/asset-scales").text
    assert "This is version 1, the default" in shown and '<th scope="row">Secret</th>' in shown
    assert 'action="/asset-scales"' not in shown
    admin = client_for(ALPINE_ADMIN)
    page = admin.http.get("/asset-scales").text
    assert 'href="/asset-scales"' in page and "Secret: For named people only" in page
    before = events_in_log(demo_services)
    lines = {"confidentiality": "Open: Anyone\nClosed: Staff", "integrity": "Low: Fixable\nHigh: Harmful"}
    bad = admin.http.post("/asset-scales", data={"csrf_token": csrf(page), **lines, "availability": "Low\nHigh: x"})
    assert bad.status_code == 422 and events_in_log(demo_services) == before
    assert "“label: description”" in field(bad.text, "availability")
    same = admin.http.post("/asset-scales", data={"csrf_token": csrf(page), **lines, "availability": "Low: a\nlow: b"})
    assert "Give each level of the availability scale its own label." in same.text
    done = admin.http.post("/asset-scales", data={"csrf_token": csrf(page), **lines, "availability": "Low: a\nHigh: b"})
    assert said(done.text).startswith("The new scales are in use")
    assert "This is version 2." in member.http.get("/asset-scales").text
