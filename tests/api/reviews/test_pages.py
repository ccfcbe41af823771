"""The management reviews' pages: the list with its filter and sort, a review's page with the inputs it kept, its
decisions and actions, the form of each step with refusals beside their fields, and buttons only for those who may."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from tests.api.conftest import ALPINE_COACH
from tests.api.page_support import csrf, field
from tests.api.reviews.conftest import Muller
from tests.api.reviews.support import KIRCHBERG_MEMBER, MULLER_MEMBER
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
SAID = '<p class="said" role="status" id="said">'


def said(page: str) -> str:
    found = re.search(rf"{re.escape(SAID)}(.*?)</p>", page)
    assert found is not None, "nothing said"
    return html.unescape(found.group(1))


def test_a_member_finds_its_reviews_from_the_navigation_and_the_coach_chooses_the_organisation(
    client_for: ClientFor, muller: Muller
) -> None:
    page = client_for(MULLER_MEMBER).http.get("/reviews")
    assert page.url.path == f"/organisations/{muller.organisation_id}/reviews"
    assert f'href="/reviews/{muller.review_id}"' in page.text and "Plan a management review" in page.text
    coach = client_for(ALPINE_COACH).http
    assert f'href="/organisations/{muller.organisation_id}/reviews"' in coach.get("/reviews").text
    listed = coach.get(f"/organisations/{muller.organisation_id}/reviews").text
    assert f'href="/reviews/{muller.review_id}"' in listed and "Plan a management review" not in listed


def test_the_list_filters_by_status(client_for: ClientFor, muller: Muller) -> None:
    member, listed = client_for(MULLER_MEMBER).http, f"/organisations/{muller.organisation_id}/reviews"
    assert muller.review_id in member.get(listed, params={"status": "held", "orderBy": "oldest"}).text
    assert "No management reviews match this filter." in member.get(listed, params={"status": "closed"}).text


def test_the_review_page_shows_the_inputs_kept_the_decisions_and_the_buttons_the_member_may_use(
    client_for: ClientFor, muller: Muller
) -> None:
    page = client_for(MULLER_MEMBER).http.get(f"/reviews/{muller.review_id}").text
    assert "and corrective actions" in page and "Leavers keep their web shop accounts" in page
    assert "Not yet recorded in Cordee" not in page, "every input is gathered from its register"
    assert "How it was reached:" in page and "Resources committed:" in page
    assert "Buy and label the second backup disk" in page
    assert "Record the decision" in page and "Close the review" in page
    assert 'href="/reviews/' + muller.review_id + '/minutes.pdf"' in page
    coach = client_for(ALPINE_COACH).http.get(f"/reviews/{muller.review_id}").text
    assert "Buy and label the second backup disk" in coach
    assert "Record the decision" not in coach and "Close the review" not in coach and "Update" not in coach


def test_a_decision_refused_shows_beside_its_field_then_is_recorded_and_the_review_closed(
    client_for: ClientFor, muller: Muller
) -> None:
    member, at = client_for(MULLER_MEMBER).http, f"/reviews/{muller.review_id}"
    token = csrf(member.get(at).text)
    given = {"csrf_token": token, "decision-text": "Replace the till", "decision-resources": "900 EUR"}
    refused = member.post(f"{at}/decisions", data=given | {"decision-howReached": " "})
    assert refused.status_code == 422 and "has-error" in field(refused.text, "decision-howReached")
    late = given | {"decision-howReached": "Vote", "decision-title": "Buy", "decision-owner": "Marc"}
    refused = member.post(f"{at}/decisions", data=late | {"decision-dueOn": "2001-01-01"})
    assert refused.status_code == 422 and "has-error" in field(refused.text, "decision-dueOn")
    done = member.post(f"{at}/decisions", data=given | {"decision-howReached": "Vote, three for"})
    assert said(done.text) == "The decision is recorded." and "Vote, three for" in done.text
    unconfirmed = member.post(f"{at}/close", data={"csrf_token": token})
    assert unconfirmed.status_code == 422 and "Tick the box to confirm: a closed review is frozen." in unconfirmed.text
    closed = member.post(f"{at}/close", data={"csrf_token": token, "close-confirm": "yes"})
    assert said(closed.text).startswith("The review is closed")
    assert "Record the decision" not in closed.text and "Correct this decision" in closed.text


def test_a_member_plans_a_review_and_gathers_its_inputs(client_for: ClientFor, muller: Muller) -> None:
    member, listed = client_for(MULLER_MEMBER).http, f"/organisations/{muller.organisation_id}/reviews"
    token = csrf(member.get(listed).text)
    given = {"csrf_token": token, "plan-heldOn": "2026-06-01", "plan-chair": "Marc Muller"}
    refused = member.post(listed, data=given | {"plan-attendees": "  "})
    assert refused.status_code == 422 and "has-error" in field(refused.text, "plan-attendees")
    planned = member.post(listed, data=given | {"plan-attendees": "Marc Muller\nLuc Muller"})
    assert re.fullmatch(r"/reviews/[0-9a-f-]{36}", planned.url.path)
    assert "Gather the inputs from the registers" in planned.text and "Hold the review" not in planned.text
    gathered = member.post(f"{planned.url.path}/gather", data={"csrf_token": token})
    assert "Status of actions from previous management reviews" in gathered.text
    assert "Hold the review" in gathered.text


def test_another_member_of_the_cluster_finds_no_review_page(client_for: ClientFor, muller: Muller) -> None:
    outsider = client_for(KIRCHBERG_MEMBER).http
    assert outsider.get(f"/reviews/{muller.review_id}").status_code == 404
    assert outsider.get(f"/organisations/{muller.organisation_id}/reviews").status_code == 404
