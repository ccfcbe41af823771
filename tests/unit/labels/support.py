"""A labelling body's application for the label's tests: the label's handlers alone, on a stated business day, in
memory; a scheme of two requirements per category, and a candidate brought as far along the track as a test needs."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID, uuid4

import pytest

from domain.labels.commands import (
    AttestMission,
    EnrolCandidate,
    EvaluateFirstMission,
    GrantLabel,
    PublishLabelScheme,
    RecordExamAttempt,
    RecordLabelTraining,
)
from domain.labels.handlers import HANDLERS
from domain.labels.missions import MissionAttestation, MissionFacts, attestation_id
from domain.labels.rules import CATEGORIES
from domain.labels.scheme import RequirementGiven, SchemeGiven
from domain.labels.track import RatingGiven
from domain.shared.calendar import business_day
from domain.shared.errors import DomainError
from domain.shared.service import CommandService, Saved

TODAY = date(2027, 1, 4)
ENROLLED, TRAINED, EXAMINED, EVALUATED, GRANTED = (date(2026, 1, 5) + timedelta(days=7 * n) for n in range(5))

REQUIREMENTS = tuple(
    RequirementGiven(category, f"{category}-{n}", f"Leads the {category.replace('_', ' ')}, part {n}.")
    for category in CATEGORIES
    for n in (1, 2)
)
SCHEME = SchemeGiven(
    training_title="Coaching an ISMS cluster",
    training_minimum_hours=21,
    pass_mark=70,
    maximum_attempts=3,
    requirements=REQUIREMENTS,
    validity_months=36,
    renewal_missions=2,
    renewal_days=10,
)


class LabelsApp(CommandService):
    """The label's handlers in an application of their own, until the product's application lists them."""

    today = TODAY
    """The business day the handlers act on; a test may move it on."""

    def handle(self, cmd: object) -> Saved:
        with business_day(self.today):
            return HANDLERS[type(cmd)](self, cmd)

    def position(self) -> int:
        return self.recorder.max_notification_id() or 0

    def professional_name(self, professional_id: UUID) -> str:
        """The name a credential states: the professionals' realm is not part of this application."""
        return f"Professional {str(professional_id)[:8]}"

    def refuses(self, cmd: object, error: type[DomainError], field: str | None) -> DomainError:
        """The command is refused with this error on this field, and nothing is written."""
        before = self.position()
        with pytest.raises(error) as raised:
            self.handle(cmd)
        assert raised.value.field == field, raised.value.message
        assert self.position() == before
        return raised.value


def ratings(**rated: str) -> tuple[RatingGiven, ...]:
    """Every requirement of the scheme rated `meets` with a comment, but those named (by key, `-` as `_`)."""
    return tuple(
        RatingGiven(r.category, r.key, rated.get(r.key.replace("-", "_"), "meets"), "Seen at the member's workshop.")
        for r in SCHEME.requirements
    )


class Body:
    """A labelling body with its scheme published, its admin acting, and helpers naming a candidate's track."""

    def __init__(self, scheme: SchemeGiven = SCHEME) -> None:
        self.app = LabelsApp()
        self.tenant, self.admin, self.coach = uuid4(), uuid4(), uuid4()
        self.app.handle(PublishLabelScheme(self.tenant, self.admin, scheme))

    def on(self, candidate: UUID) -> tuple[UUID, UUID, UUID]:
        return (self.tenant, self.admin, candidate)

    def candidate(self, up_to: str = "enrolled") -> UUID:
        """A new candidate whose track has gone up to a step: enrolled, trained, examined, evaluated or granted."""
        candidate = uuid4()
        steps = [
            EnrolCandidate(*self.on(candidate), ENROLLED),
            RecordLabelTraining(*self.on(candidate), TRAINED, "Cordee Academy", "Certificate CA-2026-014", 21),
            RecordExamAttempt(*self.on(candidate), EXAMINED, 82),
            EvaluateFirstMission(*self.on(candidate), self.coach, "North cluster 2026", EVALUATED, ratings()),
            GrantLabel(*self.on(candidate), GRANTED),
        ]
        names = ["enrolled", "trained", "examined", "evaluated", "granted"]
        for step in steps[: names.index(up_to) + 1]:
            self.app.handle(step)
        return candidate


FACTS = MissionFacts(
    consultancy="Alpine Conseil",
    cluster="Luxembourg SMEs 2026",
    sector="Dental practice",
    size_band="micro",
    started_on=date(2026, 3, 2),
    ended_on=date(2026, 11, 27),
    coaching_days=4.5,
    training_days=5.0,
    outcome="isms_established",
)


class Consultancy:
    """A consultancy attesting one mission of one professional (on an application of its own, or the one given)."""

    def __init__(self, app: LabelsApp | None = None) -> None:
        self.app = app or LabelsApp()
        self.tenant, self.admin = uuid4(), uuid4()
        self.professional, self.cluster, self.organisation = uuid4(), uuid4(), uuid4()

    def attest(self, facts: MissionFacts = FACTS, professional: UUID | None = None) -> AttestMission:
        return AttestMission(
            self.tenant, self.admin, professional or self.professional, self.cluster, self.organisation, facts
        )

    @property
    def on(self) -> tuple[UUID, UUID, UUID]:
        """The attestation, named as its corrections name it: tenant, acting user, mission."""
        return self.tenant, self.admin, self.mission_id

    @property
    def mission_id(self) -> UUID:
        return attestation_id(self.tenant, self.professional, self.cluster, self.organisation)

    def mission(self) -> MissionAttestation:
        found: MissionAttestation = self.app.repository.get(self.mission_id)
        return found
