"""The "Context and scope" page: a member reaches its own from the navigation and fills it in with the page's forms;
refusals are shown beside their field with nothing saved; retirements are confirmed; the coach and the admins read
it without forms; another member of the cluster and another consultancy get a 404."""

from __future__ import annotations

import re

from backend.services import Services
from domain.tenancy.account import Role
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, events_in_log
from tests.api.page_support import MEMBER, ClientFor, csrf, demo_cluster, field
from tests.api.test_isolation_same_tenant import SECOND_MEMBER, open_account
from tests.support.graphql_client import GraphQLClient


def page_of(client_for: ClientFor) -> tuple[GraphQLClient, str, str]:
    """The signed-in member, its context page reached from the navigation, and the page's address."""
    member = client_for(MEMBER)
    response = member.http.get("/context")
    assert response.history and response.history[0].status_code == 303
    return member, str(response.url.path), response.text


def test_a_member_reaches_its_own_context_and_sees_the_demo(client_for: ClientFor) -> None:
    _, _, page = page_of(client_for)
    assert 'href="/context"' in page  # the main navigation leads here
    assert "Context and scope of Boulangerie Muller" in page
    assert "Customers ask for proof of security before signing" in page
    assert "Fill its data centres in Germany" in page and "Not answered yet." in page
    assert "<strong>Software development</strong>: No software is developed in house" in page
    assert "Signed commitment letter from the managing director" in page
    assert "Answered by the record above" in page
    assert "Raise the issue" in page and "Define the role" in page


def test_a_member_raises_an_issue_and_a_refusal_shows_beside_its_field(
    client_for: ClientFor, demo_services: Services
) -> None:
    member, here, page = page_of(client_for)
    token = csrf(page)
    before = events_in_log(demo_services)
    given = {"csrf_token": token, "issue-text": "x" * 1001, "issue-side": "internal", "issue-category": "people"}
    blank = member.http.post(f"{here}/issues", data=given)
    assert blank.status_code == 422 and "This field is required." in field(blank.text, "issue-effect")
    refused = member.http.post(f"{here}/issues", data=given | {"issue-effect": "Access reviews"})
    assert refused.status_code == 422
    assert "Must be at most 1,000 characters." in field(refused.text, "issue-text")
    assert 'class="error-summary"' in refused.text
    assert events_in_log(demo_services) == before
    done = member.http.post(
        f"{here}/issues",
        data={
            "csrf_token": token,
            "issue-text": "Two bakers leave in spring",
            "issue-side": "internal",
            "issue-category": "people",
            "issue-effect": "Access must be removed on their last day",
        },
    )
    assert '<p class="said" role="status" id="said">The issue is raised.</p>' in done.text
    assert "Two bakers leave in spring" in done.text


def test_an_exclusion_without_its_reason_is_refused_beside_the_exclusions(
    client_for: ClientFor, demo_services: Services
) -> None:
    member, here, page = page_of(client_for)
    before = events_in_log(demo_services)
    given = {
        "csrf_token": csrf(page),
        "scope-statement": "Ordering and delivery",
        "scope-boundaries": "The shop",
        "scope-interfaces": "The bank",
        "scope-exclusions": "Software development: none in house\nThe bakery machines",
        "scope-reason": "Machines listed",
    }
    refused = member.http.post(f"{here}/scope", data=given)
    assert refused.status_code == 422
    assert "Line 2: say why The bakery machines is left out" in field(refused.text, "scope-exclusions")
    assert events_in_log(demo_services) == before
    given["scope-exclusions"] = "Software development: none in house\nThe bakery machines: not networked"
    done = member.http.post(f"{here}/scope", data=given).text
    assert "The scope statement is saved as a new version." in done
    assert "Version 2" in done and "<strong>The bakery machines</strong>: not networked" in done


def test_retiring_a_role_needs_the_box_ticked_and_keeps_it_in_the_history(client_for: ClientFor) -> None:
    member, here, page = page_of(client_for)
    action = re.search(r'action="([^"]+/roles/[^"/]+/retire)"', page)
    assert action is not None
    scope = re.search(r'name="(retire-[^"]+)-reason"', page[page.index(action.group(1)) :])
    assert scope is not None
    unconfirmed = member.http.post(
        action.group(1), data={"csrf_token": csrf(page), f"{scope.group(1)}-reason": "Merged"}
    )
    assert unconfirmed.status_code == 422 and "Tick the box to confirm" in unconfirmed.text
    data = {"csrf_token": csrf(page), f"{scope.group(1)}-reason": "Merged", f"{scope.group(1)}-confirm": "yes"}
    done = member.http.post(action.group(1), data=data).text
    assert "The role is retired." in done
    assert done.count("<strong>CISO</strong>") + done.count("<strong>ISMS manager</strong>") == 1
    shown = member.http.get(f"{here}?retired=yes").text
    assert "Retired: Merged" in shown


def test_the_coach_and_the_admin_read_without_forms_and_outsiders_get_a_404(
    client_for: ClientFor, demo_services: Services
) -> None:
    _, here, _ = page_of(client_for)
    for reader in (ALPINE_COACH, ALPINE_ADMIN):
        page = client_for(reader).http.get(here).text
        assert "Customers ask for proof of security before signing" in page
        assert "Raise the issue" not in page and '<form method="post"' not in page.split("<main", 1)[-1]
    _, members = demo_cluster(client_for(ALPINE_ADMIN))
    open_account(demo_services, SECOND_MEMBER, "Dr Lena Weber", Role.MEMBER, members["Kirchberg Dental"])
    for outsider in (SECOND_MEMBER, HARBOUR_ADMIN):
        response = client_for(outsider).http.get(here)
        assert response.status_code == 404
        assert "Customers ask" not in response.text


def test_a_coach_chooses_among_the_organisations_in_view(client_for: ClientFor) -> None:
    page = client_for(ALPINE_COACH).http.get("/context").text
    assert page.count('/context">') >= 3 and "Boulangerie Muller" in page


def test_a_role_names_its_holder_by_their_member_account(client_for: ClientFor) -> None:
    member, here, page = page_of(client_for)
    option = re.search(
        r'<select id="role-accountId".*?<option value="([0-9a-f-]{36})"[^>]*>Marc Muller</option>', page, re.S
    )
    assert option is not None
    given = {
        "csrf_token": csrf(page),
        "role-kind": "internal_auditor",
        "role-title": "Internal auditor",
        "role-responsibilities": "The audit programme",
        "role-personName": "Marc Muller",
        "role-accountId": option.group(1),
    }
    done = member.http.post(f"{here}/roles", data=given).text
    assert "The role Internal auditor is defined." in done
    assert "(Marc Muller in Cordee)" in done
    assert "An internal auditor who is also ciso would audit their own work." in done
