"""A mission a professional coached, attested by the consultancy it was coached for: the one way a mission enters a
professional's portfolio, and the missions a renewal counts.

The attestation is the consultancy's fact, in the consultancy's tenant. Its events carry exactly the facts a
portfolio shows, and nothing of the client's ISMS: the consultancy's name, the cluster's name, the organisation's
size band and sector (never its name), the mission's dates, its days of coaching and of training, and its outcome.
The organisation and the cluster are named by id only inside the consultancy's own events, so that a mission is
attested once per coach, cluster and member; a portfolio shows the facts, not the ids.

A consultancy corrects an attestation with a reason (the first facts stay in the history), or withdraws it with a
reason; a withdrawn attestation leaves the portfolio and counts for no renewal.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import event

from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.calendar import past_date, stated_today
from domain.shared.errors import Conflict, ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, REASON_MAX_LENGTH, multi_line, single_line

SECTOR_MAX_LENGTH = NAME_MAX_LENGTH
DAYS_MAX = 366.0
"""The most days of coaching, or of training, one mission may attest: a year of working days and more."""


class SizeBand(StrEnum):
    """The organisation's size, by the European Commission's bands (Recommendation 2003/361/EC), by headcount."""

    MICRO = "micro"
    """Fewer than 10 employees."""
    SMALL = "small"
    """10 to 49."""
    MEDIUM = "medium"
    """50 to 249."""
    LARGE = "large"
    """250 or more."""


def size_band(employee_count: int) -> SizeBand:
    """The band of a headcount: the portfolio shows the band, never the count, so that a mission does not point
    at one organisation."""
    if employee_count < 1:
        raise ValidationFailed("employee_count", "An organisation has at least one employee.")
    for band, below in ((SizeBand.MICRO, 10), (SizeBand.SMALL, 50), (SizeBand.MEDIUM, 250)):
        if employee_count < below:
            return band
    return SizeBand.LARGE


class MissionOutcome(StrEnum):
    """Where the organisation's ISMS stood when the consultancy attested the mission."""

    UNDER_WAY = "under_way"
    ISMS_ESTABLISHED = "isms_established"
    CERTIFIED = "certified"
    WITHDRAWN = "withdrawn"
    """The organisation left the cluster before its ISMS was established."""


ENDED_OUTCOMES = frozenset({MissionOutcome.ISMS_ESTABLISHED, MissionOutcome.CERTIFIED, MissionOutcome.WITHDRAWN})


@dataclass(frozen=True)
class MissionFacts:
    """Everything an attestation says, and all a portfolio may show of a mission."""

    consultancy: str
    cluster: str
    sector: str
    size_band: str
    started_on: date
    ended_on: date | None
    coaching_days: float
    training_days: float
    outcome: str


def checked_facts(facts: MissionFacts) -> MissionFacts:
    """The facts with their text checked (limits, no control characters) and their figures in range, in order."""
    if facts.size_band not in tuple(SizeBand):
        raise ValidationFailed("size_band", f"Choose one of: {', '.join(SizeBand)}.")
    if facts.outcome not in tuple(MissionOutcome):
        raise ValidationFailed("outcome", f"Choose one of: {', '.join(MissionOutcome)}.")
    past_date("started_on", facts.started_on)
    if facts.ended_on is not None:
        past_date("ended_on", facts.ended_on)
        if facts.ended_on < facts.started_on:
            raise ValidationFailed("ended_on", "A mission cannot end before it started.")
        if facts.outcome == MissionOutcome.UNDER_WAY:
            raise ValidationFailed("ended_on", "A mission under way has not ended: leave its end day out.")
    elif facts.outcome in ENDED_OUTCOMES:
        raise ValidationFailed("ended_on", "Give the day the mission ended: its outcome says it has.")
    coaching_days = _days("coaching_days", facts.coaching_days)
    training_days = _days("training_days", facts.training_days)
    _within_the_mission(facts.started_on, facts.ended_on, coaching_days + training_days)
    return MissionFacts(
        consultancy=single_line("consultancy", facts.consultancy, NAME_MAX_LENGTH),
        cluster=single_line("cluster", facts.cluster, NAME_MAX_LENGTH),
        sector=single_line("sector", facts.sector, SECTOR_MAX_LENGTH),
        size_band=facts.size_band,
        started_on=facts.started_on,
        ended_on=facts.ended_on,
        coaching_days=coaching_days,
        training_days=training_days,
        outcome=facts.outcome,
    )


def _within_the_mission(started_on: date, ended_on: date | None, days: float) -> None:
    """The days of coaching and of training together fit in the mission's calendar days, from its start to its end
    (both included), or to the business day while it is under way."""
    last = ended_on if ended_on is not None else stated_today()
    if last is None:
        return
    calendar_days = (last - started_on).days + 1
    if days > calendar_days:
        raise ValidationFailed(
            "coaching_days",
            f"The days of coaching and of training ({days:g}) are more than the mission's {calendar_days} "
            "calendar days.",
        )


def _days(field: str, days: float) -> float:
    if isinstance(days, bool) or not isinstance(days, int | float):
        raise ValidationFailed(field, f"Give days as a number, in half-days, from 0 to {DAYS_MAX:g}.")
    if not 0 <= days <= DAYS_MAX or (days * 2) != int(days * 2):
        raise ValidationFailed(field, f"Give days in half-days, from 0 to {DAYS_MAX:g}.")
    return float(days)


def attestation_id(tenant_id: UUID, professional_id: UUID, cluster_id: UUID, organisation_id: UUID) -> UUID:
    """One attestation per professional, cluster and member organisation, in the consultancy's tenant."""
    return tenant_scoped_id(tenant_id, "mission", f"{professional_id}:{cluster_id}:{organisation_id}")


ALREADY_ATTESTED = "This professional's mission with this member is already attested; correct it instead."


class MissionAttestation(TenantAggregate):
    """The consultancy's attestation that a professional coached one member of one of its clusters."""

    @classmethod
    def attest(
        cls,
        tenant_id: UUID,
        actor_id: UUID,
        professional_id: UUID,
        cluster_id: UUID,
        organisation_id: UUID,
        facts: MissionFacts,
    ) -> MissionAttestation:
        checked = checked_facts(facts)
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            professional_id=professional_id,
            cluster_id=cluster_id,
            organisation_id=organisation_id,
            **asdict(checked),
        )

    @staticmethod
    def create_id(tenant_id: UUID, professional_id: UUID, cluster_id: UUID, organisation_id: UUID, **_: object) -> UUID:
        return attestation_id(tenant_id, professional_id, cluster_id, organisation_id)

    @event("Attested")
    def __init__(  # the facts one by one: the stored event says exactly what the portfolio may show
        self,
        tenant_id: UUID,
        actor_id: UUID,
        professional_id: UUID,
        cluster_id: UUID,
        organisation_id: UUID,
        consultancy: str,
        cluster: str,
        sector: str,
        size_band: str,
        started_on: date,
        ended_on: date | None,
        coaching_days: float,
        training_days: float,
        outcome: str,
    ) -> None:
        self.tenant_id = tenant_id
        self.professional_id = professional_id
        self.cluster_id = cluster_id
        self.organisation_id = organisation_id
        self.facts = MissionFacts(
            consultancy, cluster, sector, size_band, started_on, ended_on, coaching_days, training_days, outcome
        )
        self.withdrawn_reason: str | None = None

    def correct(self, actor_id: UUID, facts: MissionFacts, reason: str) -> None:
        """New facts, with why: the facts attested before stay in the history."""
        self._check_standing()
        checked = checked_facts(facts)
        if checked == self.facts:
            raise ValidationFailed("mission_id", "The records give the facts already attested: nothing to correct.")
        self._corrected(actor_id, reason=multi_line("reason", reason, REASON_MAX_LENGTH), **asdict(checked))

    @event("Corrected")
    def _corrected(
        self,
        actor_id: UUID,
        reason: str,
        consultancy: str,
        cluster: str,
        sector: str,
        size_band: str,
        started_on: date,
        ended_on: date | None,
        coaching_days: float,
        training_days: float,
        outcome: str,
    ) -> None:
        self.facts = MissionFacts(
            consultancy, cluster, sector, size_band, started_on, ended_on, coaching_days, training_days, outcome
        )

    def attest_again(self, actor_id: UUID, facts: MissionFacts) -> None:
        """A withdrawn attestation made again (a mistaken withdrawal undone), with the facts the records give now:
        the withdrawal and the facts attested before stay in the history."""
        if self.stands:
            raise Conflict(ALREADY_ATTESTED, "organisation_id")
        self._attested_again(actor_id, **asdict(checked_facts(facts)))

    @event("AttestedAgain")
    def _attested_again(
        self,
        actor_id: UUID,
        consultancy: str,
        cluster: str,
        sector: str,
        size_band: str,
        started_on: date,
        ended_on: date | None,
        coaching_days: float,
        training_days: float,
        outcome: str,
    ) -> None:
        self.facts = MissionFacts(
            consultancy, cluster, sector, size_band, started_on, ended_on, coaching_days, training_days, outcome
        )
        self.withdrawn_reason = None

    def withdraw(self, actor_id: UUID, reason: str) -> None:
        """The attestation no longer stands: the mission leaves the portfolio and counts for no renewal."""
        self._check_standing()
        self._withdrawn(actor_id, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("Withdrawn")
    def _withdrawn(self, actor_id: UUID, reason: str) -> None:
        self.withdrawn_reason = reason

    @property
    def stands(self) -> bool:
        return self.withdrawn_reason is None

    def _check_standing(self) -> None:
        if not self.stands:
            raise ValidationFailed(
                "mission_id", "This attestation was withdrawn: it stands no more and cannot be corrected."
            )
