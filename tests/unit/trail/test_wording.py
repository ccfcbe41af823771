"""An event in words: its name, what changed (ids as names, long texts cut, never a secret) and its business date."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any

from domain.incidents.monitoring_tokens import MonitoringToken
from domain.risks.risk import Risk
from domain.tenancy.account import Account, Role
from projections.trail.events import REGISTERS, every_event, register_of
from projections.trail.projection import AuditTrailProjection
from projections.trail.wording import (
    SUMMARY_MAX_LENGTH,
    VALUE_MAX_LENGTH,
    business_date,
    ids_named,
    in_words,
    is_secret,
    summary,
)

TENANT, ACTOR = uuid.uuid4(), uuid.uuid4()
ARGON = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"
KEY_HASH = "ab" * 32


def event(**fields: Any) -> Any:
    """An event as the trail reads it: its fields, those every event carries first."""
    common = {"originator_id": uuid.uuid4(), "originator_version": 2, "timestamp": datetime(2026, 3, 5, tzinfo=UTC)}
    return SimpleNamespace(**common, tenant_id=TENANT, actor_id=ACTOR, **fields)


def test_names_are_said_in_words() -> None:
    assert in_words("VersionApproved") == "Version approved"
    assert in_words("held_on") == "Held on"
    assert in_words("TreatmentAction") == "Treatment action"


def test_a_summary_says_the_changes_with_ids_as_names() -> None:
    owner, unknown = uuid.uuid4(), uuid.uuid4()
    said = summary(event(owner_id=owner, other_id=unknown, likelihood=3, applicable=True, value=97.5), {owner: "Marc"})
    assert said == "Owner: Marc; Likelihood: 3; Applicable: yes; Value: 97.5"


def test_the_reason_and_the_fields_every_event_carries_are_shown_apart() -> None:
    assert summary(event(reason="Typo"), {}) == ""


def test_long_texts_and_long_lists_are_cut() -> None:
    said = summary(event(text="word " * 100, attendees=[f"Person {n}" for n in range(8)]), {})
    text, attendees = said.split("; ")
    assert len(text) <= len("Text: ") + VALUE_MAX_LENGTH and text.endswith("…")
    assert attendees == "Attendees: Person 0, Person 1, Person 2, Person 3, Person 4 and 3 more"
    assert len(summary(event(**{f"field_{n}": "x" * 80 for n in range(10)}), {})) <= SUMMARY_MAX_LENGTH


def test_a_control_character_stored_around_the_domain_is_never_written() -> None:
    """The domain lets none in; an event stored around it (a NUL, which PostgreSQL's text refuses) still goes in."""
    assert summary(event(text="Clear\x00 enough\nand\ttabbed", tags={"a\x00b": "c"}), {}) == (
        "Text: Clear enough and tabbed; Tags: a b c"
    )


def test_ids_kept_as_text_in_lists_and_keys_are_named_too() -> None:
    area = uuid.uuid4()
    given = event(area_owners={"A.5.15": str(area)}, member_ids=[area])
    assert ids_named(given) == {area}
    assert summary(given, {area: "Sophie"}) == "Area owners: A.5.15 Sophie; Members: Sophie"


def test_the_business_date_is_when_the_fact_happened_never_a_deadline() -> None:
    assert business_date(event(due_on=date(2026, 4, 1), held_on=date(2026, 3, 3))) == date(2026, 3, 3)
    assert business_date(event(reported_at=datetime(2026, 2, 24, 12, tzinfo=UTC))) == date(2026, 2, 24)
    assert business_date(event(due_on=date(2026, 4, 1), until=date(2027, 1, 1))) is None
    assert business_date(event(likelihood=3)) is None


def test_secret_fields_are_known_by_their_names() -> None:
    assert all(is_secret(name) for name in ("password_hash", "key_hash", "content_hash", "client_secret", "token"))
    assert not any(is_secret(name) for name in ("token_id", "session_key", "display_name", "reason"))


def test_no_password_or_key_hash_is_ever_said() -> None:
    account = Account.open(TENANT, ACTOR, "anna@example.org", "Anna", ARGON, [Role.COACH])
    account.change_password(account.id, ARGON + "x")
    account.issue_calendar_key(account.id, KEY_HASH)
    token = MonitoringToken.issue(TENANT, ACTOR, uuid.uuid4(), uuid.uuid4(), KEY_HASH, "Nagios at the shop")
    events = [*account.collect_events(), *token.collect_events()]
    names = {account.id: "Anna"}
    said = [summary(recorded, names) for recorded in events]
    assert said[0].startswith("Email: anna@example.org; Display name: Anna; Roles: coach")
    assert said[-1] == "Label: Nagios at the shop"
    for text in said:
        assert "argon2" not in text and KEY_HASH not in text and "hash" not in text.lower()


def test_the_trail_records_every_event_of_every_register() -> None:
    recorded = set(every_event())
    assert (Risk, "Identified") in recorded and (Account, "PasswordChanged") in recorded
    assert {"risks", "tenancy", "clusters", "documents", "library", "metrics"} <= set(REGISTERS)
    assert register_of(Risk) == "risks"
    assert set(AuditTrailProjection.handles) == recorded
