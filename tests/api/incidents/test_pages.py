"""The incident pages: a member reports an incident and takes it through acknowledge, escalate, restore and close
with the forms, each step said and on the timeline; a refusal shows beside its field and writes nothing; the
service levels, the monthly report and the monitoring tokens (the secret shown once) have their pages; a coach reads
without forms."""

from __future__ import annotations

import html
import re

from backend.services import Services
from tests.api.conftest import ALPINE_COACH, events_in_log
from tests.api.incidents.test_incidents import muller
from tests.api.page_support import MEMBER, ClientFor, csrf, field
from tests.support.graphql_client import GraphQLClient


def said(page: str) -> str:
    found = re.search(r"<p class=\"said\"[^>]*>(.*?)</p>", page, re.S)
    return html.unescape(found.group(1).strip()) if found else ""


def post(client: GraphQLClient, page: str, action: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    token = csrf(client.http.get(page).text)
    return client.http.post(action, data={"csrf_token": token, **data})


def test_a_member_takes_an_incident_through_its_timeline(client_for: ClientFor, demo_services: Services) -> None:
    member = client_for(MEMBER)
    org = muller(member)
    register = f"/organisations/{org}/incidents"
    assert member.http.get("/incidents", follow_redirects=False).headers["location"] == register
    listed = member.http.get(register).text
    assert "Online orders not arriving" in listed and "Missed" in listed
    before = events_in_log(demo_services)
    refused = post(member, register, register, {"report-title": "Oven down", "report-service": "Bakery floor"})
    assert refused.status_code == 422 and events_in_log(demo_services) == before
    assert field(refused.text, "report-severity")
    reported = post(
        member,
        register,
        register,
        {"report-title": "Oven down", "report-service": "Bakery floor", "report-severity": "high"},
    )
    assert said(reported.text) == "Oven down is reported; its targets run from now."
    [incident_id] = re.findall(rf'href="{register}/([0-9a-f-]+)">Oven down<', reported.text)
    page = f"{register}/{incident_id}"
    acknowledged = post(member, page, f"{page}/acknowledge", {"acknowledge-note": "On it"})
    assert said(acknowledged.text) == "Acknowledged."
    escalated = post(member, page, f"{page}/escalate", {"escalate-level": "first", "escalate-handledBy": "Desk"})
    assert said(escalated.text) == "Escalated to Desk."
    skipped = post(member, page, f"{page}/escalate", {"escalate-level": "third", "escalate-handledBy": "Vendor"})
    assert skipped.status_code == 422 and "next is the second level" in html.unescape(skipped.text)
    restored = post(member, page, f"{page}/restore", {})
    assert said(restored.text).startswith("The service is restored")
    unlearned = post(member, page, f"{page}/close", {"close-lessonsLearned": " "})
    assert unlearned.status_code == 422
    closed = post(member, page, f"{page}/close", {"close-lessonsLearned": "Service the oven yearly"})
    assert said(closed.text) == "The incident is closed."
    timeline = re.search(r'<ol class="timeline" id="timeline">(.*?)</ol>', closed.text, re.S)
    assert timeline and [
        s for s in ("Reported", "Acknowledged", "Escalated", "Restored", "Closed") if s in timeline.group(1)
    ] == ["Reported", "Acknowledged", "Escalated", "Restored", "Closed"]
    assert "Service the oven yearly" in closed.text and "Close the incident" not in closed.text
    report = member.http.get(f"{register}/monthly-report?service=Bakery+floor").text
    assert "Available" in report and "Oven down" in report


def test_service_levels_and_tokens_pages(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    org = muller(member)
    levels = f"/organisations/{org}/service-levels"
    page = member.http.get(levels).text
    assert "Version 1" in page and "Agree a new version" in page
    fields = {
        f"agree-{severity}-{target}": str(minutes)
        for severity, base in (("critical", 15), ("high", 30), ("medium", 60), ("low", 240))
        for target, minutes in (("reaction", base), ("escalation", base * 2), ("recovery", base * 20))
    }
    agreed = post(member, levels, levels, fields | {"agree-reason": "New contract"})
    assert said(agreed.text).startswith("The service levels are agreed") and "Version 2" in agreed.text
    slow = post(member, levels, levels, fields | {"agree-critical-reaction": "45"})
    assert slow.status_code == 422
    tokens = f"/organisations/{org}/monitoring-tokens"
    revoke = re.compile(rf'action="{tokens}/([0-9a-f-]+)/revoke"')
    demo = set(revoke.findall(member.http.get(tokens).text))  # the demo's own token
    issued = post(member, tokens, tokens, {"issue-label": "Icinga"})
    secret = re.search(r'<code id="token-secret">([^<]+)</code>', issued.text)
    assert secret and issued.headers["cache-control"] == "no-store"
    again = member.http.get(tokens).text
    assert secret.group(1) not in again and "Revoke Icinga" in again
    [token_id] = set(revoke.findall(again)) - demo
    revoked = post(member, tokens, f"{tokens}/{token_id}/revoke", {})
    assert said(revoked.text).startswith("The token is revoked") and "Revoke Icinga" not in revoked.text


def test_a_coach_reads_without_forms(client_for: ClientFor) -> None:
    org = muller(client_for(MEMBER))
    coach = client_for(ALPINE_COACH)
    listed = coach.http.get(f"/organisations/{org}/incidents").text
    assert "Online orders not arriving" in listed and "Report an incident" not in listed
    [incident_id] = re.findall(r'href="/organisations/[^/]+/incidents/([0-9a-f-]+)">Online orders', listed)
    detail = coach.http.get(f"/organisations/{org}/incidents/{incident_id}").text
    assert "Web shop provider" in detail and "<form" not in detail.split("<main", 1)[-1].split("Sign out")[0]
    assert "Issue the token" not in coach.http.get(f"/organisations/{org}/monitoring-tokens").text
