"""An organisation's ITIL declarations: each item once, with evidence; a withdrawal says why and stays in the
history; what the declarations propose for the gap analysis never lowers a level and writes nothing."""

from __future__ import annotations

import uuid

import pytest

from domain.itil.declarations import EVIDENCE_MAX_LENGTH, ItilDeclarations, itil_declarations_id
from domain.itil.proposals import gap_proposals
from domain.itil.rules import PROPOSED_LEVEL, can_declare, can_withdraw, checked_item, proposed_level
from domain.shared.errors import ValidationFailed

TENANT, ACTOR, ORGANISATION = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
AREAS = ["clause 4", "clause 5", "clause 6", "clause 7", "clause 8", "theme organisational", "theme technological"]


def declarations() -> ItilDeclarations:
    return ItilDeclarations.open(TENANT, ACTOR, ORGANISATION)


def test_a_declaration_is_an_event_naming_the_organisation_and_its_evidence() -> None:
    found = declarations()
    found.declare(ACTOR, "incident-management", "  OTRS tickets since 2019 ", None)
    events = found.collect_events()
    assert [type(e).__name__ for e in events] == ["Opened", "Declared"]
    declared = events[1]
    assert (declared.organisation_id, declared.item, declared.evidence) == (
        ORGANISATION,
        "incident-management",
        "OTRS tickets since 2019",
    )  # type: ignore[attr-defined]
    assert found.id == itil_declarations_id(TENANT, ORGANISATION)


@pytest.mark.parametrize(
    ("item", "evidence", "field"),
    [
        ("incident", "OTRS", "item"),
        ("step-7", "OTRS", "item"),
        ("incident-management", "   ", "evidence"),
        ("incident-management", "x" * (EVIDENCE_MAX_LENGTH + 1), "evidence"),
        ("incident-management", "OTRS\x00", "evidence"),
    ],
)
def test_a_bad_declaration_is_refused_naming_its_field_and_writes_nothing(item: str, evidence: str, field: str) -> None:
    found = declarations()
    found.collect_events()
    with pytest.raises(ValidationFailed) as refused:
        found.declare(ACTOR, item, evidence, None)
    assert refused.value.field == field
    assert found.collect_events() == []


def test_an_item_is_declared_once_then_withdrawn_with_a_reason_and_declared_again() -> None:
    found = declarations()
    found.declare(ACTOR, "step-2", "Ticket system", None)
    with pytest.raises(ValidationFailed, match="withdraw it first") as twice:
        found.declare(ACTOR, "step-2", "Other evidence", None)
    assert twice.value.field == "item"
    with pytest.raises(ValidationFailed) as no_reason:
        found.withdraw(ACTOR, "step-2", " ")
    assert no_reason.value.field == "reason"
    found.withdraw(ACTOR, "step-2", "The ticket system was switched off")
    with pytest.raises(ValidationFailed, match="not declared"):
        found.withdraw(ACTOR, "step-2", "Again")
    found.declare(ACTOR, "step-2", "New ticket system", None)
    names = [type(e).__name__ for e in found.collect_events()]
    assert names == ["Opened", "Declared", "Withdrawn", "Declared"]
    assert found.declared["step-2"].evidence == "New ticket system"


def test_the_rules_as_the_api_asks_them() -> None:
    assert can_declare(False) and not can_declare(True)
    assert can_withdraw(True) and not can_withdraw(False)
    assert checked_item("item", "access-management") == "access-management"
    with pytest.raises(ValidationFailed):
        checked_item("filter.item", "ACCESS")


def test_a_proposal_raises_a_level_to_repeatable_and_never_lowers_one() -> None:
    assert PROPOSED_LEVEL == 2
    assert [proposed_level(level) for level in range(6)] == [2, 2, 2, 3, 4, 5]


def test_the_declarations_propose_levels_with_their_evidence_for_the_areas_they_feed_only() -> None:
    declared = [("incident-management", "OTRS since 2019"), ("step-1", "Service manager and CAB named")]
    baseline = {"clause 5": 1, "theme organisational": 3, "clause 4": 1}
    found = {p.area: p for p in gap_proposals(AREAS, baseline, declared)}
    assert [p.area for p in gap_proposals(AREAS, baseline, declared)] == AREAS
    assert (found["clause 5"].baseline, found["clause 5"].proposed) == (1, 2)
    assert found["clause 5"].evidence == (
        "evidence: ITIL step 1: Define initial tasks for the roles — Service manager and CAB named",
    )
    assert (found["theme organisational"].proposed, found["theme organisational"].evidence) == (
        3,
        ("evidence: ITIL incident management — OTRS since 2019",),
    )
    assert (found["clause 4"].proposed, found["clause 4"].evidence) == (1, ())
    assert (found["theme technological"].baseline, found["theme technological"].proposed) == (0, 0)


def test_with_nothing_declared_nothing_is_proposed() -> None:
    assert all(p.proposed == p.baseline == 0 and not p.evidence for p in gap_proposals(AREAS, {}, []))


def test_confirming_records_each_proposed_area_as_taken_or_corrected_and_only_those() -> None:
    found = declarations()
    found.declare(ACTOR, "incident-management", "OTRS since 2019", None)
    found.collect_events()
    cluster = uuid.uuid4()
    confirmed = dict.fromkeys(AREAS, 1) | {"theme organisational": 3}
    found.confirm_gap_proposals(ACTOR, cluster, {"theme organisational": 0}, confirmed)
    [recorded] = found.collect_events()
    assert type(recorded).__name__ == "GapProposalsConfirmed"
    assert (recorded.cluster_id, recorded.organisation_id) == (cluster, ORGANISATION)  # type: ignore[attr-defined]
    assert recorded.areas == [  # type: ignore[attr-defined]
        {
            "area": "theme organisational",
            "proposed": 2,
            "confirmed": 3,
            "evidence": ["evidence: ITIL incident management — OTRS since 2019"],
        }
    ]


def test_with_nothing_proposed_there_is_nothing_to_confirm() -> None:
    found = declarations()
    found.declare(ACTOR, "change-management", "Tickets", None)
    found.withdraw(ACTOR, "change-management", "Stopped")
    found.collect_events()
    with pytest.raises(ValidationFailed, match="Nothing declared proposes a level"):
        found.confirm_gap_proposals(ACTOR, uuid.uuid4(), {}, dict.fromkeys(AREAS, 1))
    assert found.collect_events() == []
