"""The review of Annex A, from explicit decisions and explicit risks: what a statement may have missed."""

from __future__ import annotations

from domain.catalogues.catalogue import Catalogue
from domain.catalogues.library import shipped
from domain.soa.decision import checked_decision
from domain.soa.review import TreatingRisk, review_annex_a

FOUND = shipped().catalogue("iso27001-2022")
assert FOUND is not None
CATALOGUE: Catalogue = FOUND
FOR_RISK = checked_decision(True, ["risk_treatment"], "Treats theft.", "planned")
FOR_LAW = checked_decision(True, ["risk_treatment", "legal"], "GDPR.", "implemented")
EXCLUDED = checked_decision(False, [], "No premises of our own.", None)
THEFT = TreatingRisk("r-1", "Laptop theft", "high", "medium", "treated")


def ids(controls: object) -> list[str]:
    return [control.id for control in controls]  # type: ignore[attr-defined]


def test_an_empty_statement_has_every_control_undecided_and_every_theme_without_applicable() -> None:
    review = review_annex_a(CATALOGUE, {}, {})
    assert len(review.undecided) == 93
    assert review.groups_with_nothing_applicable == ("organisational", "people", "physical", "technological")


def test_an_applicable_control_treating_no_risk_with_no_other_reason_is_shown() -> None:
    review = review_annex_a(CATALOGUE, {"5.1": FOR_RISK, "5.2": FOR_LAW}, {})
    assert ids(review.applicable_without_reason) == ["5.1"]


def test_a_control_that_treats_a_risk_is_backed() -> None:
    review = review_annex_a(CATALOGUE, {"5.1": FOR_RISK}, {"iso27001-2022:5.1": [THEFT]})
    assert review.applicable_without_reason == ()


def test_risks_of_another_catalogue_do_not_count() -> None:
    review = review_annex_a(CATALOGUE, {"5.1": FOR_RISK}, {"iso27001-2005:5.1": [THEFT]})
    assert ids(review.applicable_without_reason) == ["5.1"]


def test_a_theme_with_only_exclusions_has_nothing_applicable() -> None:
    decisions = {"7.1": EXCLUDED, "5.1": FOR_LAW, "6.1": FOR_LAW, "8.1": FOR_LAW}
    assert review_annex_a(CATALOGUE, decisions, {}).groups_with_nothing_applicable == ("physical",)


def test_a_risk_whose_chosen_control_is_excluded_is_shown() -> None:
    review = review_annex_a(CATALOGUE, {"7.1": EXCLUDED}, {"iso27001-2022:7.1": [THEFT]})
    [found] = review.risks_with_excluded_controls
    assert found.risk.title == "Laptop theft" and found.control.id == "7.1"


def test_decided_controls_are_no_longer_undecided_and_findings_add_up() -> None:
    review = review_annex_a(CATALOGUE, {"5.1": FOR_LAW}, {})
    assert "5.1" not in ids(review.undecided) and len(review.undecided) == 92
    assert review.findings == 92 + 3
