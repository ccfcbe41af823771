import inspect
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from backend.credentials.openbadges import (
    CredentialDataError,
    StatusEntry,
    Subject,
    exam_evidence,
    expiry_instant,
    mission_evidence,
    open_badge,
    subject_name,
)
from tests.unit.credentials.support import (
    BODY,
    INDEX,
    PROFESSIONAL,
    STATUS_LIST,
    label,
    mission,
    results,
)

ACHIEVEMENT = f"{BODY}/labels/iso27001-cluster-coach"


def described(key: str, name: str, description: str) -> dict[str, object]:
    return {
        "id": f"{ACHIEVEMENT}#{key}",
        "type": ["ResultDescription"],
        "name": name,
        "description": description,
        "resultType": "PerformanceLevel",
        "allowedValue": ["not_met", "partially", "meets"],
        "requiredValue": "partially",
    }


def result(key: str, value: str) -> dict[str, object]:
    return {"type": ["Result"], "resultDescription": f"{ACHIEVEMENT}#{key}", "value": value}


EXPECTED = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ],
    "id": f"{BODY}/labels/credentials/0c9a3e2f",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "issuer": {"id": BODY, "type": ["Profile"], "name": "Cluster Coaching Label Board"},
    "name": "ISO/IEC 27001 cluster coach",
    "validFrom": "2026-12-07T14:30:00Z",
    "validUntil": "2029-12-07T00:00:00Z",
    "awardedDate": "2026-12-07T14:30:00Z",
    "credentialSubject": {
        "id": f"urn:uuid:{PROFESSIONAL}",
        "type": ["AchievementSubject"],
        "identifier": [
            {"type": "IdentityObject", "identityType": "name", "hashed": False, "identityHash": "Camille Durand"}
        ],
        "achievement": {
            "id": ACHIEVEMENT,
            "type": ["Achievement"],
            "achievementType": "Certification",
            "name": "ISO/IEC 27001 cluster coach",
            "description": "Coaches clusters of small organisations to ISO/IEC 27001.",
            "criteria": {
                "narrative": "Attended the training, passed the exam and was evaluated on a first mission in the four categories."
            },
            "version": "2026.1",
            "resultDescription": [
                described("gap_analysis", "Gap analysis", "Runs a gap analysis against ISO/IEC 27001."),
                described("risk_management", "Risk management", "Coaches a risk assessment and treatment."),
                described(
                    "management_system", "Management system procedures", "Coaches the management system's procedures."
                ),
                described("security_policies", "Security policies and procedures", "Coaches the security policies."),
            ],
        },
        "result": [
            result("gap_analysis", "meets"),
            result("risk_management", "meets"),
            result("management_system", "partially"),
            result("security_policies", "meets"),
        ],
    },
    "evidence": [
        {
            "type": ["Evidence"],
            "name": "Training",
            "narrative": "Attended the label's training with Institut Sécurité, on 2026-01-20.",
            "genre": "Training",
        },
        {"type": ["Evidence"], "name": "Exam", "narrative": "Passed the label's exam on 2026-02-10.", "genre": "Exam"},
        {
            "id": f"{BODY}/labels/missions/7d1e",
            "type": ["Evidence"],
            "name": "Mission",
            "narrative": "Coached for Alpine Coaching a small organisation (10 to 49 employees) in Manufacturing, "
            "from 2026-03-02 to 2026-10-30: 12 days of coaching and 3.5 days of training.",
            "genre": "Mission",
        },
    ],
    "credentialStatus": {
        "id": f"{STATUS_LIST}#{INDEX}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "message",
        "statusListIndex": str(INDEX),
        "statusSize": 2,
        "statusMessage": [
            {"status": "0x0", "message": "valid"},
            {"status": "0x1", "message": "suspended"},
            {"status": "0x2", "message": "revoked"},
            {"status": "0x3", "message": "revoked"},
        ],
        "statusListCredential": STATUS_LIST,
    },
}


def test_it_has_one_status_entry_as_open_badges_allows_at_most_one():
    # Open Badges 3.0's OpenBadgeCredential: credentialStatus, CredentialStatus, cardinality 0..1.
    assert isinstance(open_badge(label())["credentialStatus"], dict)


def test_the_credential_says_exactly_what_was_given_and_nothing_else():
    assert open_badge(label()) == EXPECTED


def test_it_is_an_open_badge_verifiable_credential_of_the_data_model_2():
    credential = open_badge(label())

    assert credential["@context"][:2] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["credentialSubject"]["type"] == ["AchievementSubject"]
    assert "issuanceDate" not in credential  # the Data Model 1.1's name; 2.0 says validFrom
    assert credential["validUntil"] == "2029-12-07T00:00:00Z"


def test_the_four_categories_are_results_each_tied_to_its_description():
    subject = open_badge(label())["credentialSubject"]
    descriptions = {item["id"]: item["name"] for item in subject["achievement"]["resultDescription"]}

    assert [descriptions[item["resultDescription"]] for item in subject["result"]] == [
        "Gap analysis",
        "Risk management",
        "Management system procedures",
        "Security policies and procedures",
    ]


def test_the_categories_come_in_the_schemes_order_whatever_order_they_are_given_in():
    assert open_badge(label(results=tuple(reversed(results())))) == EXPECTED


def test_the_exam_evidence_cannot_carry_a_score_or_attempts():
    # The score and the attempts stay with the labelling body: the evidence is built from the day alone.
    assert list(inspect.signature(exam_evidence).parameters) == ["passed_on"]


@pytest.mark.parametrize(
    ("band", "words"),
    [
        ("micro", "a micro organisation (fewer than 10 employees)"),
        ("small", "a small organisation (10 to 49 employees)"),
        ("medium", "a medium-sized organisation (50 to 249 employees)"),
        ("large", "a large organisation (250 employees or more)"),
    ],
)
def test_a_missions_size_band_is_said_in_words(band, words):
    assert mission_evidence(replace(mission(), size_band=band)).narrative.startswith(
        f"Coached for Alpine Coaching {words} "
    )


def test_a_mission_of_an_unknown_size_band_is_refused():
    with pytest.raises(CredentialDataError) as refusal:
        mission_evidence(replace(mission(), size_band="10-49"))

    assert refusal.value.field == "mission.size_band"


def test_a_failed_category_cannot_be_issued():
    failed = (replace(results()[0], achieved="not_met"), *results()[1:])

    with pytest.raises(CredentialDataError) as refusal:
        open_badge(label(results=failed))

    assert refusal.value.field == "results.gap_analysis"


@pytest.mark.parametrize("missing", ["Training", "Exam", "Mission"])
def test_a_label_without_its_training_exam_or_a_mission_cannot_be_issued(missing):
    evidence = tuple(item for item in label().evidence if item.genre != missing)

    with pytest.raises(CredentialDataError) as refusal:
        open_badge(label(evidence=evidence))

    assert refusal.value.field == "evidence"


def test_the_subject_name_is_read_back_from_the_credential():
    assert subject_name(open_badge(label())) == "Camille Durand"
    assert subject_name({"credentialSubject": {"identifier": []}}) is None


def test_a_label_expiring_on_a_day_is_valid_until_that_day_begins():
    assert expiry_instant(date(2029, 12, 7)) == datetime(2029, 12, 7, tzinfo=UTC)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"results": results()[:3]}, "results"),
        ({"results": (*results()[:3], results()[0])}, "results"),
        ({"results": (replace(results()[0], achieved="outstanding"), *results()[1:])}, "results.gap_analysis"),
        ({"id": "not a uri"}, "id"),
        ({"subject": Subject("camille", "Camille Durand")}, "subject.id"),
        ({"subject": Subject(f"urn:uuid:{PROFESSIONAL}", "  ")}, "subject.name"),
        ({"status": StatusEntry("not a uri", 1)}, "status"),
        ({"status": StatusEntry(STATUS_LIST, -1)}, "status"),
        ({"valid_until": datetime(2026, 12, 7, tzinfo=UTC)}, "valid_until"),
        ({"valid_from": datetime(2026, 12, 7, 14, 30)}, "valid_from"),  # without its zone
    ],
)
def test_data_that_cannot_make_a_credential_is_refused_naming_the_field(changes, field):
    with pytest.raises(CredentialDataError) as refusal:
        open_badge(label(**changes))

    assert refusal.value.field == field
