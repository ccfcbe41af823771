"""The label scheme's rules: every number in its range, each of the four categories with its requirements, keys of
their own; versions kept, so a track keeps the version it enrolled on."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any
from uuid import uuid4

import pytest

from domain.labels.commands import PublishLabelScheme
from domain.labels.rules import CATEGORIES, Rating, add_months, category_passes, exam_passed
from domain.labels.scheme import (
    MAX_REQUIREMENTS_PER_CATEGORY,
    LabelScheme,
    RequirementGiven,
    checked_requirements,
    checked_scheme,
    scheme_id,
)
from domain.shared.errors import NotFound, ValidationFailed
from tests.unit.labels.support import REQUIREMENTS, SCHEME, Body


def test_a_published_scheme_is_version_one_with_its_requirements_by_category() -> None:
    scheme = checked_scheme(SCHEME, 1)
    assert scheme.version == 1 and scheme.pass_mark == 70 and scheme.validity_months == 36
    assert {c: len(scheme.requirements_of(c)) for c in CATEGORIES} == dict.fromkeys(CATEGORIES, 2)


@pytest.mark.parametrize(
    ("changed", "field"),
    [
        ({"training_minimum_hours": 0}, "scheme.training_minimum_hours"),
        ({"pass_mark": 0}, "scheme.pass_mark"),
        ({"pass_mark": 101}, "scheme.pass_mark"),
        ({"maximum_attempts": 0}, "scheme.maximum_attempts"),
        ({"maximum_attempts": 11}, "scheme.maximum_attempts"),
        ({"validity_months": 0}, "scheme.validity_months"),
        ({"renewal_missions": -1}, "scheme.renewal_missions"),
        ({"renewal_days": 1001}, "scheme.renewal_days"),
        ({"training_title": " "}, "scheme.training_title"),
    ],
)
def test_each_number_of_the_scheme_keeps_its_range(changed: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        checked_scheme(replace(SCHEME, **changed), 1)
    assert refused.value.field == field


@pytest.mark.parametrize(
    ("requirements", "field"),
    [
        (REQUIREMENTS[:-2], "scheme.requirements"),  # security policies has none
        ((*REQUIREMENTS, RequirementGiven("awareness", "talks", "Gives talks.")), "scheme.requirements.category"),
        ((*REQUIREMENTS, RequirementGiven("gap_analysis", "Scope Visit", "Visits.")), "scheme.requirements.key"),
        ((*REQUIREMENTS, replace(REQUIREMENTS[0], category="risk_management")), "scheme.requirements.key"),
        ((*REQUIREMENTS, RequirementGiven("gap_analysis", "visit", "")), "scheme.requirements.text"),
        (
            REQUIREMENTS + tuple(RequirementGiven("gap_analysis", f"k{n}", "T") for n in range(29)),
            "scheme.requirements",
        ),
    ],
)
def test_each_category_has_its_requirements_each_with_a_key_of_its_own(
    requirements: tuple[RequirementGiven, ...], field: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        checked_scheme(replace(SCHEME, requirements=requirements), 1)
    assert refused.value.field == field


def test_publishing_again_makes_a_new_version_and_keeps_the_old_one() -> None:
    body = Body()
    body.app.refuses(PublishLabelScheme(body.tenant, body.admin, SCHEME), ValidationFailed, "scheme")
    body.app.handle(PublishLabelScheme(body.tenant, body.admin, replace(SCHEME, pass_mark=75)))
    scheme = body.app.get(LabelScheme, body.tenant, scheme_id(body.tenant))
    assert scheme.current.version == 2 and scheme.current.pass_mark == 75
    assert scheme.of_version(1).pass_mark == 70
    with pytest.raises(NotFound):
        scheme.of_version(3)


def test_each_labelling_body_has_its_own_scheme() -> None:
    assert scheme_id(uuid4()) != scheme_id(uuid4())


# The pure rules


def test_a_category_passes_unless_a_requirement_is_not_met() -> None:
    assert category_passes([Rating.MEETS, Rating.PARTIALLY])
    assert not category_passes([Rating.MEETS, Rating.NOT_MET])


def test_the_pass_mark_itself_passes() -> None:
    assert exam_passed(70, 70) and not exam_passed(69, 70)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2026, 11, 15), 3, date(2027, 2, 15)),
        (date(2026, 2, 2), 36, date(2029, 2, 2)),
    ],
)
def test_months_are_counted_on_the_calendar(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_a_category_given_too_many_requirements_is_refused_at_the_first_one_too_many() -> None:
    read = 0

    def flood() -> Iterator[RequirementGiven]:
        nonlocal read
        for n in range(16_000):
            read += 1
            yield RequirementGiven("gap_analysis", f"visit-{n}", "Visits the member.")

    with pytest.raises(ValidationFailed) as refused:
        checked_requirements(flood())
    assert refused.value.field == "scheme.requirements" and "1 to 30" in refused.value.message
    assert read == MAX_REQUIREMENTS_PER_CATEGORY + 1
