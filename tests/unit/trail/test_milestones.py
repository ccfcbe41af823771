"""The milestones of a member's progress from the first day of each kind of event, and the weekly burn-up."""

from __future__ import annotations

from datetime import date

from backend.graphql.clusters.progress import burn_up
from projections.trail.events import every_event, register_of
from projections.trail.milestones import MILESTONES, reached_from
from projections.trail.rows import MilestonesReached
from projections.trail.wording import in_words


def test_every_milestone_is_reached_by_events_the_domain_records() -> None:
    recorded = {(register_of(a), in_words(a.__name__), in_words(name)) for a, name in every_event()}
    for milestone in MILESTONES:
        for r in milestone.reached_by:
            assert {(r.register, r.item_kind, name) for name in r.event_names} <= recorded, milestone.key
    assert len({m.key for m in MILESTONES}) == len(MILESTONES) == 21


def test_a_milestone_is_reached_by_the_first_of_its_events_and_a_policy_only_by_a_policy() -> None:
    firsts = {
        ("assessment", "Gap analysis", "Assessed", None): date(2026, 1, 5),
        ("competence", "Awareness campaign", "Run", None): date(2026, 2, 1),
        ("competence", "Training", "Recorded", None): date(2026, 1, 20),
        ("documents", "Document", "Created", None): date(2026, 1, 7),  # a procedure, not a policy
        ("documents", "Document", "Version published", "policy"): date(2026, 3, 1),
    }
    found = reached_from(firsts)
    assert found.since == date(2026, 1, 5)
    assert found.reached == {"competence.present": date(2026, 1, 20), "policy.approved": date(2026, 3, 1)}


def test_the_burn_up_counts_week_by_week_from_the_first_gap_analysis() -> None:
    found = MilestonesReached(date(2026, 1, 7), {"a": date(2025, 12, 1), "b": date(2026, 1, 14), "c": date(2026, 2, 2)})
    points = burn_up(found, today=date(2026, 2, 4))
    assert points == [
        (date(2026, 1, 5), 1),  # reached before the first gap analysis: counted from the start
        (date(2026, 1, 12), 2),
        (date(2026, 1, 19), 2),
        (date(2026, 1, 26), 2),
        (date(2026, 2, 2), 3),
    ]
    assert burn_up(MilestonesReached(None, {"a": date(2026, 1, 1)}), today=date(2026, 2, 4)) == []
