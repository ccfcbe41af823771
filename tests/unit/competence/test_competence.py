"""Training records and awareness campaigns: every field checked before the event; a record names one person (an
account or a name); a withdrawal says why, once, and stays in the history."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from domain.competence.campaign import MAX_PARTICIPANTS, AwarenessCampaign, checked_participants
from domain.competence.rules import can_withdraw, person_named
from domain.competence.training import COURSE_MAX_LENGTH, EVIDENCE_MAX_LENGTH, Training
from domain.shared.calendar import business_day
from domain.shared.errors import ValidationFailed

TENANT, ACTOR, ORGANISATION, ACCOUNT = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
GIVEN = {
    "course": "Phishing awareness",
    "completed_on": date(2026, 3, 2),
    "provider": "CNIL e-learning",
    "account_id": None,
    "person_name": "Anne Muller",
    "evidence": "Certificate no. 42",
    "document_id": None,
}


def training(**changed: object) -> Training:
    return Training.record(TENANT, ACTOR, uuid.uuid4(), ORGANISATION, **{**GIVEN, **changed})  # type: ignore[arg-type]


def test_a_training_is_recorded_with_its_fields_cleaned() -> None:
    found = training(course="  Phishing awareness ")
    (recorded,) = found.collect_events()
    assert type(recorded).__name__ == "Recorded"
    assert (recorded.course, recorded.person_name, recorded.organisation_id) == (  # type: ignore[attr-defined]
        "Phishing awareness",
        "Anne Muller",
        ORGANISATION,
    )


def test_a_training_of_an_account_names_no_person() -> None:
    found = training(account_id=ACCOUNT, person_name=None)
    assert (found.account_id, found.person_name) == (ACCOUNT, "")


@pytest.mark.parametrize(
    ("changed", "field"),
    [
        ({"course": " "}, "course"),
        ({"course": "x" * (COURSE_MAX_LENGTH + 1)}, "course"),
        ({"course": "two\nlines"}, "course"),
        ({"provider": ""}, "provider"),
        ({"person_name": None}, "person_name"),
        ({"account_id": ACCOUNT}, "person_name"),
        ({"person_name": "Anne\u0000"}, "person_name"),
        ({"evidence": "x" * (EVIDENCE_MAX_LENGTH + 1)}, "evidence"),
        ({"completed_on": date(1999, 12, 31)}, "completed_on"),
    ],
)
def test_a_training_is_refused_naming_the_field(changed: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        training(**changed)
    assert refused.value.field == field


def test_a_training_is_not_completed_in_the_future() -> None:
    with business_day(date(2026, 3, 1)), pytest.raises(ValidationFailed) as refused:
        training()
    assert refused.value.field == "completed_on"


def test_a_withdrawal_says_why_and_happens_once() -> None:
    found = training()
    with pytest.raises(ValidationFailed) as refused:
        found.withdraw(ACTOR, " ")
    assert refused.value.field == "reason"
    found.withdraw(ACTOR, "Entered twice")
    with pytest.raises(ValidationFailed) as again:
        found.withdraw(ACTOR, "Again")
    assert again.value.field == "training_id"
    assert [type(e).__name__ for e in found.collect_events()] == ["Recorded", "Withdrawn"]


def campaign(**changed: object) -> AwarenessCampaign:
    given = {
        "title": "Clean desk week",
        "held_on": date(2026, 2, 9),
        "audience": "Everyone in the shop",
        "material": "Posters and a five-minute talk",
        "participants": ("Anne Muller", " anne  muller", "Paul Weber", ""),
    }
    return AwarenessCampaign.run(TENANT, ACTOR, uuid.uuid4(), ORGANISATION, **{**given, **changed})  # type: ignore[arg-type]


def test_a_campaign_names_each_participant_once() -> None:
    assert campaign().participants == ("Anne Muller", "Paul Weber")


@pytest.mark.parametrize(
    ("changed", "field"),
    [
        ({"title": ""}, "title"),
        ({"audience": "a\nb"}, "audience"),
        ({"material": ""}, "material"),
        ({"held_on": date(2300, 1, 1)}, "held_on"),
        ({"participants": ("Anne\u202eMuller",)}, "participants"),
        ({"participants": tuple(f"P{n}" for n in range(MAX_PARTICIPANTS + 1))}, "participants"),
    ],
)
def test_a_campaign_is_refused_naming_the_field(changed: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        campaign(**changed)
    assert refused.value.field == field


def test_the_rules_answer_the_api_as_the_aggregates() -> None:
    assert can_withdraw(False) and not can_withdraw(True)
    person_named(ACCOUNT, "")
    person_named(None, "Anne")
    assert checked_participants([]) == ()
