"""The demo's label scheme and tracks: the ISMS Label Board's scheme, Sophie Martin granted her label, and Tom
Keller, a candidate under way whose first mission Sophie (who coaches for Alpine) is asked to evaluate. Each step is
written only when missing, so a seed run again writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

from domain.application import Cordee
from domain.labels.body import PROFESSIONALS, labelling_body_id
from domain.labels.commands import (
    EnrolCandidate,
    EvaluateFirstMission,
    GrantLabel,
    NameEvaluator,
    PublishLabelScheme,
    RecordExamAttempt,
    RecordLabelTraining,
)
from domain.labels.scheme import LabelScheme, RequirementGiven, SchemeGiven, scheme_id
from domain.labels.track import LabelTrack, RatingGiven, track_id
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.account import Account, Role, account_id
from domain.tenancy.commands import OpenAccount

BOARD = ("ISMS Label Board", "label-board")
REGISTRAR = "registrar@label-board.example"
SOPHIE = ("sophie@pro.example", "Sophie Martin")
TOM = ("tom@pro.example", "Tom Keller")
HUGO = ("hugo@pro.example", "Hugo Lambert")
"""The labelled coach who evaluated Sophie's first mission, in 2025; he has no account in the demo."""

REQUIREMENTS = (
    RequirementGiven(
        "gap_analysis",
        "scope-and-baseline",
        "Agrees the ISMS scope with the member and runs the baseline gap analysis against ISO/IEC 27001.",
    ),
    RequirementGiven("gap_analysis", "gap-report", "Writes a gap report the member's management can act on."),
    RequirementGiven("risk_management", "risk-method", "Sets up a risk method the member can run alone."),
    RequirementGiven("risk_management", "risk-treatment", "Leads the member to a treatment plan and its owners."),
    RequirementGiven(
        "management_system",
        "documented-procedures",
        "Has the member write its ISMS procedures: documents, internal audit, corrective action.",
    ),
    RequirementGiven("management_system", "management-review", "Prepares and attends the first management review."),
    RequirementGiven("security_policies", "policy-set", "Helps the member write and approve its security policies."),
    RequirementGiven("security_policies", "awareness", "Plans the staff's awareness of the policies."),
)
SCHEME = SchemeGiven(
    training_title="Coaching an ISMS cluster",
    training_minimum_hours=21,
    pass_mark=70,
    maximum_attempts=3,
    requirements=REQUIREMENTS,
    validity_months=36,
    renewal_missions=2,
    renewal_days=8,
)


def seed_label_tracks(app: Cordee, password: Callable[[], str]) -> bool:
    """The scheme, Sophie's label and Tom's track under way; answers whether anything was written."""
    body = labelling_body_id(BOARD[1])
    registrar = account_id(REGISTRAR)
    if not app.exists(Account, body, registrar):
        return False  # a body of that short name that is someone else's
    written = 0

    def run(cmd: object) -> None:
        nonlocal written
        app.handle(cmd)
        written += 1

    if not app.exists(LabelScheme, body, scheme_id(body)):
        run(PublishLabelScheme(body, registrar, SCHEME))
    if not app.exists(Account, PROFESSIONALS, account_id(TOM[0])):
        run(OpenAccount(PROFESSIONALS, SYSTEM_ACTOR, TOM[0], TOM[1], password(), (Role.PROFESSIONAL,)))
    sophie, tom, hugo = (account_id(email) for email, _ in (SOPHIE, TOM, HUGO))
    steps = _sophie_granted(body, registrar, sophie, hugo) + _tom_under_way(body, registrar, tom, sophie)
    for professional, done, cmd in steps:
        if not done(_track(app, body, professional)):
            run(cmd)
    return written > 0


Step = tuple[UUID, Callable[[LabelTrack | None], bool], object]


def _track(app: Cordee, body: UUID, professional: UUID) -> LabelTrack | None:
    found = track_id(body, professional)
    return app.get(LabelTrack, body, found) if app.exists(LabelTrack, body, found) else None


def _enrolled(track: LabelTrack | None) -> bool:
    return track is not None


def _trained(track: LabelTrack | None) -> bool:
    return track is not None and track.training is not None


def _examined(track: LabelTrack | None) -> bool:
    return track is not None and track.exam_passed


def _named(track: LabelTrack | None) -> bool:
    return track is not None and track.evaluator_id is not None


def _evaluated(track: LabelTrack | None) -> bool:
    return track is not None and track.evaluation is not None


def _granted(track: LabelTrack | None) -> bool:
    return track is not None and track.granted_on is not None


def _ratings(comment: str) -> tuple[RatingGiven, ...]:
    return tuple(RatingGiven(r.category, r.key, "meets", comment) for r in REQUIREMENTS)


def _sophie_granted(body: UUID, registrar: UUID, sophie: UUID, hugo: UUID) -> list[Step]:
    on = (body, registrar, sophie)
    return [
        (sophie, _enrolled, EnrolCandidate(*on, date(2025, 6, 2), SOPHIE[1], SOPHIE[0], BOARD[0])),
        (
            sophie,
            _trained,
            RecordLabelTraining(*on, date(2025, 6, 20), "Cordee Academy", "Certificate CA-2025-031", 24),
        ),
        (sophie, _examined, RecordExamAttempt(*on, date(2025, 7, 8), 86)),
        (sophie, _named, NameEvaluator(*on, hugo, HUGO[1])),
        (
            sophie,
            _evaluated,
            EvaluateFirstMission(
                body,
                hugo,
                sophie,
                hugo,
                "Alpine cluster 2025, Boulangerie Muller",
                date(2025, 12, 5),
                _ratings("Seen at the member's workshops and in its registers."),
            ),
        ),
        (sophie, _granted, GrantLabel(*on, date(2026, 1, 12))),
    ]


def _tom_under_way(body: UUID, registrar: UUID, tom: UUID, sophie: UUID) -> list[Step]:
    on = (body, registrar, tom)
    return [
        (tom, _enrolled, EnrolCandidate(*on, date(2026, 1, 5), TOM[1], TOM[0], BOARD[0])),
        (tom, _trained, RecordLabelTraining(*on, date(2026, 1, 23), "Cordee Academy", "Certificate CA-2026-007", 21)),
        (tom, _examined, RecordExamAttempt(*on, date(2026, 2, 10), 78)),
        (tom, _named, NameEvaluator(*on, sophie, SOPHIE[1])),
    ]
