"""The audit and nonconformity pages: a member reads the demo's programme, audit and nonconformity, plans an audit
through the form (a dependent auditor refused beside the field), downloads the audit report as XLSX and PDF and
reads it back; the coach, its auditor, records a finding; a member raises and follows a nonconformity."""

from __future__ import annotations

import io
import re
from html import unescape as html_unescape

from openpyxl import load_workbook
from pypdf import PdfReader

from backend.services import Services
from tests.api.conftest import ALPINE_COACH, HARBOUR_ADMIN, events_in_log
from tests.api.page_support import MEMBER, ClientFor, csrf
from tests.support.graphql_client import GraphQLClient


def said(html: str) -> str:
    found = re.search(r'<p class="said"[^>]*>(.*?)</p>', html, re.S)
    return found.group(1).strip() if found else ""


def post(client: GraphQLClient, page: str, action: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    token = csrf(client.http.get(page).text)
    return client.http.post(action, data={"csrf_token": token, **data})


def audits_page(member: GraphQLClient) -> str:
    location = member.http.get("/audits", follow_redirects=False).headers["location"]
    assert re.fullmatch(r"/organisations/[0-9a-f-]+/audits", location)
    return str(location)


def test_a_member_reads_the_audits_and_downloads_the_report(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    page = audits_page(member)
    html = member.http.get(page).text
    assert "A.5.18" in html and "Access control and backups" in html and "Claire Coach" in html
    [audit] = re.findall(rf'href="{page}/([0-9a-f-]+)">Access control and backups<', html)
    detail = member.http.get(f"{page}/{audit}").text
    assert "Minor nonconformity" in detail and "Record a finding" not in detail
    assert "/nonconformities/" in detail  # the finding's nonconformity, linked
    workbook = load_workbook(io.BytesIO(member.http.get(f"{page}/{audit}/report.xlsx").content))
    cells = [str(c.value) for row in workbook.active.iter_rows() for c in row if c.value]  # type: ignore[union-attr]
    assert "Internal audit report: Access control and backups" in cells
    assert "Minor nonconformity" in cells and "Claire Coach" in cells
    pdf = PdfReader(io.BytesIO(member.http.get(f"{page}/{audit}/report.pdf").content))
    text = " ".join("".join(p.extract_text() for p in pdf.pages).split())
    assert "Access control and backups" in text and "Observation" in text and "A.5.18" in text
    assert client_for(HARBOUR_ADMIN).http.get(f"{page}/{audit}/report.pdf").status_code == 404


def test_planning_through_the_form_refuses_a_dependent_auditor_beside_the_field(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    page = audits_page(member)
    html = member.http.get(page).text
    programme = re.search(r'<option value="([0-9a-f-]+)" selected>2026</option>', html)
    marc = re.search(r'<option value="([0-9a-f-]+)"[^>]*>Marc Muller</option>', html)
    claire = re.search(r'<option value="([0-9a-f-]+)"[^>]*>Claire Coach</option>', html)
    assert programme and marc and claire
    given = {"audit-programmeId": programme.group(1), "audit-title": "Documents", "audit-scope": "7.5",
             "audit-criteria": "Clause 7.5", "audit-plannedOn": "2026-11-02"}  # fmt: skip
    refused = post(member, page, f"{page}/plan", given | {"audit-auditorId": marc.group(1)})
    assert refused.status_code == 422 and "choose someone independent" in refused.text
    planned = post(member, page, f"{page}/plan", given | {"audit-auditorId": claire.group(1)})
    assert said(planned.text) == "The audit is planned."
    coach = client_for(ALPINE_COACH)
    [audit] = re.findall(rf'href="{page}/([0-9a-f-]+)">Documents<', coach.http.get(page).text)
    detail = f"{page}/{audit}"
    assert "Record a finding" in coach.http.get(detail).text
    finding = {"finding-kind": "observation", "finding-reference": "7.5", "finding-statement": "Versions unclear",
               "finding-evidence": "Two copies of the policy"}  # fmt: skip
    recorded = post(coach, detail, f"{detail}/finding", finding)
    assert said(recorded.text) == "The finding is recorded." and "Versions unclear" in recorded.text


def test_a_member_raises_a_nonconformity_and_sees_the_overdue_action(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    register = member.http.get("/nonconformities", follow_redirects=False).headers["location"]
    html = member.http.get(register).text
    assert "Leavers keep their web shop accounts" in html and "overdue" in html
    given = {"raise-title": "Visitor badge missing", "raise-description": "A visitor walked in unannounced",
             "raise-severity": "minor", "raise-sourceKind": "incident", "raise-sourceReference": "INC-3"}  # fmt: skip
    raised = post(member, register, register, given)
    assert said(raised.text) == "The nonconformity is raised."
    refused = post(member, register, register, given | {"raise-severity": "huge"})
    assert refused.status_code == 422
    [nc] = re.findall(rf'href="{register}/([0-9a-f-]+)">Visitor badge missing<', member.http.get(register).text)
    page = f"{register}/{nc}"
    analysed = post(member, page, f"{page}/analyse", {"analyse-rootCause": "No sign-in desk"})
    assert said(analysed.text) == "The root cause is recorded."
    assert "Plan a corrective action" in analysed.text


def test_a_member_revises_the_programme_through_its_form_prefilled_refused_beside_the_field(
    client_for: ClientFor, demo_services: Services
) -> None:
    member = client_for(MEMBER)
    page = audits_page(member)
    html = member.http.get(page).text
    found = re.search(r'action="(/organisations/[0-9a-f-]+/audits/programmes/([0-9a-f-]+)/revise)"', html)
    assert found is not None
    action, scope = found.group(1), f"revise-{found.group(2)}"
    areas = re.search(rf'<textarea id="{scope}-areas"[^>]*>([^<]*)</textarea>', html, re.S)
    objectives = re.search(rf'<textarea id="{scope}-objectives"[^>]*>([^<]*)</textarea>', html, re.S)
    assert areas and objectives
    prefilled = html_unescape(areas.group(1))
    assert prefilled.splitlines()[0] == "4.3: Marc Muller"
    assert "A.5.18: Marc Muller" in prefilled and objectives.group(1).strip()
    given = {f"{scope}-areas": prefilled, f"{scope}-objectives": html_unescape(objectives.group(1)),
             f"{scope}-reason": "Clause 10 added after the review"}  # fmt: skip
    before = events_in_log(demo_services)
    for changed, field, says in (
        ({}, "areas", "already so"),  # nothing changed
        ({f"{scope}-areas": prefilled + "\n10.2: Sam Nobody"}, "areas", "Line "),  # not one of its people
        ({f"{scope}-areas": prefilled + "\nA.99.1: Marc Muller"}, "areas", "A.99.1"),  # no such control
        ({f"{scope}-areas": prefilled + "\n10.2: Marc Muller", f"{scope}-reason": " "}, "reason", "required"),
    ):
        refused = post(member, page, action, given | changed)
        assert refused.status_code == 422, changed
        beside = re.search(rf'<p class="error" id="{scope}-{field}-error">([^<]*)</p>', refused.text)
        assert beside and says in html_unescape(beside.group(1)), (changed, refused.text[-3000:])
        assert '<details class="revise" open>' in refused.text
    assert events_in_log(demo_services) == before
    revised = post(member, page, action, given | {f"{scope}-areas": prefilled + "\n10.2: Claire Coach"})
    assert said(revised.text).endswith("audit programme is revised.")
    assert "10.2" in revised.text and events_in_log(demo_services) > before
