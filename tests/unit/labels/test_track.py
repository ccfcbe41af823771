"""The label track's rules, through the labelling body's handlers: each refusal names its field and writes
nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from uuid import UUID, uuid4

import pytest

from domain.labels.commands import (
    EnrolCandidate,
    EvaluateFirstMission,
    GrantLabel,
    PublishLabelScheme,
    RecordExamAttempt,
    RecordLabelTraining,
    ReinstateLabel,
    RenewLabel,
    RevokeLabel,
    SuspendLabel,
)
from domain.labels.errors import (
    AttemptsExhausted,
    LabelRevoked,
    RenewalConditionsNotMet,
    RequirementNotRated,
    SelfEvaluationRefused,
    StepNotPassed,
)
from domain.labels.rules import LabelStatus, add_months
from domain.labels.scheme import RequirementGiven
from domain.labels.track import CoachedMission, LabelTrack, track_id
from domain.shared.errors import Conflict, NotFound, ValidationFailed
from tests.unit.labels.support import (
    ENROLLED,
    EVALUATED,
    EXAMINED,
    GRANTED,
    REQUIREMENTS,
    SCHEME,
    TODAY,
    TRAINED,
    Body,
    LabelsApp,
    ratings,
)

EXPIRES = add_months(GRANTED, 36)


@pytest.fixture
def body() -> Body:
    return Body()


def track(body: Body, candidate: UUID) -> LabelTrack:
    return body.app.get(LabelTrack, body.tenant, track_id(body.tenant, candidate))


def evaluate(body: Body, candidate: UUID, evaluator: UUID | None = None, **rated: str) -> EvaluateFirstMission:
    given = ratings(**rated)
    return EvaluateFirstMission(*body.on(candidate), evaluator or body.coach, "North cluster", EVALUATED, given)


def missions(*ended: tuple[date, float]) -> tuple[CoachedMission, ...]:
    return tuple(CoachedMission(uuid4(), day, days) for day, days in ended)


# Enrolment


def test_no_candidate_is_enrolled_before_the_scheme_is_published() -> None:
    app = LabelsApp()
    app.refuses(EnrolCandidate(uuid4(), uuid4(), uuid4(), ENROLLED), NotFound, "scheme")


def test_a_professional_has_one_track(body: Body) -> None:
    candidate = body.candidate()
    body.app.refuses(EnrolCandidate(*body.on(candidate), ENROLLED), Conflict, "professional_id")
    assert track(body, candidate).status_on(TODAY) == LabelStatus.CANDIDATE


def test_a_candidate_whose_attempts_are_used_up_starts_a_new_cycle_on_the_current_version(body: Body) -> None:
    candidate = body.candidate("trained")
    for n in range(3):
        body.app.handle(RecordExamAttempt(*body.on(candidate), EXAMINED + timedelta(days=n), 40))
    body.app.refuses(EnrolCandidate(*body.on(candidate), EXAMINED + timedelta(days=1)), ValidationFailed, "enrolled_on")
    body.app.handle(PublishLabelScheme(body.tenant, body.admin, replace(SCHEME, pass_mark=75)))
    body.app.handle(EnrolCandidate(*body.on(candidate), TODAY))
    again = track(body, candidate)
    assert (again.cycle, again.scheme_version, again.enrolled_on, again.training, again.attempts) == (
        2,
        2,
        TODAY,
        None,
        (),
    )
    body.app.handle(RecordLabelTraining(*body.on(candidate), TODAY, "Cordee Academy", "Certificate", 21))
    body.app.handle(RecordExamAttempt(*body.on(candidate), TODAY, 80))
    assert track(body, candidate).exam_passed


def test_a_candidate_with_attempts_left_or_a_label_still_valid_is_not_enrolled_again(body: Body) -> None:
    candidate = body.candidate("trained")
    body.app.handle(RecordExamAttempt(*body.on(candidate), EXAMINED, 40))
    body.app.refuses(EnrolCandidate(*body.on(candidate), TODAY), Conflict, "professional_id")
    labelled = body.candidate("granted")
    body.app.refuses(EnrolCandidate(*body.on(labelled), TODAY), Conflict, "professional_id")


def test_a_professional_whose_label_expired_starts_a_new_cycle_but_never_after_a_revocation() -> None:
    body = Body(replace(SCHEME, validity_months=6))  # granted 2026-02-02, expired on 2026-08-02
    candidate = body.candidate("granted")
    body.app.refuses(EnrolCandidate(*body.on(candidate), date(2026, 7, 1)), Conflict, "professional_id")
    body.app.handle(EnrolCandidate(*body.on(candidate), date(2026, 9, 1)))
    again = track(body, candidate)
    assert (again.cycle, again.granted_on, again.status_on(TODAY)) == (2, None, LabelStatus.CANDIDATE)
    revoked = body.candidate("granted")
    body.app.handle(RevokeLabel(*body.on(revoked), date(2026, 3, 1), "Falsified evidence"))
    refused = body.app.refuses(EnrolCandidate(*body.on(revoked), TODAY), Conflict, "professional_id")
    assert "revoked" in refused.message


def test_a_track_of_another_labelling_body_is_not_found(body: Body) -> None:
    candidate = body.candidate("trained")
    from_another_tenant = RecordExamAttempt(uuid4(), body.admin, candidate, EXAMINED, 80)
    body.app.refuses(from_another_tenant, NotFound, "professional_id")


# Training and exam


def test_the_training_is_recorded_with_its_provider_and_evidence(body: Body) -> None:
    candidate = body.candidate("trained")
    training = track(body, candidate).training
    assert training is not None and (training.attended_on, training.provider) == (TRAINED, "Cordee Academy")
    again = RecordLabelTraining(*body.on(candidate), TRAINED, "Other", "Other", 21)
    body.app.refuses(again, ValidationFailed, "attended_on")


@pytest.mark.parametrize("hours", [20.5, 0, -1, 1000.5, True])
def test_a_training_shorter_than_the_versions_minimum_is_refused(body: Body, hours: float) -> None:
    candidate = body.candidate()
    short = RecordLabelTraining(*body.on(candidate), TRAINED, "Cordee Academy", "Certificate", hours)
    body.app.refuses(short, ValidationFailed, "hours")


def test_the_training_records_its_hours(body: Body) -> None:
    candidate = body.candidate()
    body.app.handle(RecordLabelTraining(*body.on(candidate), TRAINED, "Cordee Academy", "Certificate", 21))
    training = track(body, candidate).training
    assert training is not None and training.hours == 21


def test_no_exam_attempt_before_the_training(body: Body) -> None:
    candidate = body.candidate()
    body.app.refuses(RecordExamAttempt(*body.on(candidate), EXAMINED, 90), StepNotPassed, "training")
    body.app.handle(RecordLabelTraining(*body.on(candidate), TRAINED, "Cordee Academy", "Certificate", 21))
    body.app.refuses(RecordExamAttempt(*body.on(candidate), TRAINED - timedelta(days=1), 90), ValidationFailed,
                     "sat_on")  # fmt: skip


def test_the_pass_mark_decides_pass_or_fail(body: Body) -> None:
    candidate = body.candidate("trained")
    body.app.handle(RecordExamAttempt(*body.on(candidate), EXAMINED, 69))
    body.app.handle(RecordExamAttempt(*body.on(candidate), EXAMINED, 70))
    assert [attempt.passed for attempt in track(body, candidate).attempts] == [False, True]
    body.app.refuses(RecordExamAttempt(*body.on(candidate), EXAMINED, 95), ValidationFailed, "score")


@pytest.mark.parametrize("score", [-1, 101])
def test_a_score_is_a_percentage(body: Body, score: int) -> None:
    candidate = body.candidate("trained")
    body.app.refuses(RecordExamAttempt(*body.on(candidate), EXAMINED, score), ValidationFailed, "score")


def test_no_attempt_beyond_the_maximum(body: Body) -> None:
    candidate = body.candidate("trained")
    for _ in range(SCHEME.maximum_attempts):
        body.app.handle(RecordExamAttempt(*body.on(candidate), EXAMINED, 40))
    refused = body.app.refuses(RecordExamAttempt(*body.on(candidate), EXAMINED, 90), AttemptsExhausted, "score")
    assert "3 attempts" in refused.message
    assert len(track(body, candidate).attempts) == 3 and not track(body, candidate).exam_passed


def test_a_single_attempt_used_up_is_said_in_the_singular() -> None:
    body = Body(replace(SCHEME, maximum_attempts=1))
    candidate = body.candidate("trained")
    body.app.handle(RecordExamAttempt(*body.on(candidate), EXAMINED, 40))
    refused = body.app.refuses(RecordExamAttempt(*body.on(candidate), EXAMINED, 90), AttemptsExhausted, "score")
    assert "used the one attempt the scheme allows" in refused.message


# The first-mission evaluation


def test_a_candidate_cannot_evaluate_themselves(body: Body) -> None:
    candidate = body.candidate("examined")
    refused = body.app.refuses(evaluate(body, candidate, evaluator=candidate), SelfEvaluationRefused, "evaluator_id")
    assert refused.code == "FORBIDDEN"
    assert track(body, candidate).evaluation is None


def test_no_first_mission_evaluation_before_the_enrolment(body: Body) -> None:
    candidate = body.candidate("examined")
    before = ENROLLED - timedelta(days=1)
    cmd = EvaluateFirstMission(*body.on(candidate), body.coach, "North cluster", before, ratings())
    body.app.refuses(cmd, ValidationFailed, "evaluated_on")


def test_another_coach_evaluates_every_requirement_of_the_four_categories(body: Body) -> None:
    candidate = body.candidate("evaluated")
    evaluation = track(body, candidate).evaluation
    assert evaluation is not None and evaluation.evaluator_id == body.coach and evaluation.passes
    assert [(r.key, r.rating) for r in evaluation.ratings] == [(r.key, "meets") for r in REQUIREMENTS]


def test_an_evaluation_missing_a_requirement_is_refused(body: Body) -> None:
    candidate = body.candidate("examined")
    incomplete = replace(evaluate(body, candidate), ratings=ratings()[:-1])
    refused = body.app.refuses(incomplete, RequirementNotRated, "ratings")
    assert isinstance(refused, RequirementNotRated) and refused.key == "security_policies-2"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"rating": "excellent"}, "ratings.rating"),
        ({"key": "no-such-requirement"}, "ratings.key"),
        ({"category": "risk_management"}, "ratings.category"),
        ({"comment": "  "}, "ratings.comment"),
    ],
)
def test_a_rating_is_of_a_requirement_of_its_category_with_a_comment(
    body: Body, change: dict[str, str], field: str
) -> None:
    candidate = body.candidate("examined")
    given = ratings()
    command = replace(evaluate(body, candidate), ratings=(replace(given[0], **change), *given[1:]))
    body.app.refuses(command, ValidationFailed, field)


def test_a_requirement_rated_twice_is_refused(body: Body) -> None:
    candidate = body.candidate("examined")
    given = ratings()
    body.app.refuses(replace(evaluate(body, candidate), ratings=(*given, given[0])), ValidationFailed, "ratings.key")


# The grant


def test_no_grant_without_the_training(body: Body) -> None:
    candidate = body.candidate()
    body.app.handle(evaluate(body, candidate))
    body.app.refuses(GrantLabel(*body.on(candidate), GRANTED), StepNotPassed, "training")


def test_no_grant_without_a_passed_exam(body: Body) -> None:
    candidate = body.candidate("trained")
    body.app.handle(RecordExamAttempt(*body.on(candidate), EXAMINED, 55))
    body.app.handle(evaluate(body, candidate))
    body.app.refuses(GrantLabel(*body.on(candidate), GRANTED), StepNotPassed, "exam")


def test_no_grant_without_an_evaluation(body: Body) -> None:
    candidate = body.candidate("examined")
    body.app.refuses(GrantLabel(*body.on(candidate), GRANTED), StepNotPassed, "evaluation")


def test_no_grant_while_a_category_has_a_requirement_not_met(body: Body) -> None:
    candidate = body.candidate("examined")
    body.app.handle(evaluate(body, candidate, risk_management_2="not_met", gap_analysis_1="partially"))
    refused = body.app.refuses(GrantLabel(*body.on(candidate), GRANTED), StepNotPassed, "evaluation")
    assert "risk management" in refused.message and "gap analysis" not in refused.message
    body.app.handle(evaluate(body, candidate, gap_analysis_1="partially"))  # a later mission, evaluated again
    body.app.handle(GrantLabel(*body.on(candidate), GRANTED))


def test_a_grant_comes_after_its_steps(body: Body) -> None:
    candidate = body.candidate("evaluated")
    body.app.refuses(GrantLabel(*body.on(candidate), EVALUATED - timedelta(days=1)), ValidationFailed, "granted_on")
    body.app.refuses(GrantLabel(*body.on(candidate), TODAY + timedelta(days=1)), ValidationFailed, "granted_on")


def test_a_granted_track_takes_no_more_steps(body: Body) -> None:
    candidate = body.candidate("granted")
    body.app.refuses(GrantLabel(*body.on(candidate), TODAY), ValidationFailed, "professional_id")
    body.app.refuses(evaluate(body, candidate), ValidationFailed, "professional_id")


# Expiry


def test_a_label_is_valid_until_the_day_before_it_expires(body: Body) -> None:
    label = track(body, body.candidate("granted"))
    assert (label.granted_on, label.expires_on) == (GRANTED, date(2029, 2, 2))
    assert label.status_on(GRANTED - timedelta(days=1)) == LabelStatus.CANDIDATE
    assert label.status_on(GRANTED) == LabelStatus.VALID
    assert label.status_on(EXPIRES - timedelta(days=1)) == LabelStatus.VALID
    assert label.status_on(EXPIRES) == LabelStatus.EXPIRED
    assert label.status_on(EXPIRES + timedelta(days=1)) == LabelStatus.EXPIRED


# Renewal


def test_a_renewal_without_enough_missions_is_refused(body: Body) -> None:
    candidate = body.candidate("granted")
    renew = RenewLabel(*body.on(candidate), TODAY, missions((date(2026, 6, 30), 12)))
    refused = body.app.refuses(renew, RenewalConditionsNotMet, "missions")
    assert f"since {GRANTED.isoformat()}: 1," in refused.message and "at least 2 missions" in refused.message


def test_a_renewal_without_enough_days_of_coaching_is_refused(body: Body) -> None:
    candidate = body.candidate("granted")
    renew = RenewLabel(*body.on(candidate), TODAY, missions((date(2026, 6, 30), 4), (date(2026, 11, 30), 5.5)))
    body.app.refuses(renew, RenewalConditionsNotMet, "missions")


def test_missions_before_the_grant_or_given_twice_count_once_or_not_at_all(body: Body) -> None:
    candidate = body.candidate("granted")
    (before,) = missions((GRANTED - timedelta(days=1), 20))
    (after,) = missions((date(2026, 9, 1), 20))
    body.app.refuses(RenewLabel(*body.on(candidate), TODAY, (before, after, after)), RenewalConditionsNotMet,
                     "missions")  # fmt: skip


def test_a_renewal_with_enough_missions_extends_the_expiry(body: Body) -> None:
    candidate = body.candidate("granted")
    body.app.handle(RenewLabel(*body.on(candidate), TODAY, missions((date(2026, 6, 30), 4), (date(2026, 11, 30), 6))))
    label = track(body, candidate)
    assert label.expires_on == add_months(GRANTED, 72) == date(2032, 2, 2)
    assert label.status_on(EXPIRES) == LabelStatus.VALID


def test_the_missions_of_a_renewal_never_count_again(body: Body) -> None:
    candidate = body.candidate("granted")
    counted = missions((date(2026, 6, 30), 4), (date(2026, 11, 30), 6))
    body.app.handle(RenewLabel(*body.on(candidate), TODAY, counted))
    body.app.today = next_day = date(2029, 3, 1)  # the next renewal opens on the first expiry, 2029-02-02
    refused = body.app.refuses(RenewLabel(*body.on(candidate), next_day, counted), RenewalConditionsNotMet, "missions")
    assert "since 2027-01-04: 0," in refused.message
    corrected = tuple(replace(mission, ended_on=date(2028, 6, 1)) for mission in counted)  # same ids, later ends
    body.app.refuses(RenewLabel(*body.on(candidate), next_day, corrected), RenewalConditionsNotMet, "missions")
    body.app.handle(RenewLabel(*body.on(candidate), next_day, missions((date(2028, 6, 1), 5), (next_day, 5))))
    assert track(body, candidate).expires_on == date(2035, 2, 2)


def test_a_mission_ending_on_the_first_day_of_the_period_does_not_count(body: Body) -> None:
    candidate = body.candidate("granted")
    renew = RenewLabel(*body.on(candidate), TODAY, missions((GRANTED, 5), (date(2026, 11, 30), 5)))
    body.app.refuses(renew, RenewalConditionsNotMet, "missions")


def test_a_label_is_renewed_once_per_period(body: Body) -> None:
    candidate = body.candidate("granted")
    body.app.handle(RenewLabel(*body.on(candidate), TODAY, missions((date(2026, 6, 30), 5), (TODAY, 5))))
    again = RenewLabel(*body.on(candidate), TODAY, missions((TODAY, 5), (TODAY, 5)))
    refused = body.app.refuses(again, ValidationFailed, "renewed_on")
    assert "opens on 2029-02-02" in refused.message
    assert track(body, candidate).expires_on == date(2032, 2, 2)


def test_an_expired_label_is_not_brought_back_by_a_renewal_dated_before_its_expiry() -> None:
    body = Body(replace(SCHEME, validity_months=6))  # granted 2026-02-02, expired on 2026-08-02, before today
    candidate = body.candidate("granted")
    backdated = RenewLabel(
        *body.on(candidate), date(2026, 7, 1), missions((date(2026, 5, 1), 5), (date(2026, 6, 1), 5))
    )
    refused = body.app.refuses(backdated, ValidationFailed, "renewed_on")
    assert "today this one is expired" in refused.message


def test_a_candidate_or_a_suspended_label_is_not_renewed(body: Body) -> None:
    enough = missions((date(2026, 6, 30), 5), (date(2026, 11, 30), 5))
    candidate = body.candidate("evaluated")
    body.app.refuses(RenewLabel(*body.on(candidate), TODAY, enough), ValidationFailed, "renewed_on")
    labelled = body.candidate("granted")
    body.app.handle(SuspendLabel(*body.on(labelled), date(2026, 12, 1), "Complaint under review"))
    body.app.refuses(RenewLabel(*body.on(labelled), TODAY, enough), ValidationFailed, "renewed_on")


# Suspension, reinstatement, revocation


def test_suspension_and_reinstatement(body: Body) -> None:
    candidate = body.candidate("granted")
    suspended_on, reinstated_on = date(2026, 10, 1), date(2026, 11, 2)
    body.app.refuses(SuspendLabel(*body.on(candidate), suspended_on, " "), ValidationFailed, "reason")
    body.app.refuses(ReinstateLabel(*body.on(candidate), suspended_on, "Cleared"), ValidationFailed,
                     "reinstated_on")  # fmt: skip
    body.app.handle(SuspendLabel(*body.on(candidate), suspended_on, "Complaint under review"))
    body.app.refuses(SuspendLabel(*body.on(candidate), reinstated_on, "Again"), ValidationFailed, "suspended_on")
    body.app.refuses(ReinstateLabel(*body.on(candidate), reinstated_on, ""), ValidationFailed, "reason")
    body.app.refuses(ReinstateLabel(*body.on(candidate), suspended_on - timedelta(days=1), "Cleared"),
                     ValidationFailed, "reinstated_on")  # fmt: skip
    body.app.handle(ReinstateLabel(*body.on(candidate), reinstated_on, "Complaint found groundless"))
    label = track(body, candidate)
    assert label.status_on(suspended_on - timedelta(days=1)) == LabelStatus.VALID
    assert label.status_on(suspended_on) == label.status_on(reinstated_on - timedelta(days=1)) == LabelStatus.SUSPENDED
    assert label.status_on(reinstated_on) == LabelStatus.VALID
    assert label.expires_on == EXPIRES  # a suspension does not move the expiry


def test_only_a_valid_label_is_suspended(body: Body) -> None:
    candidate = body.candidate("evaluated")
    body.app.refuses(SuspendLabel(*body.on(candidate), TODAY, "Complaint"), ValidationFailed, "suspended_on")
    body.app.refuses(RevokeLabel(*body.on(candidate), TODAY, "Fraud"), ValidationFailed, "revoked_on")


def test_revocation_is_final(body: Body) -> None:
    candidate = body.candidate("granted")
    body.app.refuses(RevokeLabel(*body.on(candidate), TODAY, "\n"), ValidationFailed, "reason")
    body.app.handle(SuspendLabel(*body.on(candidate), date(2026, 10, 1), "Complaint under review"))
    body.app.handle(RevokeLabel(*body.on(candidate), date(2026, 12, 1), "Exam fraud established"))
    enough = missions((date(2026, 6, 30), 5), (date(2026, 11, 30), 5))
    for after in (
        ReinstateLabel(*body.on(candidate), TODAY, "Appeal"),
        SuspendLabel(*body.on(candidate), TODAY, "Again"),
        RevokeLabel(*body.on(candidate), TODAY, "Again"),
        RenewLabel(*body.on(candidate), TODAY, enough),
        GrantLabel(*body.on(candidate), TODAY),
        RecordExamAttempt(*body.on(candidate), TODAY, 100),
        evaluate(body, candidate),
    ):
        body.app.refuses(after, LabelRevoked, "professional_id")
    body.app.refuses(EnrolCandidate(*body.on(candidate), TODAY), Conflict, "professional_id")
    label = track(body, candidate)
    assert label.status_on(date(2026, 11, 30)) == LabelStatus.SUSPENDED
    assert label.status_on(date(2026, 12, 1)) == label.status_on(EXPIRES) == LabelStatus.REVOKED


# Every event names its actor; reasons are kept


def test_every_event_carries_the_tenant_and_the_acting_user(body: Body) -> None:
    candidate = body.candidate("granted")
    body.app.handle(SuspendLabel(*body.on(candidate), date(2026, 10, 1), "Complaint under review"))
    events = list(body.app.repository.event_store.get(track_id(body.tenant, candidate)))
    assert [type(e).__name__ for e in events] == [
        "Enrolled", "TrainingAttended", "ExamAttempted", "FirstMissionEvaluated", "Granted", "Suspended",
    ]  # fmt: skip
    assert all(e.tenant_id == body.tenant and e.actor_id == body.admin for e in events)  # type: ignore[attr-defined]
    assert events[-1].reason == "Complaint under review"  # type: ignore[attr-defined]


# Versions


def test_a_new_scheme_version_does_not_change_an_enrolled_track(body: Body) -> None:
    early = body.candidate("trained")
    extra = RequirementGiven("risk_management", "treatment-plan", "Leads the treatment plan.")
    version_2 = replace(SCHEME, pass_mark=90, maximum_attempts=1, requirements=(*REQUIREMENTS, extra))
    body.app.handle(PublishLabelScheme(body.tenant, body.admin, version_2))
    body.app.handle(RecordExamAttempt(*body.on(early), EXAMINED, 75))
    body.app.handle(evaluate(body, early))  # version 1's requirements: the new one is not asked
    body.app.handle(GrantLabel(*body.on(early), GRANTED))
    assert track(body, early).scheme_version == 1 and track(body, early).status_on(TODAY) == LabelStatus.VALID

    late = body.candidate("trained")
    body.app.handle(RecordExamAttempt(*body.on(late), EXAMINED, 75))
    assert track(body, late).scheme_version == 2 and not track(body, late).exam_passed
    body.app.refuses(RecordExamAttempt(*body.on(late), EXAMINED, 95), AttemptsExhausted, "score")
    body.app.refuses(evaluate(body, late), RequirementNotRated, "ratings")
