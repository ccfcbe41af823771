"""The ITIL page: a member reaches its own from the navigation, sees its declarations and the picture, declares and
withdraws with the page's forms (refusals beside their field, nothing saved); the coach reads it, sees the gap
analysis proposals and records them confirmed or corrected; another member of the cluster gets a 404."""

from __future__ import annotations

import re
from datetime import date

from backend.services import Services
from tests.api.conftest import ALPINE_COACH, events_in_log
from tests.api.page_support import MEMBER, ClientFor, csrf, field
from tests.api.test_isolation_same_tenant import SECOND_MEMBER, Alpine, alpine
from tests.support.graphql_client import GraphQLClient

__all__ = ["alpine"]


def page_of(client: GraphQLClient, path: str = "/itil") -> tuple[str, str]:
    response = client.http.get(path)
    assert response.status_code == 200, response.text
    return str(response.url.path), response.text


def test_a_member_reaches_its_own_page_with_its_declarations_the_picture_and_its_text_alternative(
    client_for: ClientFor,
) -> None:
    here, page = page_of(client_for(MEMBER))
    assert re.fullmatch(r"/organisations/[0-9a-f-]{36}/itil", here)
    assert 'href="/itil"' in page and "ITIL already in place at Boulangerie Muller" in page
    assert "Help-desk tickets since 2022" in page and "Evidence for Annex A 5.24, 5.25, 5.26, 5.27, 5.28." in page
    assert '<svg viewBox="0 0 640 372" role="img" aria-labelledby="itil-map-title itil-map-desc"' in page
    assert page.count('class="itil-box is-marked"') == 4  # steps 1 and 2, and the ISO steps 1 and 2 they feed
    assert page.count('class="itil-link is-marked"') == 2 and page.count('class="itil-link"') == 5
    assert "<caption>The links, as a table</caption>" in page
    assert '<th scope="row">5 Document all necessary information</th>' in page
    assert "4 Plan business continuity and disaster recovery; 3 Document all changes" in page
    assert "Declare an ITIL step or practice" in page and "Record the gap analysis" not in page


def test_a_member_declares_and_a_refusal_shows_beside_its_field_with_nothing_saved(
    client_for: ClientFor, demo_services: Services
) -> None:
    member = client_for(MEMBER)
    here, page = page_of(member)
    token = csrf(page)
    before = events_in_log(demo_services)
    blank = member.http.post(f"{here}/declarations", data={"csrf_token": token, "declare-item": "monitoring"})
    assert blank.status_code == 422 and "This field is required." in field(blank.text, "declare-evidence")
    too_long = {"csrf_token": token, "declare-item": "monitoring", "declare-evidence": "x" * 2001}
    refused = member.http.post(f"{here}/declarations", data=too_long)
    assert refused.status_code == 422 and "Must be at most 2,000 characters." in field(refused.text, "declare-evidence")
    assert 'class="error-summary"' in refused.text
    assert events_in_log(demo_services) == before
    done = member.http.post(
        f"{here}/declarations",
        data={"csrf_token": token, "declare-item": "monitoring", "declare-evidence": "Nagios watches the till"},
    )
    assert done.status_code == 200 and "The declaration is recorded." in done.text
    assert "Nagios watches the till" in done.text and "Evidence for Annex A 8.16." in done.text


def test_a_withdrawal_needs_its_reason_and_its_confirmation_and_stays_in_the_history(
    client_for: ClientFor, demo_services: Services
) -> None:
    member = client_for(MEMBER)
    here, page = page_of(member)
    token = csrf(page)
    before = events_in_log(demo_services)
    unconfirmed = member.http.post(
        f"{here}/declarations/change-management/withdraw",
        data={"csrf_token": token, "withdraw-change-management-reason": "The supplier left"},
    )
    assert unconfirmed.status_code == 422 and "Tick the box" in unconfirmed.text
    assert events_in_log(demo_services) == before
    done = member.http.post(
        f"{here}/declarations/change-management/withdraw",
        data={
            "csrf_token": token,
            "withdraw-change-management-reason": "The supplier left",
            "withdraw-change-management-confirm": "yes",
        },
    )
    assert "The declaration is withdrawn" in done.text
    assert "Withdrawn: ITIL change management, by Marc Muller" in done.text and "The supplier left" in done.text
    assert 'data-item="change-management"' not in done.text


def test_the_coach_reads_the_page_and_records_the_proposals_confirmed_or_corrected(
    client_for: ClientFor, demo_services: Services, alpine: Alpine
) -> None:
    coach = client_for(ALPINE_COACH)
    here, page = page_of(coach, f"/organisations/{alpine.muller}/itil")
    assert "Declare an ITIL step or practice" not in page and "Withdraw" not in page
    assert "evidence: ITIL incident management — Help-desk tickets since 2022" in page
    scope = f"gap-{alpine.cluster_id}"
    assert f'id="{scope}-theme-organisational"' in page
    assert re.search(rf'id="{scope}-theme-organisational".*?<option value="2" selected>', page, re.S)
    today = date.today().isoformat()
    given = {"csrf_token": csrf(page), f"{scope}-visitedOn": today, f"{scope}-analysedOn": today}
    levels = {f"{scope}-clause-{n}": "1" for n in range(4, 11)} | {
        f"{scope}-theme-{t}": "2" for t in ("organisational", "people", "physical", "technological")
    }
    before = events_in_log(demo_services)
    missing = coach.http.post(f"{here}/gap/{alpine.cluster_id}", data=given | {f"{scope}-visitedOn": ""} | levels)
    assert missing.status_code == 422 and events_in_log(demo_services) == before
    done = coach.http.post(f"{here}/gap/{alpine.cluster_id}", data=given | levels)
    assert done.status_code == 200 and "The gap analysis is recorded with the levels you confirmed." in done.text
    assert f"/clusters/{alpine.cluster_id}/members/{alpine.muller}" in str(done.url)
    _, after = page_of(coach, here)
    assert "(from assessment 2)" in after


def test_another_member_of_the_cluster_gets_a_404(client_for: ClientFor, alpine: Alpine) -> None:
    response = client_for(SECOND_MEMBER).http.get(f"/organisations/{alpine.muller}/itil")
    assert response.status_code == 404
