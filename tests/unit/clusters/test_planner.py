"""The programme planner: the calendar a coach is proposed, and the notes that explain its exceptions."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise
from uuid import UUID

import pytest

from domain.clusters.planner import (
    HalfDay,
    Period,
    PlannedSession,
    PlanProposal,
    SessionKind,
    affected_members,
    clashes,
    members_holidays,
    propose_plan,
    working_days_from,
)
from domain.clusters.sessions import check_no_day_off
from domain.programme_template.template import DEFAULT_TEMPLATE
from domain.shared.errors import ValidationFailed

MONDAY = date(2026, 3, 2)
ANNA, BERT, CARL = UUID(int=1), UUID(int=2), UUID(int=3)
MEMBERS = (ANNA, BERT, CARL)
NOBODY_AWAY: dict[UUID, list[Period]] = {member: [] for member in MEMBERS}


def of_kind(plan: PlanProposal, kind: SessionKind) -> list[PlannedSession]:
    return [session for session in plan.sessions if session.kind is kind]


def module_days(plan: PlanProposal) -> list[date]:
    return [session.on for session in of_kind(plan, SessionKind.MODULE)]


def plan(unavailability: Mapping[UUID, Sequence[Period]] = NOBODY_AWAY, starts_on: date = MONDAY) -> PlanProposal:
    return propose_plan(starts_on, DEFAULT_TEMPLATE, unavailability)


def test_with_everyone_available_the_ten_modules_are_exactly_three_weeks_apart() -> None:
    days = module_days(plan())
    assert len(days) == 10
    assert all(later - earlier == timedelta(weeks=3) for earlier, later in pairwise(days))


def test_each_member_has_one_gap_analysis_on_a_day_of_its_own_before_the_training() -> None:
    proposal = plan()
    gap_analyses = of_kind(proposal, SessionKind.GAP_ANALYSIS)
    assert [session.organisation_id for session in gap_analyses] == list(MEMBERS)
    assert [session.on for session in gap_analyses] == [MONDAY, MONDAY + timedelta(1), MONDAY + timedelta(2)]
    assert all(session.half_day is HalfDay.MORNING for session in gap_analyses)
    [training] = of_kind(proposal, SessionKind.INITIAL_TRAINING)
    assert training.on > max(session.on for session in gap_analyses)


def test_the_initial_training_takes_a_full_day_and_the_next_morning() -> None:
    [training] = of_kind(plan(), SessionKind.INITIAL_TRAINING)
    assert training.half_days == 3
    assert training.days() == (date(2026, 3, 5), date(2026, 3, 6))
    assert module_days(plan())[0] == training.on + timedelta(weeks=3)


def test_a_training_starting_on_friday_continues_on_monday() -> None:
    session = PlannedSession("initial-training", SessionKind.INITIAL_TRAINING, date(2026, 3, 6), HalfDay.MORNING, 3)
    assert session.days() == (date(2026, 3, 6), date(2026, 3, 9))


def test_every_member_is_coached_once_per_cycle_one_member_an_afternoon_from_a_week_after_the_module() -> None:
    proposal = plan()
    coaching = of_kind(proposal, SessionKind.COACHING)
    modules = {session.module_number: session.on for session in of_kind(proposal, SessionKind.MODULE)}
    assert sorted((s.module_number, s.organisation_id) for s in coaching) == [
        (number, member) for number in range(1, 11) for member in MEMBERS
    ]
    assert all(s.half_day is HalfDay.AFTERNOON for s in coaching)
    for number, module_day in modules.items():
        days = {s.organisation_id: s.on for s in coaching if s.module_number == number}
        assert days == dict(zip(MEMBERS, working_days_from(module_day + timedelta(weeks=1), 3), strict=True))
    assert proposal.notes == ()


def test_after_module_1_the_three_members_are_coached_on_three_consecutive_working_days() -> None:
    proposal = plan()
    assert module_days(proposal)[0] == date(2026, 3, 26)  # a Thursday
    after_1 = [(s.organisation_id, s.on) for s in of_kind(proposal, SessionKind.COACHING) if s.module_number == 1]
    assert after_1 == [(ANNA, date(2026, 4, 2)), (BERT, date(2026, 4, 3)), (CARL, date(2026, 4, 6))]


def test_a_member_free_only_on_days_taken_by_other_members_coaching_gets_a_note_naming_them() -> None:
    # Carl is away from Monday 6 to Wednesday 15 April, the rest of the window before module 2 (Thursday 16 April):
    # his only days, Thursday 2 and Friday 3 April, go to Anna and Bert, who come first.
    proposal = plan({**NOBODY_AWAY, CARL: [Period(date(2026, 4, 6), date(2026, 4, 15))]})
    assert module_days(proposal)[:2] == [date(2026, 3, 26), date(2026, 4, 16)]
    after_1 = {s.organisation_id: s.on for s in of_kind(proposal, SessionKind.COACHING) if s.module_number == 1}
    assert after_1 == {ANNA: date(2026, 4, 2), BERT: date(2026, 4, 3)}
    [note] = [note for note in proposal.notes if note.key == f"coaching:1:{CARL}"]
    assert str(CARL) in note.message
    assert f"other members' coaching ({ANNA}, {BERT})" in note.message
    assert "the member is unavailable on the other working days" in note.message
    assert [note.key for note in proposal.notes] == [f"coaching:1:{CARL}"]


def test_sessions_come_in_date_order() -> None:
    sessions = plan().sessions
    assert [s.on for s in sessions] == sorted(s.on for s in sessions)


def test_a_member_away_during_the_natural_module_4_window_pushes_module_4_and_is_named() -> None:
    natural = module_days(plan())
    module_3 = natural[2]
    away = Period(module_3 + timedelta(weeks=3, days=-3), module_3 + timedelta(weeks=4, days=4))  # Monday to Monday
    proposal = plan({**NOBODY_AWAY, BERT: [away]})

    days = module_days(proposal)
    assert days[:3] == natural[:3]
    assert days[3] == away.ends_on + timedelta(days=1) == date(2026, 6, 9)
    [note] = [note for note in proposal.notes if note.key == "module:4"]
    assert str(BERT) in note.message
    assert str(ANNA) not in note.message
    assert "longer than 4 weeks" in note.message
    assert "from Thursday 28 May 2026 to Thursday 4 June 2026" in note.message  # the window nobody could meet in


def test_a_member_away_for_a_few_days_only_moves_the_module_inside_the_window() -> None:
    natural = module_days(plan())
    away = Period(natural[3] - timedelta(days=1), natural[3] + timedelta(days=1))
    proposal = plan({**NOBODY_AWAY, CARL: [away]})
    assert module_days(proposal)[3] == natural[3] + timedelta(days=4)  # Thursday to the following Monday
    assert not [note for note in proposal.notes if note.key.startswith("module:")]


def test_a_member_away_for_a_whole_coaching_window_gets_a_note_instead_of_coaching() -> None:
    natural = module_days(plan())
    away = Period(natural[0] + timedelta(days=1), natural[1] - timedelta(days=1))
    proposal = plan({**NOBODY_AWAY, ANNA: [away]})
    coached_after_1 = {s.organisation_id for s in of_kind(proposal, SessionKind.COACHING) if s.module_number == 1}
    assert coached_after_1 == {BERT, CARL}
    [note] = [note for note in proposal.notes if note.key == f"coaching:1:{ANNA}"]
    assert str(ANNA) in note.message


def test_a_start_at_the_weekend_moves_to_monday() -> None:
    saturday = date(2026, 2, 28)
    assert min(s.on for s in plan(starts_on=saturday).sessions) == MONDAY
    assert module_days(plan(starts_on=saturday)) == module_days(plan())


def test_a_gap_analysis_waits_for_its_member_and_leaves_the_day_to_the_next() -> None:
    proposal = plan({**NOBODY_AWAY, ANNA: [Period(MONDAY, MONDAY + timedelta(days=1))]})
    days = {s.organisation_id: s.on for s in of_kind(proposal, SessionKind.GAP_ANALYSIS)}
    assert days == {ANNA: MONDAY + timedelta(days=2), BERT: MONDAY, CARL: MONDAY + timedelta(days=1)}


def test_keys_are_stable_and_name_what_the_session_is() -> None:
    keys = {s.key for s in plan().sessions}
    assert {f"gap-analysis:{m}" for m in MEMBERS} <= keys
    assert "initial-training" in keys
    assert {f"module:{n}" for n in range(1, 11)} <= keys
    assert {f"coaching:{n}:{m}" for n in range(1, 11) for m in MEMBERS} <= keys
    assert len(keys) == len(plan().sessions)
    assert plan().fingerprint() == plan().fingerprint()


def test_a_different_calendar_has_a_different_fingerprint() -> None:
    later = plan(starts_on=MONDAY + timedelta(weeks=1))
    assert later.fingerprint() != plan().fingerprint()
    assert len(plan().fingerprint()) == 64


def test_clashes_find_a_session_inside_a_period_declared_after_planning() -> None:
    proposal = plan()
    module_5 = module_days(proposal)[4]
    declared_later = {**NOBODY_AWAY, CARL: [Period(module_5 - timedelta(days=1), module_5)]}
    assert clashes(proposal.sessions, declared_later) == [("module:5", CARL)]
    assert clashes(proposal.sessions, NOBODY_AWAY) == []


def test_a_members_own_session_affects_only_that_member() -> None:
    proposal = plan()
    [gap_analysis] = [s for s in proposal.sessions if s.key == f"gap-analysis:{BERT}"]
    assert affected_members(gap_analysis, MEMBERS) == (BERT,)
    [module] = [s for s in proposal.sessions if s.key == "module:1"]
    assert affected_members(module, reversed(MEMBERS)) == MEMBERS
    away_on_bert_day = {**NOBODY_AWAY, ANNA: [Period(gap_analysis.on, gap_analysis.on)]}
    assert clashes([gap_analysis], away_on_bert_day) == []


def test_an_impossible_calendar_is_refused_naming_the_start_date() -> None:
    four_years = Period(MONDAY, MONDAY + timedelta(days=4 * 365))
    with pytest.raises(ValidationFailed) as error:
        plan({**NOBODY_AWAY, CARL: [four_years]})
    assert error.value.field == "starts_on"
    assert str(CARL) in error.value.message


def test_a_cluster_without_members_still_gets_its_training_and_modules() -> None:
    proposal = plan({})
    assert of_kind(proposal, SessionKind.GAP_ANALYSIS) == []
    assert of_kind(proposal, SessionKind.COACHING) == []
    [training] = of_kind(proposal, SessionKind.INITIAL_TRAINING)
    assert training.on == MONDAY
    assert len(module_days(proposal)) == 10


def test_without_initial_training_module_1_is_measured_from_the_last_gap_analysis() -> None:
    template = replace(DEFAULT_TEMPLATE, initial_training_half_days=0)
    proposal = propose_plan(MONDAY, template, NOBODY_AWAY)
    assert of_kind(proposal, SessionKind.INITIAL_TRAINING) == []
    assert module_days(proposal)[0] == MONDAY + timedelta(days=2, weeks=3)


def test_a_longer_gap_analysis_takes_consecutive_days_of_the_member() -> None:
    template = replace(DEFAULT_TEMPLATE, gap_analysis_on_site_half_days=3)
    proposal = propose_plan(MONDAY, template, {ANNA: [], BERT: []})
    days = [s.days() for s in of_kind(proposal, SessionKind.GAP_ANALYSIS)]
    assert days == [(MONDAY, MONDAY + timedelta(1)), (MONDAY + timedelta(2), MONDAY + timedelta(3))]


def test_a_period_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ValidationFailed) as error:
        Period(MONDAY, MONDAY - timedelta(days=1))
    assert error.value.field == "ends_on"


def test_a_busy_cluster_is_planned_in_well_under_fifty_milliseconds() -> None:
    members = [UUID(int=n) for n in range(1, 6)]
    busy = {
        member: [Period(MONDAY + timedelta(days=d), MONDAY + timedelta(days=d + 6)) for d in range(n * 5, 400, 50)]
        for n, member in enumerate(members)
    }
    assert sum(len(periods) for periods in busy.values()) >= 36
    fastest = min(_seconds_to_plan(busy) for _ in range(5))
    assert fastest < 0.05


def _seconds_to_plan(unavailability: Mapping[UUID, Sequence[Period]]) -> float:
    started = time.perf_counter()
    plan(unavailability)
    return time.perf_counter() - started


def test_a_members_public_holidays_keep_off_its_own_sessions_and_the_whole_clusters() -> None:
    placed = members_holidays({ANNA: ("DE", "BY"), BERT: ("LU", None), CARL: (None, None)}, MONDAY)
    assert date(2026, 4, 6) in placed[ANNA] and date(2026, 6, 23) in placed[BERT] and placed[CARL] == frozenset()
    proposal = propose_plan(MONDAY, DEFAULT_TEMPLATE, NOBODY_AWAY, placed)
    for session in proposal.sessions:
        concerned = MEMBERS if session.organisation_id is None else (session.organisation_id,)
        assert not any(day in placed[member] for member in concerned for day in session.days()), session
    assert proposal.fingerprint() != plan().fingerprint()


def test_a_session_is_not_moved_onto_a_day_off_of_a_member_concerned() -> None:
    with pytest.raises(ValidationFailed) as error:
        check_no_day_off([date(2026, 12, 25)], {ANNA: ("LU", None), BERT: (None, None)})
    assert error.value.field == "on"
    assert error.value.message.startswith("Friday 25 December 2026 is not a working day (Christmas Day in Luxembourg)")
    check_no_day_off([date(2026, 12, 24)], {ANNA: ("LU", None)})  # a working day there
    with pytest.raises(ValidationFailed, match="a weekend"):
        check_no_day_off([date(2026, 12, 26)], {})
