"""The Statement of Applicability's pages: controls grouped by theme with their filters, a control's decision form
with refusals beside their fields and its history, the review of Annex A, and the versions with their steps."""

from __future__ import annotations

import re
from collections.abc import Callable

from backend.demo import DEMO_ITIL
from tests.api.conftest import ALPINE_COACH
from tests.api.documents.support import KIRCHBERG_MEMBER, MULLER_AUTHOR, MULLER_MANAGER
from tests.api.itil.support import declare
from tests.api.page_support import csrf, field
from tests.api.soa.conftest import Muller
from tests.api.soa.support import mutate
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
DEMO_ITIL_STEPS = [(item, evidence) for item, evidence, _linked in DEMO_ITIL]
SAID = '<p class="said" role="status" id="said">'


def said(html: str) -> str:
    found = re.search(rf"{re.escape(SAID)}(.*?)</p>", html)
    assert found is not None, "nothing said"
    return found.group(1)


def test_a_member_finds_its_statement_grouped_by_theme(client_for: ClientFor, muller: Muller) -> None:
    page = client_for(MULLER_AUTHOR).http.get("/soa")
    assert page.url.path == f"/organisations/{muller.organisation_id}/soa"
    assert "ISO/IEC 27001:2022" in page.text and "Version 2, draft" in page.text
    assert '<h2 id="group-1">Organisational controls</h2>' in page.text and "93 controls shown" in page.text
    assert 'data-control="8.25"' in page.text
    coach = client_for(ALPINE_COACH).http.get("/soa").text
    assert f'href="/organisations/{muller.organisation_id}/soa"' in coach


def test_the_list_filters_by_theme_decision_and_words(client_for: ClientFor, muller: Muller) -> None:
    member, listed = client_for(MULLER_AUTHOR).http, f"/organisations/{muller.organisation_id}/soa"
    physical = member.get(listed, params={"group": "physical"}).text
    assert "14 controls shown" in physical and "Organisational controls</h2>" not in physical
    excluded = member.get(listed, params={"decision": "not_applicable"}).text
    assert "2 controls shown" in excluded and 'data-control="8.28"' in excluded
    assert "No controls match these filters." in member.get(listed, params={"search": "zzz"}).text


def test_a_decision_is_refused_beside_its_field_then_saved_with_its_history(
    client_for: ClientFor, muller: Muller
) -> None:
    member = client_for(MULLER_AUTHOR).http
    control = f"/organisations/{muller.organisation_id}/soa/controls/7.4"
    page = member.get(control).text
    assert "Information security policy" in page  # a document to link as evidence
    refused = member.post(
        control, data={"csrf_token": csrf(page), "decide-applicable": "no", "decide-justification": ""}
    )
    assert refused.status_code == 422 and "has-error" in field(refused.text, "decide-justification")
    unreasoned = member.post(control, data={
        "csrf_token": csrf(page), "decide-applicable": "yes", "decide-justification": "Cameras watch the shop.",
        "decide-implementation": "planned",
    })  # fmt: skip
    assert unreasoned.status_code == 422 and "Say why the control is included" in unreasoned.text
    done = member.post(control, data={
        "csrf_token": csrf(page), "decide-applicable": "yes", "decide-justification": "Cameras watch the shop.",
        "decide-implementation": "planned", "decide-reason-risk_treatment": "yes", "decide-reason-legal": "yes",
        f"decide-evidence-{muller.policy_id}": "yes",
    })  # fmt: skip
    assert said(done.text) == "Control 7.4 is decided."
    assert "Applicable" in done.text and "risk treatment, legal" in done.text
    assert "Version 2: decided by Marc Muller" in done.text and ">Information security policy</a>" in done.text


def test_the_review_page_names_what_may_be_missed(client_for: ClientFor, muller: Muller) -> None:
    page = client_for(ALPINE_COACH).http.get(f"/organisations/{muller.organisation_id}/soa/review").text
    assert "Applicable without a reason (3)" in page and "5.15 " in page  # 8.13 treats the demo's ransomware risk
    assert "Not decided yet (0)" in page


def test_submit_then_another_person_approves_with_confirmation(client_for: ClientFor, muller: Muller) -> None:
    versions = f"/organisations/{muller.organisation_id}/soa/versions"
    member = client_for(MULLER_AUTHOR).http
    page = member.get(versions).text
    assert "soa.xlsx" in page and "Claire Coach" in page  # version 1 approved and downloadable
    submitted = member.post(f"{versions}/2/submit", data={"csrf_token": csrf(page)})
    assert said(submitted.text) == "Version 2 is submitted: someone other than you approves it."
    assert "Approve version 2" not in submitted.text
    manager = client_for(MULLER_MANAGER).http
    page = manager.get(versions).text
    unconfirmed = manager.post(f"{versions}/2/approve", data={"csrf_token": csrf(page)})
    assert unconfirmed.status_code == 422 and "Tick the box to confirm" in unconfirmed.text
    done = manager.post(f"{versions}/2/approve", data={"csrf_token": csrf(page), "approve-2-confirm": "yes"})
    assert said(done.text).startswith("Version 2 is approved and frozen")
    assert "Version 3: draft" in done.text and "/soa/versions/2/soa.pdf" in done.text


def test_a_statement_is_started_and_moved_to_2022_from_the_pages(client_for: ClientFor, muller: Muller) -> None:
    kirchberg = client_for(KIRCHBERG_MEMBER).http
    own = f"/organisations/{muller.kirchberg_id}/soa"
    page = kirchberg.get(own).text
    assert "Start the statement" in page
    started = kirchberg.post(f"{own}/start", data={"csrf_token": csrf(page), "start-catalogue": "iso27001-2005"})
    assert "ISO/IEC 27001:2005" in started.text and "133 controls shown" in started.text
    control = kirchberg.get(f"{own}/controls/A.5.1.1").text
    kirchberg.post(f"{own}/controls/A.5.1.1", data={
        "csrf_token": csrf(control), "decide-applicable": "yes", "decide-justification": "Board wants it.",
        "decide-implementation": "partial", "decide-reason-business": "yes",
    })  # fmt: skip
    versions = kirchberg.get(f"{own}/versions").text
    moved = kirchberg.post(f"{own}/move", data={
        "csrf_token": csrf(versions), "move-catalogue": "iso27001-2022", "move-confirm": "yes",
    })  # fmt: skip
    assert "marked to review" in said(moved.text)
    review = kirchberg.get(f"{own}/review").text
    assert "Carried over, to review (1)" in review and "5.1 " in review


def test_outsiders_get_no_statement_page(client_for: ClientFor, muller: Muller) -> None:
    kirchberg = client_for(KIRCHBERG_MEMBER).http
    own = f"/organisations/{muller.organisation_id}/soa"
    for path in ("", "/review", "/versions", "/controls/5.1"):
        assert kirchberg.get(own + path).status_code == 404, path


def test_an_itil_proposal_fills_the_form_and_the_coach_confirms_it(client_for: ClientFor, muller: Muller) -> None:
    """Kirchberg declares ITIL incident management and starts its statement: its undecided 5.24 shows the proposal
    and the form filled in from it; saving with a reason confirms it, and a decided control proposes nothing any
    more."""
    member, own = client_for(KIRCHBERG_MEMBER), muller.kirchberg_id
    for item, evidence in DEMO_ITIL_STEPS:
        assert "code" not in declare(member, own, item, evidence), item
    mutate(member, "startSoa", "StartSoaInput", {"organisationId": own, "catalogue": "iso27001-2022"})
    coach = client_for(ALPINE_COACH).http
    control = f"/organisations/{own}/soa/controls/5.24"
    page = coach.get(control).text
    assert 'id="itil-proposal"' in page and "implementation\n      partial" in page
    assert "ITIL incident management" in page
    justification = re.search(r'<textarea[^>]*name="decide-justification"[^>]*>([^<]*)</textarea>', page)
    assert justification is not None and justification.group(1).startswith("Evidence: ")
    assert re.search(r'<option value="partial" selected', page)
    assert re.search(r'name="decide-applicable" value="yes" required checked', page)
    done = coach.post(control, data={
        "csrf_token": csrf(page), "decide-applicable": "yes", "decide-justification": justification.group(1),
        "decide-implementation": "partial", "decide-reason-business": "yes",
    })  # fmt: skip
    assert said(done.text) == "Control 5.24 is decided."
    assert 'id="itil-proposal"' not in done.text and "ITIL incident management" in done.text
    undeclared = coach.get(f"/organisations/{own}/soa/controls/8.16").text
    assert 'id="itil-proposal"' not in undeclared  # monitoring is not declared
