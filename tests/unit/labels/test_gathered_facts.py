"""A mission's facts as the consultancy's records give them: where the member stands says the outcome and the end,
the coach account's half-days the coaching, the cluster's training only for the coach who leads it, and nothing at
all for a coach account that coached none of it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from uuid import uuid4

import pytest

from backend.graphql.labels.gathered import _attestable, _facts, facts_digest
from domain.labels.missions import checked_facts
from domain.shared.errors import ValidationFailed
from projections.clusters.rows import ClusterRow, MemberRow
from projections.organisations.rows import OrganisationRow

CLUSTER = ClusterRow(uuid4(), "Valais 2026", uuid4(), "Claire Coach", "running", None, None, date(2025, 11, 10), 3)
MEMBER = MemberRow(
    CLUSTER.cluster_id,
    OrganisationRow(uuid4(), "Cave Rouge", "Wine trade", 42),
    "", "", "", datetime(2025, 10, 1, tzinfo=UTC), 4, 10,
)  # fmt: skip
COACHED = [date(2025, 11, 20), date(2025, 12, 4), date(2026, 1, 15)]


@pytest.mark.parametrize(
    ("standing", "outcome", "ended_on"),
    [
        ({}, "under_way", None),
        ({"outcome": "isms_established", "established_on": date(2026, 2, 2)}, "isms_established", date(2026, 2, 2)),
        ({"outcome": "certification_audit_planned", "established_on": date(2026, 2, 2), "audit_on": date(2026, 4, 1)},
         "isms_established", date(2026, 2, 2)),
        ({"outcome": "certified", "established_on": date(2026, 2, 2), "certified_on": date(2026, 2, 20)},
         "certified", date(2026, 2, 20)),
        ({"withdrawn_on": date(2026, 1, 30), "withdrawal_reason": "Sold"}, "withdrawn", date(2026, 1, 30)),
    ],
    ids=["under-way", "established", "audit-planned", "certified", "withdrawn"],
)  # fmt: skip
def test_where_the_member_stands_says_the_outcome_and_the_end(
    standing: dict[str, object], outcome: str, ended_on: date | None
) -> None:
    facts = _facts("Alpine", CLUSTER, replace(MEMBER, **standing), COACHED, leads=True, training=8)
    assert (facts.outcome, facts.ended_on) == (outcome, ended_on)
    assert (facts.sector, facts.size_band, facts.cluster) == ("Wine trade", "small", "Valais 2026")


def test_the_cluster_s_training_and_start_count_only_for_the_coach_who_leads_it() -> None:
    leading = _facts("Alpine", CLUSTER, MEMBER, COACHED, leads=True, training=8)
    assert (leading.started_on, leading.coaching_days, leading.training_days) == (date(2025, 11, 10), 1.5, 4.0)
    coaching_only = _facts("Alpine", CLUSTER, MEMBER, COACHED, leads=False, training=0)
    assert (coaching_only.started_on, coaching_only.coaching_days, coaching_only.training_days) == (
        date(2025, 11, 20),
        1.5,
        0.0,
    )
    assert facts_digest(leading) != facts_digest(coaching_only)
    assert facts_digest(leading) == facts_digest(_facts("Alpine", CLUSTER, MEMBER, COACHED, leads=True, training=8))


def test_a_coach_account_that_coached_none_of_it_has_no_mission() -> None:
    with pytest.raises(ValidationFailed) as refused:
        _facts("Alpine", CLUSTER, MEMBER, [], leads=False, training=0)
    assert refused.value.field == "organisation_id"


@pytest.mark.parametrize(
    ("standing", "outcome", "ended_on"),
    [
        ({"outcome": "isms_established", "established_on": date(2026, 1, 20), "withdrawn_on": date(2026, 2, 10)},
         "isms_established", date(2026, 1, 20)),
        ({"outcome": "certified", "established_on": date(2026, 1, 20), "certified_on": date(2026, 2, 5),
          "withdrawn_on": date(2026, 2, 10)}, "certified", date(2026, 2, 5)),
        ({"outcome": "certified", "established_on": date(2026, 1, 20), "certified_on": date(2026, 2, 20),
          "withdrawn_on": date(2026, 2, 10)}, "isms_established", date(2026, 1, 20)),
        ({"outcome": "isms_established", "established_on": date(2026, 2, 20), "withdrawn_on": date(2026, 2, 10)},
         "withdrawn", date(2026, 2, 10)),
    ],
    ids=["established-then-left", "certified-then-left", "certified-after-leaving", "established-after-leaving"],
)  # fmt: skip
def test_a_member_that_left_after_its_isms_was_established_keeps_that_outcome(
    standing: dict[str, object], outcome: str, ended_on: date | None
) -> None:
    facts = _facts("Alpine", CLUSTER, replace(MEMBER, **standing), COACHED, leads=True, training=8)
    assert (facts.outcome, facts.ended_on) == (outcome, ended_on)


def test_a_mission_ends_no_earlier_than_its_last_half_day_of_coaching() -> None:
    """A second coach account started after the ISMS was established: the mission ends on its last half-day."""
    established = replace(MEMBER, outcome="isms_established", established_on=date(2025, 11, 30))
    facts = _facts("Alpine", CLUSTER, established, COACHED, leads=False, training=0)
    assert (facts.outcome, facts.started_on, facts.ended_on) == ("isms_established", date(2025, 11, 20),
                                                                 date(2026, 1, 15))  # fmt: skip
    later = [date(2025, 12, 4), date(2026, 1, 15)]  # only the second account's half-days, all after
    facts = _facts("Alpine", CLUSTER, established, later, leads=False, training=0)
    assert (facts.started_on, facts.ended_on) == (date(2025, 12, 4), date(2026, 1, 15))
    assert checked_facts(facts) == facts  # attested as they are


def test_facts_the_records_give_that_cannot_be_attested_are_refused_on_the_member() -> None:
    """More training than the mission's calendar days: the admin typed none of it, so the refusal names the member."""
    established = replace(MEMBER, outcome="isms_established", established_on=date(2025, 11, 12))
    with pytest.raises(ValidationFailed) as refused:
        _attestable(_facts("Alpine", CLUSTER, established, [], leads=True, training=20))
    assert refused.value.field == "organisation_id"
    assert "cannot be attested" in refused.value.message
