"""The scheme's page is its labelling body's staff's alone: another body sees its own (none), anyone else nothing;
a refused version, by the API or by the form, writes nothing."""

from __future__ import annotations

import re
from collections.abc import Callable

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log
from tests.api.labels.test_label_tracks import OTHER_REGISTRAR, REGISTRAR, SOPHIE, TOM, other_body
from tests.support.graphql_client import GraphQLClient

PAGE = "/labelling-body/scheme"


def csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def test_the_scheme_page_is_its_body_s_staff_alone(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    other_body(demo_services)
    ours = client_for(REGISTRAR).http.get(PAGE).text
    assert "Version 1 is in force." in ours and "scope-and-baseline" in ours
    theirs = client_for(OTHER_REGISTRAR).http.get(PAGE).text
    assert "Publish the first version" in theirs and "scope-and-baseline" not in theirs
    for email in (ALPINE_ADMIN, ALPINE_COACH, "member@muller.example", SOPHIE, TOM):
        client = client_for(email)
        assert client.http.get(PAGE).status_code in (403, 404), email


def test_a_refused_version_writes_nothing_and_keeps_what_was_typed(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    registrar = client_for(REGISTRAR)
    token = csrf(registrar.http.get(PAGE).text)
    given = {
        "csrf_token": token,
        "scheme-trainingTitle": "Second edition",
        "scheme-trainingMinimumHours": "21",
        "scheme-passMark": "75",
        "scheme-maximumAttempts": "3",
        "scheme-validityMonths": "36",
        "scheme-renewalMissions": "2",
        "scheme-renewalDays": "10",
        "scheme-requirements": "\n".join(
            f"{category} | {category}-one | The first of {category}."
            for category in ("gap_analysis", "risk_management", "management_system", "security_policies")
        ),
    }
    before = events_in_log(demo_services)
    for changed, error in (
        ({"scheme-requirements": "gap_analysis, scope, no bars"}, "Line 1: give the category"),
        ({"scheme-requirements": "nowhere | scope | The scope is set."}, "Nothing was saved"),
        ({"scheme-passMark": "seventy"}, "whole number"),
        ({"scheme-trainingTitle": "A\u0007"}, "control character"),
    ):
        response = registrar.http.post(PAGE, data={**given, **changed})
        assert response.status_code == 422 and error in response.text, changed
        assert "The scope is set." in response.text or "bars" in response.text or "first of" in response.text
    assert events_in_log(demo_services) == before
    published = registrar.http.post(PAGE, data=given, follow_redirects=False)
    assert published.status_code == 303, re.findall(r"class=\"error[^>]*>([^<]+)", published.text)
    assert published.headers["location"] == "/labelling-body/candidates"
    assert events_in_log(demo_services) > before
