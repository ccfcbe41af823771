"""A consultancy's attestation of a mission a professional coached: exactly the portfolio's facts, checked before the
event; corrected with a reason, or withdrawn, never edited."""

from __future__ import annotations

from dataclasses import asdict, fields, replace
from datetime import date
from uuid import uuid4

import pytest

from domain.labels.commands import CorrectMissionAttestation, WithdrawMissionAttestation
from domain.labels.missions import MissionFacts, SizeBand, size_band
from domain.shared.errors import Conflict, NotFound, ValidationFailed
from tests.unit.labels.support import FACTS, Consultancy


@pytest.fixture
def consultancy() -> Consultancy:
    return Consultancy()


@pytest.mark.parametrize(
    ("employees", "band"),
    [(1, SizeBand.MICRO), (9, SizeBand.MICRO), (10, SizeBand.SMALL), (49, SizeBand.SMALL), (50, SizeBand.MEDIUM),
     (249, SizeBand.MEDIUM), (250, SizeBand.LARGE), (12_000, SizeBand.LARGE)],
)  # fmt: skip
def test_a_headcount_gives_its_european_size_band(employees: int, band: SizeBand) -> None:
    assert size_band(employees) is band


def test_no_band_for_no_employee() -> None:
    with pytest.raises(ValidationFailed) as refused:
        size_band(0)
    assert refused.value.field == "employee_count"


def test_an_attested_mission_records_exactly_the_portfolios_facts(consultancy: Consultancy) -> None:
    consultancy.app.handle(consultancy.attest())
    mission = consultancy.mission()
    assert mission.facts == FACTS and mission.stands
    [stored] = list(consultancy.app.events.get(consultancy.mission_id))
    ids = {"originator_id", "originator_version", "originator_topic", "timestamp", "tenant_id", "actor_id"}
    keys = set(vars(stored)) - ids
    assert keys == {"professional_id", "cluster_id", "organisation_id"} | {f.name for f in fields(MissionFacts)}


def test_a_mission_is_attested_once_per_professional_cluster_and_member(consultancy: Consultancy) -> None:
    consultancy.app.handle(consultancy.attest())
    consultancy.app.refuses(consultancy.attest(), Conflict, "organisation_id")
    consultancy.app.handle(consultancy.attest(professional=uuid4()))  # another coach of the same member: theirs


@pytest.mark.parametrize(
    ("changed", "field"),
    [
        ({"size_band": "tiny"}, "size_band"),
        ({"outcome": "famous"}, "outcome"),
        ({"sector": ""}, "sector"),
        ({"sector": "Dental\u0000practice"}, "sector"),
        ({"sector": "x" * 201}, "sector"),
        ({"consultancy": "Alpine\nConseil"}, "consultancy"),
        ({"cluster": "\u202eevil"}, "cluster"),
        ({"coaching_days": -0.5}, "coaching_days"),
        ({"coaching_days": 0.3}, "coaching_days"),
        ({"training_days": 367.0}, "training_days"),
        ({"started_on": date(2027, 2, 1)}, "started_on"),  # after the business day
        ({"started_on": date(1999, 12, 31)}, "started_on"),
        ({"ended_on": date(2026, 3, 1)}, "ended_on"),  # before it started
        ({"ended_on": None}, "ended_on"),  # an ISMS established: the mission has ended
        ({"outcome": "under_way"}, "ended_on"),  # under way, yet with an end day
        ({"coaching_days": True}, "coaching_days"),
        ({"training_days": False}, "training_days"),
        (
            {"started_on": date(2026, 12, 1), "ended_on": date(2026, 12, 1), "coaching_days": 1, "training_days": 0.5},
            "coaching_days",
        ),  # one calendar day, a day and a half
        (
            {
                "started_on": date(2027, 1, 1),
                "ended_on": None,
                "outcome": "under_way",
                "coaching_days": 3,
                "training_days": 1.5,
            },
            "coaching_days",
        ),  # four calendar days to the business day, four and a half
    ],
)
def test_bad_facts_are_refused_naming_the_field_and_nothing_is_written(
    consultancy: Consultancy, changed: dict[str, object], field: str
) -> None:
    consultancy.app.refuses(consultancy.attest(replace(FACTS, **changed)), ValidationFailed, field)  # type: ignore[arg-type]


def test_a_mission_under_way_has_no_end_yet(consultancy: Consultancy) -> None:
    consultancy.app.handle(consultancy.attest(replace(FACTS, ended_on=None, outcome="under_way")))
    assert consultancy.mission().facts.ended_on is None


def test_a_mission_attests_at_most_its_calendar_days(consultancy: Consultancy) -> None:
    one_day = replace(FACTS, started_on=date(2026, 12, 1), ended_on=date(2026, 12, 1), coaching_days=0.5,
                      training_days=0.5)  # fmt: skip
    consultancy.app.handle(consultancy.attest(one_day))
    assert consultancy.mission().facts.coaching_days + consultancy.mission().facts.training_days == 1


def test_a_correction_keeps_the_first_facts_in_the_history_and_says_why(consultancy: Consultancy) -> None:
    consultancy.app.handle(consultancy.attest())
    certified = replace(FACTS, outcome="certified", coaching_days=5.0)
    app, tenant, admin, mission_id = consultancy.app, consultancy.tenant, consultancy.admin, consultancy.mission_id
    app.refuses(CorrectMissionAttestation(tenant, admin, mission_id, certified, " "), ValidationFailed, "reason")
    app.refuses(
        CorrectMissionAttestation(tenant, admin, mission_id, FACTS, "No change"), ValidationFailed, "mission_id"
    )
    app.handle(CorrectMissionAttestation(tenant, admin, mission_id, certified, "Certified on 20 November."))
    assert consultancy.mission().facts == certified
    first, corrected = list(app.events.get(mission_id))
    assert (first.outcome, corrected.outcome, corrected.reason) == (  # type: ignore[attr-defined]
        "isms_established",
        "certified",
        "Certified on 20 November.",
    )


def test_a_withdrawn_attestation_stands_no_more_and_is_not_corrected(consultancy: Consultancy) -> None:
    consultancy.app.handle(consultancy.attest())
    app, tenant, admin, mission_id = consultancy.app, consultancy.tenant, consultancy.admin, consultancy.mission_id
    app.refuses(WithdrawMissionAttestation(tenant, admin, mission_id, ""), ValidationFailed, "reason")
    app.handle(WithdrawMissionAttestation(tenant, admin, mission_id, "Attested for the wrong coach."))
    assert not consultancy.mission().stands
    again = CorrectMissionAttestation(tenant, admin, mission_id, replace(FACTS, outcome="certified"), "Certified")
    app.refuses(again, ValidationFailed, "mission_id")
    app.refuses(WithdrawMissionAttestation(tenant, admin, mission_id, "Twice"), ValidationFailed, "mission_id")


def test_a_mistaken_withdrawal_is_undone_by_attesting_again(consultancy: Consultancy) -> None:
    consultancy.app.handle(consultancy.attest())
    app, tenant, admin, mission_id = consultancy.app, consultancy.tenant, consultancy.admin, consultancy.mission_id
    app.handle(WithdrawMissionAttestation(tenant, admin, mission_id, "Withdrawn from the wrong row."))
    app.refuses(consultancy.attest(replace(FACTS, sector="")), ValidationFailed, "sector")
    certified = replace(FACTS, outcome="certified")
    app.handle(consultancy.attest(certified))
    assert consultancy.mission().stands and consultancy.mission().facts == certified
    names = [type(e).__name__ for e in app.events.get(mission_id)]
    assert names == ["Attested", "Withdrawn", "AttestedAgain"]  # the withdrawal stays in the history
    app.refuses(consultancy.attest(certified), Conflict, "organisation_id")  # it stands again: correct it instead


def test_another_consultancys_attestation_is_not_found(consultancy: Consultancy) -> None:
    consultancy.app.handle(consultancy.attest())
    other = CorrectMissionAttestation(
        uuid4(), consultancy.admin, consultancy.mission_id, replace(FACTS, outcome="certified"), "Certified"
    )
    consultancy.app.refuses(other, NotFound, "mission_id")
    assert asdict(consultancy.mission().facts) == asdict(FACTS)
