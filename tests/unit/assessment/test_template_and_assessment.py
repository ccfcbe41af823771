"""The programme template against the paper, gap analyses and their estimate, feedback items."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain.assessment.gap_analysis import CLAUSES, THEMES, GapAnalysis, estimate_coaching_half_days
from domain.feedback.feedback_item import FeedbackItem
from domain.programme_template.template import DEFAULT_TEMPLATE, ProgrammeTemplate
from domain.shared.errors import Forbidden, ValidationFailed
from domain.tenancy.consultancy import Consultancy

TENANT, ACTOR = uuid4(), uuid4()


def test_the_default_template_is_the_cluster_approach_of_the_paper() -> None:
    template = DEFAULT_TEMPLATE
    assert len(template.modules) == 10
    assert template.modules[0] == "Scope, ISMS policy and assets"
    assert template.modules[2] == "Risk treatment and treatment plan"
    assert template.modules[4].startswith("Security policy") and template.modules[5].startswith("Security policy")
    assert template.modules[-1] == "Audit"
    assert template.training_days == 6.5  # 1.5 days of initial training and ten half-day modules
    assert template.coaching_ceiling_half_days == 28  # 14 days
    assert template.gap_analysis_half_days == 2  # half a day on site, half a day of analysis
    assert (template.cycle_weeks_min, template.cycle_weeks_max) == (3, 4)
    assert (template.cluster_size_min, template.cluster_size_max) == (3, 5)


def test_changing_the_template_makes_a_new_version_and_keeps_the_old() -> None:
    consultancy = Consultancy.create(ACTOR, "Alpine", "alpine")
    changed = consultancy.change_template(ACTOR, ProgrammeTemplate(coaching_ceiling_half_days=20))
    assert (changed.version, changed.coaching_ceiling_half_days) == (2, 20)
    assert [t.version for t in consultancy.templates] == [1, 2]
    assert consultancy.templates[0] == DEFAULT_TEMPLATE


@pytest.mark.parametrize(
    ("template", "field"),
    [
        (ProgrammeTemplate(modules=()), "modules"),
        (ProgrammeTemplate(modules=("Scope", " ")), "modules.2"),
        (ProgrammeTemplate(cycle_weeks_min=5, cycle_weeks_max=4), "cycle_weeks_max"),
        (ProgrammeTemplate(cluster_size_min=1), "cluster_size_min"),
        (ProgrammeTemplate(time_zone="Mars/Olympus"), "time_zone"),
    ],
)
def test_a_template_that_makes_no_sense_is_refused(template: ProgrammeTemplate, field: str) -> None:
    consultancy = Consultancy.create(ACTOR, "Alpine", "alpine")
    consultancy.collect_events()
    with pytest.raises(ValidationFailed) as error:
        consultancy.change_template(ACTOR, template)
    assert error.value.field == field
    assert consultancy.collect_events() == []


def levels(clause: int, theme: int) -> tuple[dict[str, int], dict[str, int]]:
    return dict.fromkeys(CLAUSES, clause), dict.fromkeys(THEMES, theme)


@pytest.mark.parametrize(("level", "expected"), [(0, 28), (1, 20), (2, 12), (3, 4), (5, 4)])
def test_the_estimate_spreads_the_ceiling_over_the_gap_to_level_three(level: int, expected: int) -> None:
    clause_levels, theme_levels = levels(level, level)
    assert (
        estimate_coaching_half_days({**clause_levels, **{f"t{k}": v for k, v in theme_levels.items()}}, 28) == expected
    )


def test_a_first_assessment_and_a_reassessment_record_levels_and_estimates() -> None:
    cluster, member = uuid4(), uuid4()
    analysis = GapAnalysis.assess_first(
        TENANT, ACTOR, cluster, member, date(2026, 1, 5), date(2026, 1, 7), *levels(1, 1), 28
    )
    analysis.reassess(ACTOR, date(2026, 6, 1), date(2026, 6, 2), *levels(3, 2), 28)
    first, second = analysis.collect_events()
    assert (first.estimated_half_days, second.estimated_half_days) == (20, 7)  # gap 4: 4 + ceil(24 * 4 / 33)
    assert (second.cluster_id, second.organisation_id) == (cluster, member)
    with pytest.raises(ValidationFailed) as error:
        analysis.reassess(ACTOR, date(2026, 5, 1), date(2026, 5, 2), *levels(3, 3), 28)
    assert error.value.field == "visited_on"


@pytest.mark.parametrize(
    ("clause_levels", "theme_levels", "field"),
    [
        ({**levels(2, 2)[0], "4": 6}, levels(2, 2)[1], "clause_levels.4"),
        ({c: 2 for c in CLAUSES if c != "9"}, levels(2, 2)[1], "clause_levels.9"),
        (levels(2, 2)[0], {**levels(2, 2)[1], "spiritual": 1}, "theme_levels.spiritual"),
        (levels(2, 2)[0], {**levels(2, 2)[1], "people": -1}, "theme_levels.people"),
    ],
)
def test_bad_levels_are_refused_naming_the_area(
    clause_levels: dict[str, int], theme_levels: dict[str, int], field: str
) -> None:
    with pytest.raises(ValidationFailed) as error:
        GapAnalysis.assess_first(
            TENANT, ACTOR, uuid4(), uuid4(), date(2026, 1, 5), date(2026, 1, 7), clause_levels, theme_levels, 28
        )
    assert error.value.field == field


def test_feedback_is_withdrawn_by_its_own_organisation_and_hidden_with_a_reason() -> None:
    author = uuid4()
    item = FeedbackItem.share(TENANT, ACTOR, uuid4(), uuid4(), "module:1", author, "hard", "Too fast", None)
    [shared] = item.collect_events()
    assert (shared.signed_by, shared.organisation_id) == (None, author)
    with pytest.raises(Forbidden):
        item.withdraw(ACTOR, uuid4())
    with pytest.raises(ValidationFailed):
        item.hide(ACTOR, "")
    item.hide(ACTOR, "Names a person")
    item.withdraw(ACTOR, author)
    assert [type(e).__name__ for e in item.collect_events()] == ["Hidden", "Withdrawn"]
    with pytest.raises(ValidationFailed):
        item.withdraw(ACTOR, author)


@pytest.mark.parametrize(("kind", "text", "field"), [("meh", "x", "kind"), ("worked", " ", "text")])
def test_bad_feedback_is_refused(kind: str, text: str, field: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        FeedbackItem.share(TENANT, ACTOR, uuid4(), uuid4(), "module:1", uuid4(), kind, text, None)
    assert error.value.field == field


def test_withdrawn_feedback_cannot_be_hidden_back_into_view() -> None:
    author = uuid4()
    item = FeedbackItem.share(TENANT, ACTOR, uuid4(), uuid4(), "module:1", author, "hard", "Too fast", None)
    item.withdraw(ACTOR, author)
    item.collect_events()
    with pytest.raises(ValidationFailed):
        item.hide(ACTOR, "Names a person")
    assert item.collect_events() == []
