"""The incident pages: a member reports an incident and takes it through acknowledge, escalate, restore and close
with the forms, each step said and on the timeline; a refusal shows beside its field and writes nothing; the
service levels, the monthly report and the monitoring tokens (the secret shown once) have their pages; a coach reads
without forms."""

from __future__ import annotations

import html
import re
import uuid
from datetime import UTC, datetime, timedelta

from backend.services import Services
from domain.tenancy.account import Role
from tests.api.conftest import ALPINE_COACH, events_in_log
from tests.api.incidents.test_incidents import _kirchberg, muller
from tests.api.page_support import MEMBER, ClientFor, csrf, field
from tests.api.test_isolation_same_tenant import SECOND_MEMBER, open_account
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
    assert said(reported.text) == "Oven down is reported; its targets run from the time it was reported."
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


def _local(value: datetime) -> str:
    """A time as a datetime-local field takes it."""
    return value.strftime("%Y-%m-%dT%H:%M")


def test_the_forms_record_the_time_entered(client_for: ClientFor, demo_services: Services) -> None:
    member = client_for(MEMBER)
    org = muller(member)
    register = f"/organisations/{org}/incidents"
    form = member.http.get(register).text
    assert 'type="datetime-local"' in field(form, "report-reportedAt") and "UTC" in field(form, "report-reportedAt")
    reported_at = (datetime.now(UTC) - timedelta(days=2)).replace(hour=9, minute=5, second=0, microsecond=0)
    base = {"report-title": "Till frozen", "report-service": "Shop tills", "report-severity": "high"}
    before = events_in_log(demo_services)
    for bad, message in (("yesterday", "Enter a date and a time"), ("2199-01-01T09:00", "future")):
        refused = post(member, register, register, base | {"report-reportedAt": bad})
        assert refused.status_code == 422 and message in html.unescape(field(refused.text, "report-reportedAt"))
    assert events_in_log(demo_services) == before
    reported = post(member, register, register, base | {"report-reportedAt": _local(reported_at)})
    [incident_id] = re.findall(rf'href="{register}/([0-9a-f-]+)">Till frozen<', reported.text)
    page = f"{register}/{incident_id}"
    early = post(member, page, f"{page}/acknowledge", {"acknowledge-at": _local(reported_at - timedelta(hours=1))})
    assert early.status_code == 422 and "previous step" in html.unescape(field(early.text, "acknowledge-at"))
    assert events_in_log(demo_services) == before + 1
    for action, minutes, more in (
        ("acknowledge", 15, {}),
        ("escalate", 30, {"escalate-level": "first", "escalate-handledBy": "Desk"}),
        ("restore", 95, {}),
        ("close", 120, {"close-lessonsLearned": "Spare till"}),
    ):
        done = post(
            member, page, f"{page}/{action}", {f"{action}-at": _local(reported_at + timedelta(minutes=minutes))} | more
        )
        assert done.status_code == 200, action
    shown = member.http.get(page).text
    timeline = re.search(r'<ol class="timeline" id="timeline">(.*?)</ol>', shown, re.S)
    assert timeline
    for minutes in (0, 15, 30, 95, 120):
        assert (reported_at + timedelta(minutes=minutes)).strftime("%Y-%m-%d %H:%M UTC") in timeline.group(1)


def test_the_incident_page_links_assets_and_risks(client_for: ClientFor, demo_services: Services) -> None:
    member = client_for(MEMBER)
    org = muller(member)
    register = f"/organisations/{org}/incidents"
    reported = post(member, register, register, {"report-title": "Files gone", "report-service": "Office",
                                                 "report-severity": "medium"})  # fmt: skip
    [incident_id] = re.findall(rf'href="{register}/([0-9a-f-]+)">Files gone<', reported.text)
    page = f"{register}/{incident_id}"
    shown = member.http.get(page).text
    assert re.search(r"<title>([^<]*)</title>", shown).group(1).startswith("Files gone")  # type: ignore[union-attr]
    assert shown.count('id="link-heading"') == 1, "the form stands once, in the page's body"
    assets = re.findall(r'name="link-asset-([0-9a-f-]+)"', shown)
    risks = re.findall(r'name="link-risk-([0-9a-f-]+)"', shown)
    assert assets and risks
    linked = post(member, page, f"{page}/link", {f"link-asset-{assets[0]}": "on", f"link-risk-{risks[0]}": "on"})
    assert said(linked.text) == "The incident's assets and risks are saved."
    assert f'name="link-asset-{assets[0]}" id="link-asset-{assets[0]}" checked' in linked.text
    concerned = re.search(r'<dd id="incident-links">(.*?)</dd>', linked.text, re.S)
    assert concerned and concerned.group(1).count(",") == 1
    open_account(demo_services, SECOND_MEMBER, "Dr Lena Weber", Role.MEMBER, _kirchberg(client_for))
    theirs = client_for(SECOND_MEMBER)
    kirchberg = _kirchberg(client_for)
    registered = theirs.data(
        """mutation($input: RegisterAssetInput!) { r: registerAsset(input: $input) {
        __typename ... on AssetChange { asset { id } } } }""",
        {"input": {"organisationId": kirchberg, "name": "Dental X-ray", "kind": "hardware", "owner": "Lena"}},
    )["r"]
    assert registered["__typename"] == "AssetChange", registered
    before = events_in_log(demo_services)
    for posted, shown_beside in (
        ({f"link-asset-{registered['asset']['id']}": "on"}, "link-assetIds"),
        ({f"link-risk-{uuid.uuid4()}": "on"}, "link-riskIds"),
        ({"link-asset-not-an-id": "on"}, "link-assetIds"),
    ):
        refused = post(member, page, f"{page}/link", posted)
        assert refused.status_code == 422, posted
        assert f'id="{shown_beside}-error"' in refused.text, posted
    assert events_in_log(demo_services) == before
    coach = client_for(ALPINE_COACH).http.get(page).text
    assert "link-form" not in coach and "incident-links" in coach
    outsider = client_for(SECOND_MEMBER)
    assert outsider.http.get(page).status_code == 404
    assert post_as(outsider, register, f"{page}/link", {f"link-asset-{assets[0]}": "on"}).status_code in (403, 404)
    assert events_in_log(demo_services) == before


def post_as(client: GraphQLClient, page: str, action: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    """A post with the client's own token, from a page of its own (it may not open the one it posts to)."""
    token = csrf(client.http.get("/").text)
    return client.http.post(action, data={"csrf_token": token, **data})


def test_a_step_left_without_a_time_is_taken_now_even_right_after_a_report_with_seconds(
    client_for: ClientFor,
) -> None:
    """The timeline's forms start empty (now, when sent): a minute's value filled in could fall before a report
    made by the API or by monitoring seconds earlier, and be refused."""
    member = client_for(MEMBER)
    org = muller(member)
    register = f"/organisations/{org}/incidents"
    reported = post(member, register, register, {"report-title": "Router down", "report-service": "Office",
                                                 "report-severity": "low", "report-reportedAt": ""})  # fmt: skip
    [incident_id] = re.findall(rf'href="{register}/([0-9a-f-]+)">Router down<', reported.text)
    page = f"{register}/{incident_id}"
    assert 'value=""' in field(member.http.get(page).text, "acknowledge-at")
    done = post(member, page, f"{page}/acknowledge", {"acknowledge-at": ""})
    assert done.status_code == 200 and "Acknowledged" in done.text


def test_a_closed_incidents_lessons_open_a_nonconformity_from_its_page(
    client_for: ClientFor, demo_services: Services
) -> None:
    member = client_for(MEMBER)
    org = muller(member)
    register = f"/organisations/{org}/incidents"
    [incident_id] = re.findall(
        rf'href="{register}/([0-9a-f-]+)">Card terminal offline<', member.http.get(register).text
    )
    page = f"{register}/{incident_id}"
    shown = member.http.get(page).text
    assert "Open a nonconformity from these lessons" in shown
    assert 'name="lessons-title" type="text" value="Card terminal offline"' in shown
    assert re.search(r'<textarea id="lessons-description"[^>]*>\s*Keep the spare terminal charged</textarea>', shown)
    assert "Open a nonconformity" not in shown.split("<main", 1)[0]
    before = events_in_log(demo_services)
    refused = post(member, page, f"{page}/lessons", {"lessons-title": "Spares", "lessons-severity": "critical"})
    assert refused.status_code == 422 and field(refused.text, "lessons-severity")
    untitled = post(member, page, f"{page}/lessons", {"lessons-title": " ", "lessons-severity": "minor"})
    assert untitled.status_code == 422 and field(untitled.text, "lessons-title")
    assert events_in_log(demo_services) == before
    opened = post(member, page, f"{page}/lessons", {"lessons-title": "No spare terminal", "lessons-severity": "minor"})
    assert said(opened.text) == "The nonconformity is opened from the incident's lessons learned."
    assert re.search(rf'From incident <a href="{page}">Card terminal offline</a>', opened.text)
    assert "No spare terminal" in opened.text and "Keep the spare terminal charged" in opened.text
    coach = client_for(ALPINE_COACH)
    assert "Open a nonconformity from these lessons" in coach.http.get(page).text
    open_account(demo_services, SECOND_MEMBER, "Dr Lena Weber", Role.MEMBER, _kirchberg(client_for))
    other = client_for(SECOND_MEMBER)
    before = events_in_log(demo_services)
    token = csrf(other.http.get("/").text)
    posted = {"csrf_token": token, "lessons-title": "Not mine", "lessons-severity": "minor"}
    assert other.http.post(f"{page}/lessons", data=posted).status_code >= 400
    assert events_in_log(demo_services) == before
