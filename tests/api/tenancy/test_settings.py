"""The consultancy's settings through the API: each refused input is a typed error naming its field and writes
nothing; only the consultancy's admins change them, and only their own consultancy's."""

from __future__ import annotations

from typing import Any

import pytest

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, events_in_log
from tests.api.page_support import MEMBER, ClientFor

RESULT = "__typename ... on UserError { code field message } ... on Consultancy { programmeTemplate { version modules } singleOrganisationBaselineDays allowsClustersAboveStandardSize }"
TEMPLATE = f"mutation($input: ProgrammeTemplateInput!) {{ r: changeProgrammeTemplate(input: $input) {{ {RESULT} }} }}"
BASELINE = f"mutation($days: Float!) {{ r: setSingleOrganisationBaseline(days: $days) {{ {RESULT} }} }}"
LARGE = f"mutation($allowed: Boolean!) {{ r: setLargeClustersAllowed(allowed: $allowed) {{ {RESULT} }} }}"
VALID = {
    "gapAnalysisOnSiteHalfDays": 1,
    "gapAnalysisResultHalfDays": 1,
    "initialTrainingHalfDays": 3,
    "modules": ["Scope and policy", "Risk assessment"],
    "coachingCeilingHalfDays": 20,
    "cycleWeeksMin": 3,
    "cycleWeeksMax": 4,
    "clusterSizeMin": 3,
    "clusterSizeMax": 6,
    "timeZone": "Europe/Luxembourg",
}


def template(client: Any, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = client.execute(TEMPLATE, {"input": {**VALID, **changes}})
    return body


def test_an_admin_saves_a_new_template_version(client_for: ClientFor) -> None:
    saved = template(client_for(ALPINE_ADMIN))["data"]["r"]
    assert saved["programmeTemplate"] == {"version": 2, "modules": ["Scope and policy", "Risk assessment"]}
    harbour = client_for(HARBOUR_ADMIN).data("{ viewer { consultancy { programmeTemplate { version } } } }")
    assert harbour["viewer"]["consultancy"]["programmeTemplate"]["version"] == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"modules": []}, "modules"),
        ({"modules": ["Module"] * 31}, "modules"),
        ({"modules": ["Scope", "Two\nlines"]}, "modules.2"),
        ({"cycleWeeksMin": 0}, "cycleWeeksMin"),
        ({"cycleWeeksMax": 2}, "cycleWeeksMax"),
        ({"clusterSizeMax": 51}, "clusterSizeMax"),
        ({"coachingCeilingHalfDays": 10**12}, "coachingCeilingHalfDays"),
        ({"initialTrainingHalfDays": -1}, "initialTrainingHalfDays"),
        ({"timeZone": "../../etc/passwd"}, "timeZone"),
    ],
)
def test_a_refused_template_names_its_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, changes: dict[str, Any], field: str
) -> None:
    before = events_in_log(demo_services)
    body = template(client_for(ALPINE_ADMIN), **changes)
    refused = body["data"]["r"] if body.get("data") else body["errors"][0]["extensions"]
    assert refused["code"] == "VALIDATION" and refused["field"].removeprefix("input.") == field, body
    assert events_in_log(demo_services) == before


@pytest.mark.parametrize("days", [0, 0.25, 2000.5, -3, 1e300])
def test_a_baseline_out_of_range_is_refused_naming_days(
    client_for: ClientFor, demo_services: Services, days: float
) -> None:
    before = events_in_log(demo_services)
    refused = client_for(ALPINE_ADMIN).data(BASELINE, {"days": days})["r"]
    assert (refused["code"], refused["field"]) == ("VALIDATION", "days")
    assert events_in_log(demo_services) == before


def test_the_baseline_and_the_large_cluster_setting_are_saved(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    assert admin.data(BASELINE, {"days": 42.3})["r"]["singleOrganisationBaselineDays"] == 42.5
    assert admin.data(LARGE, {"allowed": True})["r"]["allowsClustersAboveStandardSize"] is True


@pytest.mark.parametrize("who", [ALPINE_COACH, MEMBER])
def test_only_an_admin_changes_the_settings(client_for: ClientFor, demo_services: Services, who: str) -> None:
    client = client_for(who)
    before = events_in_log(demo_services)
    for refused in (
        template(client)["data"]["r"],
        client.data(BASELINE, {"days": 40})["r"],
        client.data(LARGE, {"allowed": True})["r"],
    ):
        assert refused["code"] == "FORBIDDEN", refused
    assert events_in_log(demo_services) == before


def test_only_an_admin_requires_a_second_factor_and_only_of_their_own_consultancy(
    client_for: ClientFor, demo_services: Services
) -> None:
    required = "mutation { r: setSecondFactorRequired(required: true) { __typename ... on Consultancy { requiresSecondFactor } } }"
    before = events_in_log(demo_services)
    for outsider in (ALPINE_COACH, MEMBER):
        assert client_for(outsider).data(required)["r"]["__typename"] == "ForbiddenError"
    assert events_in_log(demo_services) == before
    assert client_for(ALPINE_ADMIN).data(required)["r"] == {"__typename": "Consultancy", "requiresSecondFactor": True}
    harbour = client_for(HARBOUR_ADMIN).data("{ viewer { consultancy { requiresSecondFactor } } }")
    assert harbour["viewer"]["consultancy"]["requiresSecondFactor"] is False
