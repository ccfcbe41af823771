"""The risk method's rules: scales numbered, the matrix complete or refused, every level's acceptance said, and
versions kept so that a past assessment keeps its method."""

from __future__ import annotations

import uuid

import pytest

from domain.risks.method import DEFAULT_METHOD, MANAGEMENT, OWNER, MethodGiven, RiskMethods, checked_method
from domain.shared.errors import ValidationFailed

TENANT, ADMIN = uuid.uuid4(), uuid.uuid4()
FOUR = tuple((v, label, f"{label} things") for v, label in enumerate(("Rare", "Unlikely", "Likely", "Certain"), 1))
TWO = ((1, "Minor", "Little harm."), (2, "Major", "Much harm."))
LEVELS = ((1, "Low", "Fine."), (2, "High", "Not fine."))


def full_matrix(likelihoods: int = 4, impacts: int = 2) -> tuple[tuple[int, int, int], ...]:
    return tuple((lk, im, 2 if lk * im >= 4 else 1) for lk in range(1, likelihoods + 1) for im in range(1, impacts + 1))


def given(**changed: object) -> MethodGiven:
    parts: dict[str, object] = {
        "likelihood": FOUR,
        "impact": TWO,
        "levels": LEVELS,
        "matrix": full_matrix(),
        "acceptance": ((1, OWNER), (2, MANAGEMENT)),
    }
    return MethodGiven(**(parts | changed))  # type: ignore[arg-type]


def test_the_default_method_is_three_by_three_with_low_medium_high() -> None:
    assert [len(DEFAULT_METHOD.scale(s)) for s in ("likelihood", "impact", "levels")] == [3, 3, 3]
    assert len(DEFAULT_METHOD.matrix) == 9
    assert [DEFAULT_METHOD.label(DEFAULT_METHOD.level(lk, im)) for lk, im in ((1, 1), (2, 2), (3, 3))] == [
        "Low",
        "Medium",
        "High",
    ]
    assert DEFAULT_METHOD.needs_management(3) and not DEFAULT_METHOD.needs_management(2)


def test_a_complete_method_gives_each_pair_its_level() -> None:
    method = checked_method(given(), 2)
    assert method.level(4, 2) == 2 and method.level(1, 2) == 1 and method.acceptance == {1: OWNER, 2: MANAGEMENT}


def test_an_incomplete_matrix_is_refused_naming_the_matrix() -> None:
    with pytest.raises(ValidationFailed) as refused:
        checked_method(given(matrix=full_matrix()[:-1]), 2)
    assert refused.value.field == "matrix" and "likelihood 4 by impact 2" in refused.value.message


@pytest.mark.parametrize(
    ("changed", "field"),
    [
        ({"matrix": ((9, 1, 1), *full_matrix())}, "matrix"),
        ({"matrix": ((1, 1, 3), *full_matrix()[1:])}, "matrix.level"),
        ({"matrix": (full_matrix()[0], *full_matrix())}, "matrix"),
        ({"likelihood": ((1, "Only", "One level."),)}, "likelihood"),
        ({"impact": ((1, "Minor", "x"), (3, "Major", "y"))}, "impact.value"),
        ({"levels": ((1, "Low", "x"), (2, "low", "y"))}, "levels.label"),
        ({"acceptance": ((1, OWNER),)}, "acceptance"),
        ({"acceptance": ((1, OWNER), (2, "the cat"))}, "acceptance.accepted_by"),
        ({"acceptance": ((1, OWNER), (1, OWNER))}, "acceptance.level"),
    ],
)
def test_each_fault_of_a_method_is_refused_naming_its_field(changed: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        checked_method(given(**changed), 2)
    assert refused.value.field == field


def test_methods_are_versioned_and_keep_every_version() -> None:
    methods = RiskMethods.set_first(TENANT, ADMIN, given())
    assert methods.current.version == 2 and methods.versions[1] == DEFAULT_METHOD
    with pytest.raises(ValidationFailed):
        methods.revise(ADMIN, given())
    methods.revise(ADMIN, given(acceptance=((1, OWNER), (2, OWNER))))
    assert methods.current.version == 3 and methods.versions[2].acceptance[2] == MANAGEMENT
    assert [type(e).__name__ for e in methods.collect_events()] == ["Set", "Revised"]
