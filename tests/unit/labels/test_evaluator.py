"""The coach the labelling body names to evaluate a candidate's first mission, and the candidate's name kept on the
track: never the candidate themself, and once named, only that coach evaluates."""

from __future__ import annotations

from uuid import UUID, uuid4

import pytest

from domain.labels.commands import EnrolCandidate, EvaluateFirstMission, GrantLabel, NameEvaluator
from domain.labels.errors import SelfEvaluationRefused
from domain.labels.track import LabelTrack, track_id
from domain.shared.errors import Conflict, Forbidden, ValidationFailed
from tests.unit.labels.support import ENROLLED, EVALUATED, GRANTED, Body, ratings


@pytest.fixture
def body() -> Body:
    return Body()


def track(body: Body, candidate: UUID) -> LabelTrack:
    return body.app.get(LabelTrack, body.tenant, track_id(body.tenant, candidate))


def name(body: Body, candidate: UUID, evaluator: UUID) -> NameEvaluator:
    return NameEvaluator(*body.on(candidate), evaluator, "Sophie Martin")


def evaluation_by(body: Body, candidate: UUID, evaluator: UUID) -> EvaluateFirstMission:
    return EvaluateFirstMission(*body.on(candidate), evaluator, "North cluster", EVALUATED, ratings())


def test_the_candidate_is_never_named_their_own_evaluator(body: Body) -> None:
    candidate = body.candidate("examined")
    refused = body.app.refuses(name(body, candidate, candidate), SelfEvaluationRefused, "evaluator_id")
    assert refused.code == "FORBIDDEN"
    assert track(body, candidate).evaluator_id is None


def test_once_named_only_that_coach_evaluates_the_first_mission(body: Body) -> None:
    candidate, named, other = body.candidate("examined"), uuid4(), uuid4()
    body.app.handle(name(body, candidate, named))
    body.app.refuses(evaluation_by(body, candidate, other), Forbidden, "evaluator_id")
    body.app.handle(evaluation_by(body, candidate, named))
    evaluation = track(body, candidate).evaluation
    assert evaluation is not None and evaluation.evaluator_id == named
    body.app.handle(GrantLabel(*body.on(candidate), GRANTED))


def test_naming_the_same_coach_twice_is_a_conflict_and_another_replaces_them(body: Body) -> None:
    candidate, first, second = body.candidate("examined"), uuid4(), uuid4()
    body.app.handle(name(body, candidate, first))
    body.app.refuses(name(body, candidate, first), Conflict, "evaluator_id")
    body.app.handle(name(body, candidate, second))
    assert track(body, candidate).evaluator_id == second


def test_no_evaluator_is_named_once_the_label_is_granted(body: Body) -> None:
    candidate = body.candidate("granted")
    body.app.refuses(name(body, candidate, uuid4()), ValidationFailed, "professional_id")


def test_the_enrolment_keeps_the_candidates_name_once(body: Body) -> None:
    candidate = uuid4()
    named = EnrolCandidate(*body.on(candidate), ENROLLED, "Tom Keller", "tom@pro.example", "ISMS Label Board")
    body.app.handle(named)
    assert track(body, candidate).candidate_name == "Tom Keller"
    bad = EnrolCandidate(*body.on(uuid4()), ENROLLED, "Tom\x00Keller", "tom@pro.example", "ISMS Label Board")
    body.app.refuses(bad, ValidationFailed, "display_name")
