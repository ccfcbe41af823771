"""The effort a cluster takes, beside a single-organisation project."""

from __future__ import annotations

from domain.effort.effort import cluster_effort, effort_of_members, totals_shared_with_member


def test_training_counts_once_for_the_cluster_and_the_share_compares_with_the_baseline() -> None:
    effort = cluster_effort([(1.0, 2.0), (1.0, 2.0), (1.0, 13.0)], training_half_days_held=8, baseline_days=45)
    assert effort.training_days_held == 4
    assert effort.consultancy_days == 4 + 3 + 17
    assert effort.days_per_organisation == 8
    assert effort.share_of_baseline == round(8 / 45, 3)


def test_no_members_or_no_baseline_gives_no_ratio() -> None:
    assert cluster_effort([], 4, 45).days_per_organisation is None
    assert cluster_effort([(1.0, 1.0)], 0, None).share_of_baseline is None


def test_totals_from_the_members_sums_agree_with_the_totals_from_each_member() -> None:
    each = cluster_effort([(1.0, 2.0), (1.0, 2.0), (1.0, 13.0)], training_half_days_held=8, baseline_days=45)
    assert effort_of_members(3, 1.0 + 2.0 + 1.0 + 2.0 + 1.0 + 13.0, 8, 45) == each


def test_members_are_shown_the_totals_only_over_three_members_or_more() -> None:
    assert not totals_shared_with_member(2)
    assert totals_shared_with_member(3)
