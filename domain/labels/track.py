"""A candidate's label track: enrolled on the scheme's current version, the training attended, the exam's attempts,
the first-mission evaluation by another coach, then the label granted, renewed, suspended, reinstated or revoked.

The track keeps the scheme version the candidate enrolled on; every step is checked against that version, which the
caller passes in (`scheme`), so a version published later never changes a track under way. Every event carries the
acting user; suspension, reinstatement and revocation carry their reason. Revocation is final.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.labels.errors import (
    AttemptsExhausted,
    LabelRevoked,
    RenewalConditionsNotMet,
    RequirementNotRated,
    SelfEvaluationRefused,
    StepNotPassed,
)
from domain.labels.rules import CATEGORIES, RATINGS, LabelStatus, add_months, category_passes, exam_passed, in_period
from domain.labels.scheme import SchemeVersion
from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.calendar import past_date, stated_today
from domain.shared.email import EMAIL_MAX_LENGTH
from domain.shared.errors import Conflict, Forbidden, ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, REASON_MAX_LENGTH, count_between, multi_line, not_before, single_line

PROVIDER_MAX_LENGTH = NAME_MAX_LENGTH
EVIDENCE_MAX_LENGTH = 2000
MISSION_MAX_LENGTH = NAME_MAX_LENGTH
COMMENT_MAX_LENGTH = 2000
SCORE = (0, 100)
MAX_MISSIONS_GIVEN = 500
COACHING_DAYS_MAX = 366.0
TRAINING_HOURS_MAX = 1000.0


def track_id(tenant_id: UUID, professional_id: UUID) -> UUID:
    """A professional's one track on the labelling body's scheme."""
    return tenant_scoped_id(tenant_id, "label-track", str(professional_id))


@dataclass(frozen=True)
class Training:
    attended_on: date
    provider: str
    evidence: str
    hours: float


@dataclass(frozen=True)
class ExamAttempt:
    number: int
    sat_on: date
    score: int
    passed: bool


@dataclass(frozen=True)
class RatingGiven:
    """The evaluating coach's rating of one requirement (`meets`, `partially`, `not_met`) and their comment."""

    category: str
    key: str
    rating: str
    comment: str


@dataclass(frozen=True)
class Evaluation:
    evaluator_id: UUID
    mission: str
    evaluated_on: date
    ratings: tuple[RatingGiven, ...]
    passed_categories: frozenset[str]

    @property
    def passes(self) -> bool:
        return self.passed_categories == set(CATEGORIES)


@dataclass(frozen=True)
class CoachedMission:
    """A mission the professional coached, as attested by the consultancy: the day it ended and its days of
    coaching. The product passes these facts to a renewal; the rule only counts them."""

    mission_id: UUID
    ended_on: date
    coaching_days: float


def checked_ratings(scheme: SchemeVersion, given: Iterable[RatingGiven]) -> tuple[RatingGiven, ...]:
    """One rating and comment for every requirement of every category of the version, in the version's order."""
    by_key: dict[str, RatingGiven] = {}
    categories = {requirement.key: requirement.category for requirement in scheme.requirements}
    for one in given:
        if one.key not in categories:
            raise ValidationFailed("ratings.key", f"No requirement {one.key!r} in version {scheme.version}.")
        if one.category != categories[one.key]:
            raise ValidationFailed("ratings.category", f"The requirement {one.key!r} is of {categories[one.key]}.")
        if one.key in by_key:
            raise ValidationFailed("ratings.key", f"The requirement {one.key!r} is rated twice.")
        if one.rating not in RATINGS:
            raise ValidationFailed("ratings.rating", f"Choose one of: {', '.join(RATINGS)}.")
        comment = multi_line("ratings.comment", one.comment, COMMENT_MAX_LENGTH)
        by_key[one.key] = RatingGiven(one.category, one.key, one.rating, comment)
    for requirement in scheme.requirements:
        if requirement.key not in by_key:
            raise RequirementNotRated(requirement.category, requirement.key)
    return tuple(by_key[requirement.key] for requirement in scheme.requirements)


def passed_categories(ratings: Iterable[RatingGiven]) -> list[str]:
    ratings = tuple(ratings)
    return [c for c in CATEGORIES if category_passes(r.rating for r in ratings if r.category == c)]


class LabelTrack(TenantAggregate):
    """One candidate professional's track on the scheme, from enrolment to the label and its life."""

    @classmethod
    def enrol(
        cls, tenant_id: UUID, actor_id: UUID, professional_id: UUID, scheme: SchemeVersion, enrolled_on: date
    ) -> LabelTrack:
        """The candidate's track, on the scheme's current version."""
        past_date("enrolled_on", enrolled_on)
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            professional_id=professional_id,
            scheme_version=scheme.version,
            enrolled_on=enrolled_on,
        )

    @staticmethod
    def create_id(tenant_id: UUID, professional_id: UUID, **_: object) -> UUID:
        return track_id(tenant_id, professional_id)

    @event("Enrolled")
    def __init__(
        self, tenant_id: UUID, actor_id: UUID, professional_id: UUID, scheme_version: int, enrolled_on: date
    ) -> None:
        self.tenant_id = tenant_id
        self.professional_id = professional_id
        self.cycle = 1
        """The candidate's cycle on the scheme: a new one after attempts used up, or after the label expired."""
        self.renewed_missions: frozenset[str] = frozenset()
        """The missions counted by earlier renewals: a mission counts towards one renewal only."""
        self.candidate_name = ""
        self._start(scheme_version, enrolled_on)

    def _start(self, scheme_version: int, enrolled_on: date) -> None:
        self.scheme_version = scheme_version
        self.enrolled_on = enrolled_on
        self.training: Training | None = None
        self.attempts: tuple[ExamAttempt, ...] = ()
        self.evaluation: Evaluation | None = None
        self.evaluator_id: UUID | None = None
        """The coach the labelling body asked to evaluate the first mission: only they evaluate it, once named."""
        self.granted_on: date | None = None
        self.expires_on: date | None = None
        self.period_started_on: date | None = None
        """The grant, or the last renewal: missions coached from this day count towards the next renewal."""
        self.periods = 0
        self.suspensions: tuple[tuple[date, date | None], ...] = ()
        self.revoked_on: date | None = None
        self.last_on = enrolled_on
        """The day of the last fact recorded: the life of a granted label is recorded in order."""

    def enrol_again(self, actor_id: UUID, own: SchemeVersion, current: SchemeVersion, enrolled_on: date) -> None:
        """A new cycle, on the scheme's current version, from the training on, for a candidate whose exam attempts
        are used up without a pass (`own`: the version they were on), or whose label has expired (on that day and
        today); never after a revocation, nor while a cycle is under way or a label valid or suspended."""
        self._check_version(own)
        if self.revoked_on is not None:
            raise Conflict("This professional's label was revoked: it is not earned again.", "professional_id")
        past_date("enrolled_on", enrolled_on)
        if self.granted_on is None:
            if self.exam_passed or len(self.attempts) < own.maximum_attempts:
                raise Conflict("This professional is already enrolled on the scheme.", "professional_id")
        else:
            today = stated_today()
            for day in (enrolled_on, today) if today is not None else (enrolled_on,):
                if self.status_on(day) != LabelStatus.EXPIRED:
                    raise Conflict("This professional's label has not expired.", "professional_id")
        not_before("enrolled_on", enrolled_on, self.last_on, "the track's last fact")
        not_before("enrolled_on", enrolled_on, self.attempts[-1].sat_on if self.attempts else None, "the last attempt")
        self._enrolled_again(actor_id, current.version, enrolled_on, self.cycle + 1)

    @event("EnrolledAgain")
    def _enrolled_again(self, actor_id: UUID, scheme_version: int, enrolled_on: date, cycle: int) -> None:
        self.cycle = cycle
        self._start(scheme_version, enrolled_on)

    def identify(self, actor_id: UUID, name: str, email: str, body_name: str) -> None:
        """The candidate's name and e-mail as the body enrols them, and the body's name, for the body's lists and
        the professional's own view (the realm's accounts are not the body's to read)."""
        self._identified(
            actor_id,
            single_line("display_name", name, NAME_MAX_LENGTH),
            single_line("email", email, EMAIL_MAX_LENGTH),
            single_line("body_name", body_name, NAME_MAX_LENGTH),
        )

    @event("Identified")
    def _identified(self, actor_id: UUID, name: str, email: str, body_name: str) -> None:
        self.candidate_name = name

    # The steps

    def name_evaluator(self, actor_id: UUID, scheme: SchemeVersion, evaluator_id: UUID, name: str) -> None:
        """The coach asked to evaluate the candidate's first mission, another professional; naming another replaces
        them until the evaluation is recorded."""
        self._check_steps_open(scheme)
        if evaluator_id == self.professional_id:
            raise SelfEvaluationRefused()
        if evaluator_id == self.evaluator_id:
            raise Conflict("This coach is already asked to evaluate the first mission.", "evaluator_id")
        self._evaluator_named(actor_id, evaluator_id, single_line("evaluator_name", name, NAME_MAX_LENGTH))

    @event("EvaluatorNamed")
    def _evaluator_named(self, actor_id: UUID, evaluator_id: UUID, name: str) -> None:
        self.evaluator_id = evaluator_id

    def record_training(
        self, actor_id: UUID, scheme: SchemeVersion, attended_on: date, provider: str, evidence: str, hours: float
    ) -> None:
        """The training attended, for at least the hours the candidate's version asks."""
        self._check_steps_open(scheme)
        if self.training is not None:
            raise ValidationFailed("attended_on", "The training is already recorded on this track.")
        past_date("attended_on", attended_on)
        if isinstance(hours, bool) or not isinstance(hours, int | float):
            raise ValidationFailed("hours", "Give the training's hours as a number.")
        if not scheme.training_minimum_hours <= hours <= TRAINING_HOURS_MAX:
            raise ValidationFailed(
                "hours",
                f"The scheme asks at least {scheme.training_minimum_hours} hours of training (at most "
                f"{TRAINING_HOURS_MAX:g}).",
            )
        self._training_attended(
            actor_id,
            attended_on,
            single_line("provider", provider, PROVIDER_MAX_LENGTH),
            multi_line("evidence", evidence, EVIDENCE_MAX_LENGTH),
            float(hours),
        )

    @event("TrainingAttended")
    def _training_attended(self, actor_id: UUID, attended_on: date, provider: str, evidence: str, hours: float) -> None:
        self.training = Training(attended_on, provider, evidence, hours)

    def record_exam_attempt(self, actor_id: UUID, scheme: SchemeVersion, sat_on: date, score: int) -> None:
        """Passed or failed by the version's pass mark; no attempt before the training nor after the exam is
        passed, and none beyond the version's maximum."""
        self._check_steps_open(scheme)
        if self.training is None:
            raise StepNotPassed("training", "Record the training before an exam attempt.")
        if self.exam_passed:
            raise ValidationFailed("score", "The exam is already passed.")
        if len(self.attempts) >= scheme.maximum_attempts:
            raise AttemptsExhausted(scheme.maximum_attempts)
        past_date("sat_on", sat_on)
        not_before("sat_on", sat_on, self.training.attended_on, "the training")
        not_before("sat_on", sat_on, self.attempts[-1].sat_on if self.attempts else None, "the last attempt")
        count_between("score", score, *SCORE)
        passed = exam_passed(score, scheme.pass_mark)
        self._exam_attempted(actor_id, len(self.attempts) + 1, sat_on, score, scheme.pass_mark, passed)

    @event("ExamAttempted")
    def _exam_attempted(
        self, actor_id: UUID, attempt: int, sat_on: date, score: int, pass_mark: int, passed: bool
    ) -> None:
        self.attempts = (*self.attempts, ExamAttempt(attempt, sat_on, score, passed))

    def evaluate_first_mission(
        self,
        actor_id: UUID,
        scheme: SchemeVersion,
        evaluator_id: UUID,
        mission: str,
        evaluated_on: date,
        ratings: Iterable[RatingGiven],
    ) -> None:
        """A coach's evaluation of the candidate's first mission on every requirement of the four categories. The
        evaluator is another professional; a later evaluation replaces an earlier one until the label is granted."""
        self._check_steps_open(scheme)
        if evaluator_id == self.professional_id:
            raise SelfEvaluationRefused()
        if self.evaluator_id is not None and evaluator_id != self.evaluator_id:
            raise Forbidden("Another coach is asked to evaluate this first mission.", "evaluator_id")
        named = single_line("mission", mission, MISSION_MAX_LENGTH)
        past_date("evaluated_on", evaluated_on)
        not_before("evaluated_on", evaluated_on, self.enrolled_on, "the enrolment")
        checked = checked_ratings(scheme, ratings)
        self._first_mission_evaluated(
            actor_id,
            evaluator_id,
            named,
            evaluated_on,
            [[r.category, r.key, r.rating, r.comment] for r in checked],
            passed_categories(checked),
        )

    @event("FirstMissionEvaluated")
    def _first_mission_evaluated(
        self,
        actor_id: UUID,
        evaluator_id: UUID,
        mission: str,
        evaluated_on: date,
        ratings: list[list[str]],
        passed_categories: list[str],
    ) -> None:
        given = tuple(RatingGiven(*rating) for rating in ratings)
        self.evaluation = Evaluation(evaluator_id, mission, evaluated_on, given, frozenset(passed_categories))

    # The label

    def grant(self, actor_id: UUID, scheme: SchemeVersion, granted_on: date) -> None:
        """Granted once the training is attended, the exam passed and the evaluation passes every category;
        valid for the version's months."""
        self._check_steps_open(scheme)
        training, evaluation = self._check_every_step_passed()
        past_date("granted_on", granted_on)
        not_before("granted_on", granted_on, training.attended_on, "the training")
        not_before("granted_on", granted_on, self.attempts[-1].sat_on, "the exam passed")
        not_before("granted_on", granted_on, evaluation.evaluated_on, "the evaluation")
        self._granted(actor_id, granted_on, add_months(granted_on, scheme.validity_months))

    @event("Granted")
    def _granted(self, actor_id: UUID, granted_on: date, expires_on: date) -> None:
        self.granted_on = self.period_started_on = self.last_on = granted_on
        self.expires_on = expires_on
        self.periods = 1

    def renew(
        self, actor_id: UUID, scheme: SchemeVersion, renewed_on: date, missions: Iterable[CoachedMission]
    ) -> None:
        """A label valid on the renewal day and still valid today, renewed for another period of the version's
        months, counted from its expiry (renewing early loses nothing), once enough missions ended after the grant or
        the last renewal, none counted by an earlier renewal. One renewal per period: a label whose expiry is already
        more than one period ahead of the renewal day is not renewed again."""
        self._check_version(scheme)
        self._check_not_revoked()
        past_date("renewed_on", renewed_on)
        self._check_status("renewed_on", renewed_on, "renewed")
        today = stated_today()
        if today is not None and today != renewed_on and (status := self.status_on(today)) != LabelStatus.VALID:
            raise ValidationFailed(
                "renewed_on", f"Only a label valid today is renewed; today this one is {status.value}."
            )
        assert self.expires_on is not None  # a valid label is granted
        opens_on = add_months(self.expires_on, -scheme.validity_months)
        if renewed_on < opens_on:
            raise ValidationFailed(
                "renewed_on",
                f"The label is already renewed for its next period; its next renewal opens on {opens_on.isoformat()}.",
            )
        counted = self._missions_since(renewed_on, missions)
        days = sum(mission.coaching_days for mission in counted)
        if len(counted) < scheme.renewal_missions or days < scheme.renewal_days:
            raise RenewalConditionsNotMet("missions", self._short_of(scheme, len(counted), days))
        assert self.granted_on is not None  # a valid label is granted
        expires_on = add_months(self.granted_on, scheme.validity_months * (self.periods + 1))
        self._renewed(actor_id, renewed_on, expires_on, sorted(str(m.mission_id) for m in counted), days)

    @event("Renewed")
    def _renewed(
        self, actor_id: UUID, renewed_on: date, expires_on: date, missions: list[str], coaching_days: float
    ) -> None:
        self.period_started_on = self.last_on = renewed_on
        self.expires_on = expires_on
        self.periods += 1
        self.renewed_missions = self.renewed_missions | frozenset(missions)

    def suspend(self, actor_id: UUID, suspended_on: date, reason: str) -> None:
        """Only a label valid on that day is suspended, saying why."""
        self._check_not_revoked()
        past_date("suspended_on", suspended_on)
        self._check_status("suspended_on", suspended_on, "suspended")
        self._suspended(actor_id, suspended_on, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("Suspended")
    def _suspended(self, actor_id: UUID, suspended_on: date, reason: str) -> None:
        self.suspensions = (*self.suspensions, (suspended_on, None))
        self.last_on = suspended_on

    def reinstate(self, actor_id: UUID, reinstated_on: date, reason: str) -> None:
        """A suspended label valid again from that day (until its expiry), saying why."""
        self._check_not_revoked()
        if not self.suspended:
            raise ValidationFailed("reinstated_on", "Only a suspended label is reinstated.")
        past_date("reinstated_on", reinstated_on)
        not_before("reinstated_on", reinstated_on, self.last_on, "the suspension")
        self._reinstated(actor_id, reinstated_on, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("Reinstated")
    def _reinstated(self, actor_id: UUID, reinstated_on: date, reason: str) -> None:
        self.suspensions = (*self.suspensions[:-1], (self.suspensions[-1][0], reinstated_on))
        self.last_on = reinstated_on

    def revoke(self, actor_id: UUID, revoked_on: date, reason: str) -> None:
        """A granted label withdrawn for good, saying why: nothing is recorded on the track after it."""
        self._check_not_revoked()
        if self.granted_on is None:
            raise ValidationFailed("revoked_on", "Only a granted label is revoked.")
        past_date("revoked_on", revoked_on)
        not_before("revoked_on", revoked_on, self.last_on, "the label's last change")
        self._revoked(actor_id, revoked_on, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("Revoked")
    def _revoked(self, actor_id: UUID, revoked_on: date, reason: str) -> None:
        self.revoked_on = self.last_on = revoked_on

    # What the track says

    @property
    def exam_passed(self) -> bool:
        return any(attempt.passed for attempt in self.attempts)

    @property
    def suspended(self) -> bool:
        return bool(self.suspensions) and self.suspensions[-1][1] is None

    def status_on(self, day: date) -> LabelStatus:
        """The label on a day: revoked from its revocation, a candidate until granted, expired from `expires_on`
        (the first day it is no longer valid), suspended while a suspension lasts, valid otherwise."""
        if self.revoked_on is not None and day >= self.revoked_on:
            return LabelStatus.REVOKED
        if self.granted_on is None or self.expires_on is None or day < self.granted_on:
            return LabelStatus.CANDIDATE
        if day >= self.expires_on:
            return LabelStatus.EXPIRED
        if any(in_period(day, start, end) for start, end in self.suspensions):
            return LabelStatus.SUSPENDED
        return LabelStatus.VALID

    # The checks

    def _check_version(self, scheme: SchemeVersion) -> None:
        if scheme.version != self.scheme_version:
            raise ValueError(f"The track is on version {self.scheme_version}, not {scheme.version}.")

    def _check_not_revoked(self) -> None:
        if self.revoked_on is not None:
            raise LabelRevoked()

    def _check_steps_open(self, scheme: SchemeVersion) -> None:
        """The steps are recorded on the candidate's version, until the label is granted."""
        self._check_version(scheme)
        self._check_not_revoked()
        if self.granted_on is not None:
            raise ValidationFailed("professional_id", "The label is granted: its track's steps are closed.")

    def _check_every_step_passed(self) -> tuple[Training, Evaluation]:
        if self.training is None:
            raise StepNotPassed("training", "The candidate's training is not recorded.")
        if not self.exam_passed:
            raise StepNotPassed("exam", "The candidate has not passed the exam.")
        if self.evaluation is None:
            raise StepNotPassed("evaluation", "The candidate's first mission is not evaluated.")
        if not self.evaluation.passes:
            failed = [c.replace("_", " ") for c in CATEGORIES if c not in self.evaluation.passed_categories]
            raise StepNotPassed("evaluation", f"The evaluation does not pass: {', '.join(failed)}.")
        return self.training, self.evaluation

    def _check_status(self, field: str, day: date, what: str) -> None:
        not_before(field, day, self.last_on, "the label's last change")
        status = self.status_on(day)
        if status != LabelStatus.VALID:
            raise ValidationFailed(field, f"Only a valid label is {what}; on that day this one is {status.value}.")

    def _missions_since(self, renewed_on: date, missions: Iterable[CoachedMission]) -> list[CoachedMission]:
        """The missions that ended strictly after the start of the current period, up to the renewal day, each
        once, leaving out those an earlier renewal counted."""
        given = list(missions)
        if len(given) > MAX_MISSIONS_GIVEN:
            raise ValidationFailed("missions", f"Give at most {MAX_MISSIONS_GIVEN} missions.")
        counted: dict[UUID, CoachedMission] = {}
        for mission in given:
            if not 0 <= mission.coaching_days <= COACHING_DAYS_MAX:
                raise ValidationFailed("missions.coaching_days", f"Must be from 0 to {COACHING_DAYS_MAX:g} days.")
            started = self.period_started_on
            if str(mission.mission_id) in self.renewed_missions:
                continue
            if started is not None and started < mission.ended_on <= renewed_on:
                counted.setdefault(mission.mission_id, mission)
        return list(counted.values())

    def _short_of(self, scheme: SchemeVersion, missions: int, days: float) -> str:
        since = self.period_started_on.isoformat() if self.period_started_on else ""
        return (
            f"Missions coached since {since}: {missions}, with {days:g} days of coaching; the scheme asks at least "
            f"{scheme.renewal_missions} missions and {scheme.renewal_days} days."
        )
