"""Properties of the programme planner that hold for any cluster and any declared unavailability."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import pairwise
from uuid import UUID

from hypothesis import given, reject, settings
from hypothesis import strategies as st

from domain.clusters.planner import HalfDay, Period, PlannedSession, PlanProposal, SessionKind, clashes, propose_plan
from domain.programme_template.template import DEFAULT_TEMPLATE, ProgrammeTemplate
from domain.shared.errors import ValidationFailed

SHORT_RUN = settings(max_examples=150, deadline=None)


@dataclass(frozen=True)
class Cluster:
    starts_on: date
    template: ProgrammeTemplate
    unavailability: dict[UUID, list[Period]]


@st.composite
def periods_near(draw: st.DrawFn, starts_on: date) -> Period:
    """Mostly short absences within the programme's first year and a half, some long enough to block a cycle."""
    first = starts_on + timedelta(days=draw(st.integers(-30, 540)))
    length = draw(st.one_of(st.integers(0, 14), st.integers(15, 90)))
    return Period(first, first + timedelta(days=length))


templates = st.builds(
    lambda minimum, extra, training, gap, modules: replace(
        DEFAULT_TEMPLATE,
        cycle_weeks_min=minimum,
        cycle_weeks_max=minimum + extra,
        initial_training_half_days=training,
        gap_analysis_on_site_half_days=gap,
        modules=tuple(f"Module {n}" for n in range(1, modules + 1)),
    ),
    st.integers(1, 4),
    st.integers(0, 2),
    st.integers(0, 4),
    st.integers(0, 3),
    st.integers(1, 10),
)


@st.composite
def clusters(draw: st.DrawFn) -> Cluster:
    starts_on = draw(st.dates(date(2026, 1, 1), date(2027, 12, 31)))
    members = draw(st.lists(st.uuids(), max_size=5, unique=True))
    template = draw(st.one_of(st.just(DEFAULT_TEMPLATE), templates))
    unavailability = {member: draw(st.lists(periods_near(starts_on), max_size=6)) for member in members}
    return Cluster(starts_on, template, unavailability)


def planned(cluster: Cluster) -> PlanProposal:
    try:
        return propose_plan(cluster.starts_on, cluster.template, cluster.unavailability)
    except ValidationFailed:
        reject()  # a calendar blocked for three years: the example test covers the refusal


def is_away(cluster: Cluster, member: UUID, day: date) -> bool:
    return any(period.starts_on <= day <= period.ends_on for period in cluster.unavailability[member])


def is_free_for_all(cluster: Cluster, day: date) -> bool:
    return day.weekday() < 5 and not any(is_away(cluster, member, day) for member in cluster.unavailability)


def days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def sessions_of(proposal: PlanProposal, kind: SessionKind) -> list[PlannedSession]:
    return [session for session in proposal.sessions if session.kind is kind]


def first_cycle_reference(cluster: Cluster, proposal: PlanProposal) -> date:
    trainings = sessions_of(proposal, SessionKind.INITIAL_TRAINING)
    if trainings:
        return trainings[0].on
    gap_analysis_days = [day for s in sessions_of(proposal, SessionKind.GAP_ANALYSIS) for day in s.days()]
    if gap_analysis_days:
        return max(gap_analysis_days)
    return next(day for day in days_between(cluster.starts_on, cluster.starts_on + timedelta(6)) if day.weekday() < 5)


@SHORT_RUN
@given(clusters())
def test_no_session_falls_on_a_weekend_or_on_a_day_a_member_concerned_is_away(cluster: Cluster) -> None:
    proposal = planned(cluster)
    for session in proposal.sessions:
        concerned = list(cluster.unavailability) if session.organisation_id is None else [session.organisation_id]
        for day in session.days():
            assert day.weekday() < 5, session
            assert not any(is_away(cluster, member, day) for member in concerned), session


@SHORT_RUN
@given(clusters())
def test_the_modules_come_one_to_n_in_strictly_increasing_date_order(cluster: Cluster) -> None:
    modules = sessions_of(planned(cluster), SessionKind.MODULE)
    assert [session.module_number for session in modules] == list(range(1, len(cluster.template.modules) + 1))
    assert [session.key for session in modules] == [f"module:{n}" for n in range(1, len(modules) + 1)]
    assert all(earlier.on < later.on for earlier, later in pairwise(modules))


@SHORT_RUN
@given(clusters())
def test_a_module_keeps_to_its_cycle_when_anyone_can_meet_and_otherwise_a_note_says_why(cluster: Cluster) -> None:
    proposal = planned(cluster)
    notes = {note.key: note.message for note in proposal.notes}
    reference = first_cycle_reference(cluster, proposal)
    for module in sessions_of(proposal, SessionKind.MODULE):
        window = days_between(
            reference + timedelta(weeks=cluster.template.cycle_weeks_min),
            reference + timedelta(weeks=cluster.template.cycle_weeks_max),
        )
        free_days = [day for day in window if is_free_for_all(cluster, day)]
        if free_days:
            assert module.on == free_days[0]
            assert module.key not in notes
        else:
            assert module.on > window[-1]
            assert module.key in notes
            working = [day for day in window if day.weekday() < 5]
            blocking = {m for day in working for m in cluster.unavailability if is_away(cluster, m, day)}
            assert all(str(member) in notes[module.key] for member in blocking)
        reference = module.on


@SHORT_RUN
@given(clusters())
def test_the_same_input_gives_the_same_fingerprint(cluster: Cluster) -> None:
    first = planned(cluster)
    shuffled = dict(reversed(list(cluster.unavailability.items())))
    again = propose_plan(cluster.starts_on, cluster.template, shuffled)
    assert again == first
    assert again.fingerprint() == first.fingerprint()


@SHORT_RUN
@given(clusters())
def test_every_member_has_exactly_one_gap_analysis_and_no_two_share_a_day(cluster: Cluster) -> None:
    gap_analyses = sessions_of(planned(cluster), SessionKind.GAP_ANALYSIS)
    assert sorted(s.organisation_id for s in gap_analyses if s.organisation_id) == sorted(cluster.unavailability)
    days = [day for session in gap_analyses for day in session.days()]
    assert len(days) == len(set(days))
    assert all(day >= cluster.starts_on for day in days)


@SHORT_RUN
@given(clusters())
def test_a_fresh_plan_clashes_with_nothing_it_was_planned_around(cluster: Cluster) -> None:
    proposal = planned(cluster)
    assert clashes(proposal.sessions, cluster.unavailability) == []


@SHORT_RUN
@given(clusters())
def test_each_member_is_coached_after_each_module_on_the_earliest_day_left_to_it_or_a_note_says_why(
    cluster: Cluster,
) -> None:
    proposal = planned(cluster)
    notes = {note.key: note.message for note in proposal.notes}
    modules = sessions_of(proposal, SessionKind.MODULE)
    coaching = {s.key: s for s in sessions_of(proposal, SessionKind.COACHING)}
    coached_on = {s.on: s.organisation_id for s in coaching.values()}
    taken = {day for s in proposal.sessions if s.kind is not SessionKind.COACHING for day in s.days()}
    for index, module in enumerate(modules):
        if index + 1 < len(modules):
            last = modules[index + 1].on - timedelta(days=1)
        else:
            last = module.on + timedelta(weeks=cluster.template.cycle_weeks_max)
        for member in sorted(cluster.unavailability):
            key = f"coaching:{module.module_number}:{member}"
            available = [
                day
                for day in days_between(module.on + timedelta(weeks=1), last)
                if day.weekday() < 5 and not is_away(cluster, member, day)
            ]
            possible = [day for day in available if day not in taken]  # taken: by members served earlier, too
            assert (key in coaching) != (key in notes)
            if possible:
                assert coaching[key].on == possible[0]
                assert coaching[key].half_day is HalfDay.AFTERNOON
                taken.add(coaching[key].on)
            else:
                assert key in notes
                if available:  # every day the member could have had went to other members' coaching
                    assert "other members' coaching" in notes[key]
                    assert all(day in coached_on and str(coached_on[day]) in notes[key] for day in available)


@SHORT_RUN
@given(clusters())
def test_no_two_coaching_sessions_share_a_day(cluster: Cluster) -> None:
    days = [day for s in sessions_of(planned(cluster), SessionKind.COACHING) for day in s.days()]
    assert len(days) == len(set(days))


@SHORT_RUN
@given(clusters())
def test_no_coaching_falls_on_a_day_of_a_cluster_wide_session_or_a_gap_analysis(cluster: Cluster) -> None:
    proposal = planned(cluster)
    other_days = {day for s in proposal.sessions if s.kind is not SessionKind.COACHING for day in s.days()}
    assert all(day not in other_days for s in sessions_of(proposal, SessionKind.COACHING) for day in s.days())
