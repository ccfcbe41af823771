"""The risk pages: a member identifies, assesses, treats and accepts a risk through the forms and sees each step
said and kept in the history; refusals show beside their fields; the register shows its heat map and filters; the
treatment plan and objectives list what is late; a coach reads without forms."""

from __future__ import annotations

import html
import re

from backend.demo import DEMO_TENANTS
from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log
from tests.api.page_support import MEMBER, ClientFor, csrf, field
from tests.api.risks.support import organisation_id, owner_id
from tests.support.graphql_client import GraphQLClient

DEMO_COLLEAGUE = DEMO_TENANTS[0].colleague[0]
"""Luc, Marc's colleague at Boulangerie Muller: he records management's decisions on Marc's risks."""


def said(page: str) -> str:
    found = re.search(r"<p class=\"said\"[^>]*>(.*?)</p>", page, re.S)
    return html.unescape(found.group(1).strip()) if found else ""


def post(client: GraphQLClient, page: str, action: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    token = csrf(client.http.get(page).text)
    return client.http.post(action, data={"csrf_token": token, **data})


def test_a_member_walks_a_risk_through_the_forms(client_for: ClientFor, demo_services: Services) -> None:
    member = client_for(MEMBER)
    muller = organisation_id(member)
    register = f"/organisations/{muller}/risks"
    assert member.http.get("/risks", follow_redirects=False).headers["location"] == register
    identified = post(
        member,
        register,
        register,
        {
            "identify-title": "Till ransomware",
            "identify-threat": "Criminal gang",
            "identify-vulnerability": "No offline copy",
            "identify-ownerId": owner_id(),
        },
    )
    assert said(identified.text) == "Till ransomware is identified; assess it next."
    [risk_id] = re.findall(rf'href="{register}/([0-9a-f-]+)">Till ransomware<', identified.text)
    page = f"{register}/{risk_id}"

    before = events_in_log(demo_services)
    unassessed = post(member, page, f"{page}/assess", {"assess-likelihood": "9", "assess-impact": "2"})
    assert unassessed.status_code == 422 and events_in_log(demo_services) == before
    assert "from 1 to 3" in field(unassessed.text, "assess-likelihood")
    assessed = post(member, page, f"{page}/assess", {"assess-likelihood": "3", "assess-impact": "3"})
    assert said(assessed.text) == "The risk is assessed." and "<strong>High</strong>" in assessed.text

    bad_control = post(
        member,
        page,
        f"{page}/treat",
        {"treat-option": "mitigate", "treat-controls": "iso27001-2022:99.1", "treat-residualLikelihood": "3",
         "treat-residualImpact": "3"},
    )  # fmt: skip
    assert "No control" in field(bad_control.text, "treat-controls")
    treated = post(
        member,
        page,
        f"{page}/treat",
        {"treat-option": "mitigate", "treat-controls": "iso27001-2022:8.13\niso27001-2022:5.15",
         "treat-ownControls": "Offline copy every night", "treat-residualLikelihood": "3", "treat-residualImpact": "2"},
    )  # fmt: skip
    assert said(treated.text) == "The treatment is recorded."
    assert "8.13 (iso27001-2022)" in treated.text and "Offline copy every night (own control)" in treated.text
    assert "management&#39;s decision is needed" in treated.text and 'id="accept-form"' not in treated.text

    assert 'id="decide-heading"' not in treated.text  # Marc owns the risk: not his to decide for management
    director = client_for(DEMO_COLLEAGUE)
    decided = post(director, page, f"{page}/decide", {"decide-reason": "Board meeting of 3 March"})
    assert said(decided.text) == "Management's decision is recorded: the owner may accept the risk."
    no_date = post(member, page, f"{page}/accept", {"accept-reason": "Cheaper than a new till"})
    assert "This field is required." in field(no_date.text, "accept-until")
    accepted = post(
        member, page, f"{page}/accept", {"accept-reason": "Cheaper than a new till", "accept-until": "2027-06-30"}
    )
    assert said(accepted.text) == "You accepted what remains of the risk."
    assert "until 2027-06-30" in accepted.text
    history = accepted.text.split("<h2>History</h2>")[1]
    for step in ("Identified", "Assessed", "Treated", "Management decided", "Accepted"):
        assert step in history

    listed = member.http.get(f"{register}?search=till+ransomware&order=LEVEL").text
    assert 'id="inherent-heat-map"' in listed and 'id="residual-heat-map"' in listed
    assert "Till ransomware" in listed
    refused_filter = member.http.get(f"{register}?status=lost").text
    assert 'id="filter-error"' in refused_filter


def test_the_plan_and_objectives_pages_flag_what_is_overdue(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    muller = organisation_id(member)
    plan = f"/organisations/{muller}/treatment-plan"
    planned = post(
        member,
        plan,
        plan,
        {"plan-title": "Buy a UPS", "plan-owner": "Shop manager", "plan-dueOn": "2026-12-01",
         "plan-controls": "iso27001-2022:7.11"},
    )  # fmt: skip
    assert said(planned.text) == "Buy a UPS is planned."
    assert "overdue" in planned.text  # due before the test day
    wrong = post(
        member, plan, plan, {"plan-title": "X", "plan-owner": "Y", "plan-dueOn": "2027-01-31", "plan-controls": "nope"}
    )
    assert wrong.status_code == 422 and "No control" in field(wrong.text, "plan-controls")
    [action] = re.findall(rf'action="{plan}/([0-9a-f-]+)/status"', planned.text)[:1]
    done = post(member, plan, f"{plan}/{action}/status", {f"status-{action}-status": "done"})
    assert said(done.text) == "The action's status is changed."

    objectives = f"/organisations/{muller}/objectives"
    set_one = post(
        member,
        objectives,
        objectives,
        {"objective-title": "Restores tested", "objective-measure": "One restore test a month",
         "objective-owner": "IT lead", "objective-dueOn": "2027-03-31"},
    )  # fmt: skip
    assert said(set_one.text) == "Restores tested is set." and "One restore test a month" in set_one.text
    no_measure = post(
        member,
        objectives,
        objectives,
        {"objective-title": "X", "objective-owner": "Y", "objective-dueOn": "2027-03-31"},
    )
    assert "This field is required." in field(no_measure.text, "objective-measure")


def test_a_coach_reads_the_pages_without_forms(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    muller = organisation_id(coach)
    for page in ("risks", "treatment-plan", "objectives"):
        forms = re.findall(
            r'<form method="post" action="([^"]+)"', coach.http.get(f"/organisations/{muller}/{page}").text
        )
        assert forms == ["/logout"], page
    assert "Boulangerie Muller" in coach.http.get("/risks").text


def test_every_reader_sees_what_the_levels_mean(client_for: ClientFor) -> None:
    page = client_for(MEMBER).http.get("/risk-method").text
    assert "Version 1 (the default" in page and 'id="risk-matrix"' in page
    assert "High: its owner, once management has decided" in page


def test_an_admin_sets_a_new_method_on_its_page_and_an_incomplete_matrix_is_refused(
    client_for: ClientFor, demo_services: Services
) -> None:
    admin = client_for(ALPINE_ADMIN)
    assert 'id="the-form"' not in client_for(MEMBER).http.get("/risk-method").text
    scale = "Low: rarely\nHigh: often"
    given = {
        "likelihood": scale,
        "impact": scale,
        "levels": "Low: fine\nHigh: not fine",
        "acceptance": "owner\nmanagement",
    }
    before = events_in_log(demo_services)
    incomplete = post(admin, "/risk-method", "/risk-method", given | {"matrix": "1 1\n1"})
    assert incomplete.status_code == 422 and events_in_log(demo_services) == before
    assert "incomplete" in field(incomplete.text, "matrix")
    done = post(admin, "/risk-method", "/risk-method", given | {"matrix": "1 1\n1 2"})
    assert said(done.text).startswith("The new method is in use")
    assert "Version 2." in done.text
