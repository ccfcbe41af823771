"""The change log's pages: a member files an emergency change through the form, a second member approves it, both
board members consent, it is scheduled and its execution recorded, each step said and kept in the history; refusals
show beside their fields; the log filters and exports in the paper's columns; a coach reads without forms."""

from __future__ import annotations

import csv
import html
import io
import re

from openpyxl import load_workbook

from backend.services import Services
from tests.api.changes.support import JONAS, account, organisation_id
from tests.api.conftest import ALPINE_COACH, events_in_log
from tests.api.page_support import MEMBER, ClientFor, csrf, field
from tests.support.graphql_client import GraphQLClient

PAPER_COLUMNS = [
    "ID", "Change owner", "Initiator", "Cause", "Hostname", "Description", "Configuration change", "Category", "Risk",
    "Approver", "Approval date", "Execution date", "Successful",
]  # fmt: skip


def said(page: str) -> str:
    found = re.search(r"<p class=\"said\"[^>]*>(.*?)</p>", page, re.S)
    return html.unescape(found.group(1).strip()) if found else ""


def post(client: GraphQLClient, page: str, action: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    token = csrf(client.http.get(page).text)
    return client.http.post(action, data={"csrf_token": token, **data})


def test_an_emergency_change_through_the_forms(client_for: ClientFor, demo_services: Services) -> None:
    marc, jonas = client_for(MEMBER), client_for(JONAS)
    muller = organisation_id(marc)
    log = f"/organisations/{muller}/changes"
    assert marc.http.get("/changes", follow_redirects=False).headers["location"] == log
    filing = {
        "file-ownerId": account(),
        "file-initiator": "Card terminal vendor",
        "file-cause": "Security notice",
        "file-hostname": "payments-gw.muller.example",
        "file-description": "Install the vendor's hotfix",
        "file-configuration": "apt-get install terminal-gateway=4.2.2",
        "file-category": "emergency",
        "file-risk": "high",
    }
    before = events_in_log(demo_services)
    bad_host = post(marc, log, log, filing | {"file-hostname": "not a host"})
    assert bad_host.status_code == 422 and events_in_log(demo_services) == before
    assert "host name" in field(bad_host.text, "file-hostname")
    filed = post(marc, log, log, filing)
    assert said(filed.text) == "Change 5 is filed in the log."
    [change_id] = re.findall(rf'href="{log}/([0-9a-f-]+)">5<', filed.text)
    page = f"{log}/{change_id}"
    mine = marc.http.get(page).text
    assert 'action="' + page + '/approve"' not in mine and "approved first" in mine

    approved = post(jonas, page, f"{page}/approve", {})
    assert said(approved.text) == "You approved the change." and "Jonas Muller" in approved.text
    no_fallback = post(marc, page, f"{page}/schedule", {"schedule-scheduledFor": "2027-01-04", "schedule-fallback": ""})
    assert no_fallback.status_code == 422 and "required" in field(no_fallback.text, "schedule-fallback")
    scheduled = post(
        marc, page, f"{page}/schedule", {"schedule-scheduledFor": "2027-01-04", "schedule-fallback": "Downgrade"}
    )
    assert said(scheduled.text) == "The change is scheduled, with its fallback."
    assert "Every member of the Change Advisory Board" in scheduled.text
    for client in (marc, jonas):
        consented = post(client, page, f"{page}/consent", {})
        assert said(consented.text) == "Your consent for the Change Advisory Board is recorded."
    executed = post(marc, page, f"{page}/execute", {"execute-executedOn": "2027-01-04", "execute-succeeded": "yes"})
    assert said(executed.text) == "The execution is recorded in the log."
    assert re.search(r'id="change-succeeded">Yes<', executed.text)
    history = executed.text.split("<h2>History</h2>")[1]
    assert [a for a in ("Filed", "Approved", "Scheduled", "Consented", "Executed") if a in history] == [
        "Filed", "Approved", "Scheduled", "Consented", "Executed"
    ]  # fmt: skip

    emergency = marc.http.get(f"{log}?category=emergency&order=OLDEST").text
    assert "2 shown by these filters." in emergency
    refused = marc.http.get(f"{log}?risk=extreme").text
    assert 'id="filter-error"' in refused

    rows = list(
        csv.reader(io.StringIO(marc.http.get(f"/organisations/{muller}/changes.csv").content.decode("utf-8-sig")))
    )
    assert rows[0] == PAPER_COLUMNS
    assert rows[5][:2] == ["5", "Marc Muller"] and rows[5][7:] == [
        "emergency", "high", "Jonas Muller", "2027-01-04", "2027-01-04", "yes"
    ]  # fmt: skip
    book = load_workbook(io.BytesIO(marc.http.get(f"/organisations/{muller}/changes.xlsx").content))
    sheet = book.active
    assert sheet is not None
    assert [cell.value for cell in sheet[1]] == PAPER_COLUMNS
    assert sheet.cell(row=6, column=1).value == 5 and sheet.cell(row=6, column=5).value == "payments-gw.muller.example"


def test_the_board_and_the_standard_changes_through_the_forms(client_for: ClientFor, demo_services: Services) -> None:
    marc = client_for(MEMBER)
    muller = organisation_id(marc)
    rules = f"/organisations/{muller}/change-rules"
    named = post(marc, rules, f"{rules}/board", {f"board-member-{account(JONAS)}": "yes"})
    assert said(named.text) == "The Change Advisory Board is named."
    assert re.findall(r'<ul id="board-members">(.*?)</ul>', named.text, re.S)[0].count("<li>") == 1
    defined = post(
        marc, rules, f"{rules}/standard", {"standard-title": "Add a till user", "standard-procedure": "Admin"}
    )
    assert said(defined.text) == "Add a till user is a standard change from now on."
    twice = post(marc, rules, f"{rules}/standard", {"standard-title": "add a till user", "standard-procedure": "Again"})
    assert twice.status_code == 422 and "already" in field(twice.text, "standard-title")
    assert "Add a till user" in marc.http.get(f"/organisations/{muller}/changes").text


def test_a_coach_reads_without_forms(client_for: ClientFor, demo_services: Services) -> None:
    coach = client_for(ALPINE_COACH)
    muller = organisation_id(coach)
    listing = coach.http.get("/changes").text
    assert f"/organisations/{muller}/changes" in listing
    log = coach.http.get(f"/organisations/{muller}/changes").text
    assert "Patch the card terminal gateway" in log and "File a change" not in log
    [change_id] = re.findall(rf'href="/organisations/{muller}/changes/([0-9a-f-]+)">2<', log)
    page = coach.http.get(f"/organisations/{muller}/changes/{change_id}").text
    assert "Jonas Muller" in page
    buttons = ("Approve the change", "Consent to the change", "Schedule the change", "Record the execution")
    assert not any(button in page for button in buttons)
    rules = coach.http.get(f"/organisations/{muller}/change-rules").text
    assert "Name these members" not in rules and "Define the standard change" not in rules
