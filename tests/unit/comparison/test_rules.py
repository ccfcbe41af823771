"""The cohort rule: a comparison is published only with at least k contributors, and never when one member joining
or leaving would tell its figures by difference unless at least k of the last comparison remain."""

from __future__ import annotations

import uuid

from domain.comparison.rules import Held, held_because, next_published, publishable

A, B, C, D, E = (uuid.uuid4() for _ in range(5))
NONE: frozenset[uuid.UUID] = frozenset()


def test_k_minus_one_contributors_publish_nothing_and_k_do() -> None:
    assert not publishable({A, B}, NONE, 3)
    assert held_because({A, B}, NONE, 3) is Held.TOO_FEW
    assert next_published({A, B, C}, NONE, 3) == {A, B, C}
    assert held_because({A, B, C}, {A, B, C}, 3) is None


def test_a_withdrawal_below_k_hides_the_comparison_and_keeps_the_last_cohort() -> None:
    assert next_published({A, B}, {A, B, C}, 3) == {A, B, C}
    assert held_because({A, B}, {A, B, C}, 3) is Held.TOO_FEW


def test_one_joining_is_published_when_k_of_the_last_comparison_remain() -> None:
    assert next_published({A, B, C, D}, {A, B, C}, 3) == {A, B, C, D}


def test_one_leaving_is_published_when_k_remain_and_held_when_fewer_do() -> None:
    assert next_published({A, B, C}, {A, B, C, D}, 3) == {A, B, C}
    assert not publishable({A, B, C}, {A, B, C, D}, 4)  # below k anyway
    assert next_published({A, B, C, D}, {A, B, C, D, E}, 4) == {A, B, C, D}


def test_one_joining_after_k_was_raised_is_held_until_another_changes() -> None:
    published = next_published({A, B, C}, NONE, 3)
    assert held_because({A, B, C}, published, 4) is Held.TOO_FEW  # k raised to 4
    held = next_published({A, B, C, D}, published, 4)
    assert held == {A, B, C}  # only 3 of the 4 were in the last comparison
    assert held_because({A, B, C, D}, held, 4) is Held.ONE_CHANGED
    assert next_published({A, B, C, D, E}, held, 4) == {A, B, C, D, E}  # two changed: no single difference


def test_a_swap_changes_two_members_and_is_published_with_k() -> None:
    assert next_published({A, B, D}, {A, B, C}, 3) == {A, B, D}
