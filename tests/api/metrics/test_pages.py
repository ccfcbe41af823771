"""The metric pages: a member defines a metric through the form, records a measurement that misses and sees it
flagged in the register and drawn on the metric's chart, with the same values in a table; corrects it with a reason;
a refusal shows beside its field with no event written; a coach reads the register; the workbook downloads and reads
back with the metrics and every measurement."""

from __future__ import annotations

import html
import io
import re

from openpyxl import load_workbook

from backend.services import Services
from tests.api.conftest import ALPINE_COACH, events_in_log
from tests.api.page_support import MEMBER, ClientFor, csrf, field
from tests.api.risks.support import organisation_id
from tests.support.graphql_client import GraphQLClient

DEFINE = {"define-name": "Laptops encrypted", "define-method": "From the device list", "define-frequency": "monthly",
          "define-direction": "at_least", "define-target": "100", "define-unit": "%", "define-reference": "8.24"}  # fmt: skip


def said(page: str) -> str:
    found = re.search(r"<p class=\"said\"[^>]*>(.*?)</p>", page, re.S)
    return html.unescape(found.group(1).strip()) if found else ""


def post(client: GraphQLClient, page: str, action: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    token = csrf(client.http.get(page).text)
    return client.http.post(action, data={"csrf_token": token, **data})


def owner_option(page: str, name: str) -> str:
    found = re.search(rf'<option value="([0-9a-f-]+)">{re.escape(name)}</option>', page)
    assert found is not None, name
    return found.group(1)


def test_a_member_defines_a_metric_records_a_miss_and_sees_it_flagged_and_drawn(
    client_for: ClientFor, demo_services: Services
) -> None:
    member = client_for(MEMBER)
    page = f"/organisations/{organisation_id(member)}/metrics"
    assert member.http.get("/metrics", follow_redirects=False).headers["location"] == page
    shown = member.http.get(page).text
    assert "Critical patches applied within 14 days" in shown and 'class="warning missed"' in shown
    marc = owner_option(shown, "Marc Muller")
    defined = post(member, page, page, DEFINE | {"define-ownerId": marc})
    assert said(defined.text) == "The metric is defined."
    [metric] = re.findall(rf'href="({page}/[0-9a-f-]+)">Laptops encrypted<', defined.text)
    empty = member.http.get(metric).text
    assert "No measurement yet." in empty and "<svg" not in empty
    for on, value in (("2026-01-31", "100"), ("2026-02-28", "87,5")):
        recorded = post(member, metric, f"{metric}/record", {"record-measuredOn": on, "record-value": value})
        assert said(recorded.text) == "The measurement is recorded."
    drawn = recorded.text
    assert drawn.count('class="point met"') == 1 and drawn.count('class="point missed"') == 1
    assert 'viewBox="0 0 640 280"' in drawn and 'class="target"' in drawn
    table = drawn.split('<table class="measurements">')[1].split("</table>")[0]
    assert "87.5 %" in table and table.count("missed</strong>") == 1
    assert 'class="warning missed"' in drawn.split('id="last-result"')[1].split("</dd>")[0]
    listed = member.http.get(f"{page}?missed=yes").text
    assert "Laptops encrypted" in listed and "Phishing test click rate" not in listed
    assert drawn.count('id="correct-value"') == 1, "one correction form, the measurement chosen in it"
    [measurement] = re.findall(r'<option value="([0-9a-f-]+)"[^>]*>2026-02-28: 87.5 %</option>', drawn)
    refused = post(member, metric, f"{metric}/correct", {"correct-measurementId": measurement,
                   "correct-value": "1,250.5", "correct-reason": "Typo"})  # fmt: skip
    assert refused.status_code == 422 and refused.text.count('class="error" id="correct-value-error"') == 1
    assert '<details class="form-section" id="correct-section" open>' in refused.text
    corrected = post(member, metric, f"{metric}/correct", {"correct-measurementId": measurement,
                     "correct-value": "100", "correct-reason": "Two laptops were encrypted after all"})  # fmt: skip
    assert said(corrected.text) == "The measurement is corrected: its first value stays in the history."
    assert 'class="point missed"' not in corrected.text and "(corrected)" in corrected.text
    assert "Two laptops were encrypted after all" in corrected.text.split("<h2>History</h2>")[1]
    retired = post(member, metric, f"{metric}/retire", {"retire-reason": "Encrypted at delivery"})
    assert said(retired.text) == "The metric is retired." and 'id="record-form"' not in retired.text


def test_a_refusal_shows_beside_its_field_and_writes_nothing(client_for: ClientFor, demo_services: Services) -> None:
    member = client_for(MEMBER)
    page = f"/organisations/{organisation_id(member)}/metrics"
    marc = owner_option(member.http.get(page).text, "Marc Muller")
    before = events_in_log(demo_services)
    bad_reference = post(member, page, page, DEFINE | {"define-ownerId": marc, "define-reference": "nine"})
    assert bad_reference.status_code == 422 and 'class="error"' in field(bad_reference.text, "define-reference")
    assert 'value="Laptops encrypted"' in bad_reference.text  # what was typed is kept
    no_number = post(member, page, page, DEFINE | {"define-ownerId": marc, "define-target": "all"})
    assert "Enter a number" in field(no_number.text, "define-target")
    no_owner = post(member, page, page, DEFINE)
    assert no_owner.status_code == 422
    metric = re.findall(rf'href="({page}/[0-9a-f-]+)">Critical patches', member.http.get(page).text)[0]
    twice = post(member, metric, f"{metric}/record", {"record-measuredOn": "2026-02-28", "record-value": "99"})
    assert twice.status_code == 422 and "Already measured" in field(twice.text, "record-measuredOn")
    infinite = post(member, metric, f"{metric}/record", {"record-measuredOn": "2026-03-31", "record-value": "inf"})
    assert "Enter a number" in field(infinite.text, "record-value")
    assert events_in_log(demo_services) == before


def test_a_coach_reads_the_register_and_its_workbook(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    muller = organisation_id(coach)
    assert f'href="/organisations/{muller}/metrics"' in coach.http.get("/metrics").text
    page = coach.http.get(f"/organisations/{muller}/metrics?missed=yes").text
    assert "Critical patches" in page and "Restore tests passed" not in page
    assert 'id="define-form"' in page  # a coach keeps the metrics with the client
    assert 'id="filter-error"' in coach.http.get(f"/organisations/{muller}/metrics?after=not-a-cursor").text
    download = coach.http.get(f"/organisations/{muller}/metrics.xlsx")
    assert download.status_code == 200
    assert "metrics.xlsx" in download.headers["content-disposition"]
    workbook = load_workbook(io.BytesIO(download.content))
    assert workbook.sheetnames == ["Metrics", "Measurements"]
    metrics = list(workbook["Metrics"].iter_rows(values_only=True))
    assert metrics[0][:5] == ("Metric", "What it measures and how", "Frequency", "Direction", "Target")
    names = {row[0]: row for row in metrics[1:]}
    assert set(names) == {"Critical patches applied within 14 days", "Phishing test click rate", "Restore tests passed"}
    patching = names["Critical patches applied within 14 days"]
    assert (patching[4], patching[6], patching[12]) == (95, "8.8", "missed")
    assert names["Restore tests passed"][14] == "yes"  # overdue on the test day too
    measured = list(workbook["Measurements"].iter_rows(values_only=True))[1:]
    assert len(measured) == 8
    assert [row[2] for row in measured if row[0] == "Critical patches applied within 14 days"] == [96, 97.5, 95, 98, 91]
