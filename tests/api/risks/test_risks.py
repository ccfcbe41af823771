"""An organisation keeps its risk register: its member accounts identify, assess, treat and close risks, its risk
owner accepts what remains; every step is in the risk's history; every bad value is refused on its field and a
refusal writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any
from uuid import UUID

import pytest

from backend.services import Services
from domain.tenancy.account import Role
from domain.tenancy.consultancy import consultancy_id
from projections.queries import Scope
from tests.api.assets.support import register as register_asset
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log
from tests.api.page_support import MEMBER, ClientFor
from tests.api.risks.support import (
    RISKS,
    SECOND_MULLER,
    identify,
    mutate,
    organisation_id,
    owner_id,
    risk,
)
from tests.api.test_isolation_same_tenant import open_account
from tests.conftest import TEST_DAY

SOON = (TEST_DAY + timedelta(days=200)).isoformat()
REVIEW = "__typename ... on UserError { code field message } ... on RiskReviewHeld { review { heldOn notes } }"


@pytest.fixture
def second_muller(client_for: ClientFor, demo_services: Services) -> str:
    """Another member account of Boulangerie Muller: not the risks' owner."""
    open_account(demo_services, SECOND_MULLER, "Anna Muller", Role.MEMBER, organisation_id(client_for(ALPINE_ADMIN)))
    return SECOND_MULLER


def test_a_risk_goes_from_identification_to_its_owners_acceptance(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    muller = organisation_id(member)
    recipes = register_asset(member, muller, "Recipe book", kind="information")
    member.data(
        "mutation($i: ClassifyAssetInput!) { classifyAsset(input: $i) { __typename } }",
        {"i": {"assetId": recipes["id"], "confidentiality": 4, "integrity": 2, "availability": 1}},
    )
    scenario = member.data("{ libraryRiskScenarios { edges { node { id version } } } }")["libraryRiskScenarios"]
    source = scenario["edges"][0]["node"]
    found = identify(
        member, muller, "Ransomware on the till", assetIds=[recipes["id"]], sourceLibraryItem=source["id"],
        sourceLibraryVersion=source["version"],
    )  # fmt: skip
    assert (found["status"], found["assessment"], found["owner"]["name"]) == ("identified", None, "Marc Muller")
    assert (found["sourceLibraryItem"], found["sourceLibraryVersion"]) == (source["id"], source["version"])
    assert risk(member, found["id"])["suggestedImpact"] == 3  # C 4 of 4: the top of the impact scale

    assessed = mutate(member, "assessRisk", {"riskId": found["id"], "likelihood": 3, "impact": 3})["risk"]
    assert assessed["assessment"] == {
        "likelihood": 3,
        "impact": 3,
        "level": 3,
        "levelLabel": "High",
        "methodVersion": 1,
    }
    treat = {
        "riskId": found["id"],
        "option": "mitigate",
        "controls": ["iso27001-2022:8.13", "iso27001-2022:5.15"],
        "ownControls": ["Till kept offline at night"],
        "residualLikelihood": 1,
        "residualImpact": 2,
    }
    treated = mutate(member, "treatRisk", treat)["risk"]
    assert treated["treatment"]["residual"]["levelLabel"] == "Low" and treated["status"] == "treated"
    assert treated["viewerCan"]["accept"] and not treated["viewerCan"]["recordManagementDecision"]
    accepted = mutate(member, "acceptRisk", {"riskId": found["id"], "reason": "Costs less than more", "until": SOON})
    assert accepted["risk"]["status"] == "accepted"
    assert accepted["risk"]["acceptance"] == {"until": SOON, "reason": "Costs less than more", "expired": False}

    seen = risk(member, found["id"])
    assert [a["name"] for a in seen["assets"]] == ["Recipe book"]
    assert [(c["catalogueId"], c["controlId"], c["name"]) for c in seen["controls"]] == [
        ("iso27001-2022", "8.13", None),
        ("iso27001-2022", "5.15", None),
        (None, None, "Till kept offline at night"),
    ]
    assert [h["action"] for h in seen["history"]] == ["identified", "assessed", "treated", "accepted"]
    assert {h["actedBy"] for h in seen["history"]} == {"Marc Muller"}
    assert f"{source['id']}, version {source['version']}" in seen["history"][0]["details"]


def test_a_reassessment_keeps_the_earlier_one_in_the_history(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    found = identify(member, organisation_id(member), "Flooded cellar")
    mutate(member, "assessRisk", {"riskId": found["id"], "likelihood": 2, "impact": 2})
    refused = mutate(member, "assessRisk", {"riskId": found["id"], "likelihood": 1, "impact": 2})
    assert (refused["code"], refused["field"]) == ("VALIDATION", "reason")
    mutate(member, "assessRisk", {"riskId": found["id"], "likelihood": 1, "impact": 2, "reason": "Pump fitted"})
    history = risk(member, found["id"])["history"]
    assert [h["details"][:25] for h in history if h["action"] == "assessed"] == [
        "likelihood 2, impact 2: M",
        "likelihood 1, impact 2: L",
    ]
    assert history[-1]["reason"] == "Pump fitted"


def test_only_the_owner_accepts_and_above_the_criteria_only_after_managements_decision(
    client_for: ClientFor, demo_services: Services, second_muller: str
) -> None:
    member, other = client_for(MEMBER), client_for(second_muller)
    found = identify(member, organisation_id(member), "Card data leak")
    mutate(member, "assessRisk", {"riskId": found["id"], "likelihood": 3, "impact": 3})
    treat = {"riskId": found["id"], "option": "accept", "residualLikelihood": 3, "residualImpact": 3}
    treated = mutate(member, "treatRisk", treat)["risk"]
    assert treated["treatment"]["needsManagementDecision"] and not treated["viewerCan"]["accept"]
    acceptance = {"riskId": found["id"], "reason": "We live with it", "until": SOON}
    before = events_in_log(demo_services)
    refused = mutate(member, "acceptRisk", acceptance)
    assert (refused["code"], refused["field"]) == ("VALIDATION", "managementDecision")
    by_other = mutate(other, "acceptRisk", acceptance)
    assert by_other["code"] == "FORBIDDEN" and "owner" in by_other["message"]
    assert not treated["viewerCan"]["recordManagementDecision"]  # Marc owns it: not his to decide for management
    own_decision = mutate(member, "recordManagementDecision", {"riskId": found["id"], "reason": "I decide"})
    assert own_decision["code"] == "FORBIDDEN" and "owner" in own_decision["message"]
    assert events_in_log(demo_services) == before
    assert risk(other, found["id"])["viewerCan"]["recordManagementDecision"]

    decided = mutate(other, "recordManagementDecision", {"riskId": found["id"], "reason": "Board, 3 March"})
    assert decided["risk"]["treatment"]["managementDecided"]
    assert not decided["risk"]["viewerCan"]["accept"]  # seen by Anna, who is not the owner
    assert mutate(other, "acceptRisk", acceptance)["code"] == "FORBIDDEN"
    assert mutate(member, "acceptRisk", acceptance)["risk"]["status"] == "accepted"


def test_the_owner_is_an_account_of_the_organisation(client_for: ClientFor, demo_services: Services) -> None:
    member = client_for(MEMBER)
    muller = organisation_id(member)
    given = {"organisationId": muller, "title": "T", "threat": "x", "vulnerability": "y"}
    before = events_in_log(demo_services)
    for owner in (owner_id(ALPINE_COACH), owner_id("nobody@example.org")):
        refused = mutate(member, "identifyRisk", given | {"ownerId": owner})
        assert (refused["code"], refused["field"]) == ("NOT_FOUND", "ownerId"), refused
    assert events_in_log(demo_services) == before


BAD_IDENTIFY: list[tuple[dict[str, Any], str]] = [
    ({"title": ""}, "title"),
    ({"title": "x" * 201}, "title"),
    ({"title": "Two\nlines"}, "title"),
    ({"threat": "bell\u0007"}, "threat"),
    ({"vulnerability": ""}, "vulnerability"),
    ({"ownerId": "not-an-id"}, "ownerId"),
    ({"assetIds": ["not-an-id"]}, "assetIds"),
    ({"assetIds": ["00000000-0000-0000-0000-000000000001"]}, "assetIds"),
    ({"sourceLibraryItem": "00000000-0000-0000-0000-000000000001"}, "sourceLibraryVersion"),
    ({"sourceLibraryVersion": 2}, "sourceLibraryItem"),
    ({"sourceLibraryItem": "ransomware", "sourceLibraryVersion": 1}, "sourceLibraryItem"),  # not an id
    ({"sourceLibraryItem": "00000000-0000-0000-0000-000000000001", "sourceLibraryVersion": 1}, "sourceLibraryItem"),
]


@pytest.mark.parametrize(("changed", "field"), BAD_IDENTIFY)
def test_a_bad_risk_is_refused_on_its_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, changed: dict[str, Any], field: str
) -> None:
    member = client_for(MEMBER)
    given = {
        "organisationId": organisation_id(member),
        "title": "Stolen laptop",
        "threat": "Thief",
        "vulnerability": "No disk encryption",
        "ownerId": owner_id(),
    }
    before = events_in_log(demo_services)
    refused = mutate(member, "identifyRisk", given | changed)
    assert refused["field"] == field, refused
    assert events_in_log(demo_services) == before


BAD_TREATMENT: list[tuple[dict[str, Any], str]] = [
    ({"option": "ignore"}, "option"),
    ({"controls": ["iso27001-2022:9.99"]}, "controls"),
    ({"controls": ["5.15"]}, "controls"),
    ({"ownControls": [""]}, "ownControls"),
    ({"residualLikelihood": 4}, "residualLikelihood"),
    ({"residualImpact": 0}, "residualImpact"),
    ({"riskId": "nope"}, "riskId"),
]


@pytest.mark.parametrize(("changed", "field"), BAD_TREATMENT)
def test_a_bad_treatment_is_refused_on_its_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, changed: dict[str, Any], field: str
) -> None:
    member = client_for(MEMBER)
    found = identify(member, organisation_id(member), "Stolen laptop")
    mutate(member, "assessRisk", {"riskId": found["id"], "likelihood": 2, "impact": 2})
    given = {"riskId": found["id"], "option": "mitigate", "residualLikelihood": 1, "residualImpact": 1}
    before = events_in_log(demo_services)
    refused = mutate(member, "treatRisk", given | changed)
    assert refused["field"] == field, refused
    assert events_in_log(demo_services) == before


def test_bad_assessments_and_acceptances_are_refused_on_their_field(
    client_for: ClientFor, demo_services: Services
) -> None:
    member = client_for(MEMBER)
    found = identify(member, organisation_id(member), "Supplier outage")
    before = events_in_log(demo_services)
    for given, field in [({"likelihood": 0, "impact": 1}, "likelihood"), ({"likelihood": 1, "impact": 9}, "impact")]:
        assert mutate(member, "assessRisk", {"riskId": found["id"], **given})["field"] == field
    untreated = mutate(member, "acceptRisk", {"riskId": found["id"], "reason": "x", "until": SOON})
    assert untreated["field"] == "riskId"
    mutate(member, "assessRisk", {"riskId": found["id"], "likelihood": 1, "impact": 1})
    mutate(
        member, "treatRisk", {"riskId": found["id"], "option": "accept", "residualLikelihood": 1, "residualImpact": 1}
    )
    before = events_in_log(demo_services)
    yesterday = (TEST_DAY - timedelta(days=2)).isoformat()
    for given, field in [({"until": yesterday}, "until"), ({"reason": " "}, "reason")]:
        refused = mutate(member, "acceptRisk", {"riskId": found["id"], "reason": "ok", "until": SOON} | given)
        assert refused["field"] == field, refused
    assert events_in_log(demo_services) == before


def test_the_register_filters_sorts_and_pages_by_keyset(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    muller = organisation_id(member)
    levels = {"Zeta fire": (3, 3), "alpha theft": (1, 1), "Beta phishing": (2, 2), "Gamma outage": None}
    ids = {title: identify(member, muller, f"{title} kx")["id"] for title in levels}
    for title, assessed in levels.items():
        if assessed:
            mutate(member, "assessRisk", {"riskId": ids[title], "likelihood": assessed[0], "impact": assessed[1]})
    first = member.data(RISKS, {"org": muller, "first": 2, "search": "KX", "orderBy": "LEVEL"})["risks"]
    assert [e["node"]["title"] for e in first["edges"]] == ["Zeta fire kx", "Beta phishing kx"]
    assert first["totalCount"] == 4 and first["pageInfo"]["hasNextPage"]
    rest = member.data(
        RISKS, {"org": muller, "first": 2, "search": "kx", "orderBy": "LEVEL", "after": first["pageInfo"]["endCursor"]}
    )["risks"]
    assert [e["node"]["title"] for e in rest["edges"]] == ["alpha theft kx", "Gamma outage kx"]
    by_title = member.data(RISKS, {"org": muller, "search": "kx"})["risks"]
    assert [e["node"]["title"][:4] for e in by_title["edges"]] == ["alph", "Beta", "Gamm", "Zeta"]
    assert member.data(RISKS, {"org": muller, "search": "kx", "level": 2})["risks"]["totalCount"] == 1
    assert member.data(RISKS, {"org": muller, "search": "kx", "status": "identified"})["risks"]["totalCount"] == 1
    owned = member.data(RISKS, {"org": muller, "search": "kx", "ownerId": owner_id()})["risks"]
    assert owned["totalCount"] == 4
    for bad, field in [({"status": "lost"}, "status"), ({"option": "pray"}, "option"), ({"after": "zz"}, "after")]:
        body = member.execute(RISKS, {"org": muller} | bad)
        assert body["errors"][0]["extensions"]["field"] == field


def test_a_review_flags_what_is_new_changed_or_closed_since(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    muller = organisation_id(member)
    kept = identify(member, muller, "Kept risk rv")
    closing = identify(member, muller, "Closing risk rv")
    held = mutate(member, "holdRiskReview", {"organisationId": muller, "heldOn": TEST_DAY.isoformat()}, REVIEW)
    assert held["review"]["heldOn"] == TEST_DAY.isoformat()
    mutate(member, "assessRisk", {"riskId": kept["id"], "likelihood": 1, "impact": 1})
    mutate(member, "closeRisk", {"riskId": closing["id"], "reason": "Shop sold"})
    identify(member, muller, "New risk rv")
    register = member.data(RISKS, {"org": muller, "search": "rv"})["risks"]
    flags = {e["node"]["title"]: e["node"]["sinceReview"] for e in register["edges"]}
    assert flags == {"Kept risk rv": "changed", "New risk rv": "new"}
    since = register["sinceReview"]
    assert (since["newCount"], since["changedCount"], since["closedCount"]) == (1, 1, 1)
    closed = member.data(RISKS, {"org": muller, "search": "rv", "status": "closed"})["risks"]
    assert [e["node"]["sinceReview"] for e in closed["edges"]] == ["closed"]
    future = (TEST_DAY + timedelta(days=3)).isoformat()
    refused = mutate(member, "holdRiskReview", {"organisationId": muller, "heldOn": future}, REVIEW)
    assert refused["field"] == "heldOn"


def test_treating_by_control_lists_the_risks_a_catalogue_control_treats(
    client_for: ClientFor, demo_services: Services
) -> None:
    member = client_for(MEMBER)
    muller = organisation_id(member)
    found = identify(member, muller, "Weak passwords")
    mutate(member, "assessRisk", {"riskId": found["id"], "likelihood": 3, "impact": 2})
    treat = {
        "riskId": found["id"],
        "option": "mitigate",
        "controls": ["iso27001-2022:5.17"],
        "ownControls": ["Password manager"],
        "residualLikelihood": 1,
        "residualImpact": 2,
    }
    mutate(member, "treatRisk", treat)
    tenant, organisation = consultancy_id("alpine"), UUID(muller)
    for scope in (Scope(tenant, organisation_id=organisation), Scope(tenant)):
        treating = demo_services.queries.risks.treating_by_control(scope, organisation)
        mine = [t for t in treating["iso27001-2022:5.17"] if t.title == "Weak passwords"]
        assert [(t.level, t.residual_level, t.status) for t in mine] == [("High", "Low", "treated")]
    kirchberg = UUID(organisation_id(client_for(ALPINE_ADMIN), "Kirchberg Dental"))
    other_member = Scope(tenant, organisation_id=kirchberg)
    assert demo_services.queries.risks.treating_by_control(other_member, organisation) == {}
    assert not any("Password manager" in key for key in treating)


def test_an_acceptance_past_its_until_date_is_flagged(client_for: ClientFor, days_pass: Callable[[date], None]) -> None:
    member = client_for(MEMBER)
    found = identify(member, organisation_id(member), "Expiring acceptance")
    mutate(member, "assessRisk", {"riskId": found["id"], "likelihood": 1, "impact": 2})
    mutate(
        member, "treatRisk", {"riskId": found["id"], "option": "accept", "residualLikelihood": 1, "residualImpact": 2}
    )
    until = (TEST_DAY + timedelta(days=10)).isoformat()
    accepted = mutate(member, "acceptRisk", {"riskId": found["id"], "reason": "For now", "until": until})
    assert accepted["risk"]["acceptance"]["expired"] is False
    days_pass(TEST_DAY + timedelta(days=11))
    assert risk(member, found["id"])["acceptance"] == {"until": until, "reason": "For now", "expired": True}
    page = member.http.get(f"/organisations/{found['organisationId']}/risks/{found['id']}").text
    assert 'id="acceptance-expired"' in page


def _flags(member: Any, muller: str, status: str | None) -> list[str | None]:
    """Every risk's since-review flag, read page by page: the list's own per-row judgement of the review."""
    flags: list[str | None] = []
    after = None
    while True:
        page = member.data(RISKS, {"org": muller, "first": 100, "after": after, "status": status})["risks"]
        flags += [e["node"]["sinceReview"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return flags
        after = page["pageInfo"]["endCursor"]


def test_the_register_counts_agree_with_each_risk_flag_across_reviews(client_for: ClientFor) -> None:
    """The counts the projection keeps as events land (open, new, changed, closed since the last review) match
    what each risk's row says, before any review, after one, and after a second that resets them."""
    member = client_for(MEMBER)
    muller = organisation_id(member)

    def agree() -> tuple[int, int, int, int]:
        register = member.data(RISKS, {"org": muller, "first": 1})["risks"]
        since = register["sinceReview"]
        counted = (register["registerCount"], since["newCount"], since["changedCount"], since["closedCount"])
        opened, closed = _flags(member, muller, None), _flags(member, muller, "closed")
        assert counted == (len(opened), opened.count("new"), opened.count("changed"), closed.count("closed"))
        return counted

    first = [identify(member, muller, f"Counted risk {n}") for n in range(3)]
    before = agree()
    assert before[1] >= 3  # identified since the demo's review
    mutate(member, "holdRiskReview", {"organisationId": muller, "heldOn": TEST_DAY.isoformat()}, REVIEW)
    assert agree()[1:] == (0, 0, 0)
    mutate(member, "assessRisk", {"riskId": first[0]["id"], "likelihood": 2, "impact": 2})
    mutate(member, "assessRisk", {"riskId": first[0]["id"], "likelihood": 3, "impact": 2})  # counted once
    mutate(member, "closeRisk", {"riskId": first[1]["id"], "reason": "Supplier replaced"})
    fresh = identify(member, muller, "Counted risk after")
    mutate(member, "closeRisk", {"riskId": fresh["id"], "reason": "Recorded twice"})  # new, then closed
    assert agree() == (before[0] - 1, 0, 1, 2)
    mutate(member, "holdRiskReview", {"organisationId": muller, "heldOn": TEST_DAY.isoformat()}, REVIEW)
    assert agree()[1:] == (0, 0, 0)
