"""The rules of a Statement of Applicability, both ways: decisions, versions and the move to another edition."""

from __future__ import annotations

import uuid

import pytest

from domain.catalogues.catalogue import Catalogue
from domain.catalogues.library import shipped
from domain.shared.errors import ValidationErrors, ValidationFailed
from domain.soa.decision import Decision, checked_decision, combined
from domain.soa.statement import StatementOfApplicability, carried_decisions

AUTHOR, APPROVER = uuid.uuid4(), uuid.uuid4()


def catalogue(catalogue_id: str) -> Catalogue:
    found = shipped().catalogue(catalogue_id)
    assert found is not None
    return found


CURRENT, OLD = catalogue("iso27001-2022"), catalogue("iso27001-2005")
APPLIES = checked_decision(True, ["risk_treatment"], "Laptops leave the office.", "planned")
EXCLUDED = checked_decision(False, [], "We develop no software.", None)


def started(catalogue_id: str = "iso27001-2022") -> StatementOfApplicability:
    catalogue = shipped().catalogue(catalogue_id)
    assert catalogue is not None
    return StatementOfApplicability.start(uuid.uuid4(), AUTHOR, uuid.uuid4(), catalogue)


def refused(decide: object, *args: object) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as error:
        decide(*args)  # type: ignore[operator]
    return error.value


def test_a_statement_keeps_the_catalogue_and_its_version() -> None:
    statement = started()
    assert (statement.catalogue_id, statement.catalogue_version) == ("iso27001-2022", CURRENT.version)
    assert statement.number == 1 and statement.status == "draft"


def test_an_exclusion_without_justification_is_refused() -> None:
    assert refused(checked_decision, False, [], "  ", None).field == "justification"


def test_an_inclusion_without_a_reason_is_refused() -> None:
    assert refused(checked_decision, True, [], "We must.", "planned").field == "reasons"


def test_an_inclusion_without_justification_text_is_refused_too() -> None:
    assert refused(checked_decision, True, ["legal"], "", "planned").field == "justification"


def test_every_field_at_fault_is_reported_at_once() -> None:
    with pytest.raises(ValidationErrors) as error:
        checked_decision(True, ["whim"], "", "done")
    assert [p.field for p in error.value.problems] == ["reasons", "justification", "implementation"]


def test_an_exclusion_has_neither_reasons_nor_implementation() -> None:
    assert refused(checked_decision, False, ["legal"], "No.", None).field == "reasons"
    assert refused(checked_decision, False, [], "No.", "planned").field == "implementation"


def test_evidence_is_linked_once_each() -> None:
    document = uuid.uuid4()
    assert refused(checked_decision, True, ["legal"], "Law.", "planned", [document, document]).field == "evidence"


def test_reasons_are_kept_in_the_fixed_order() -> None:
    decision = checked_decision(True, ["business", "legal"], "Both.", "implemented")
    assert decision.reasons == ("legal", "business")


def test_a_control_not_in_the_catalogue_is_refused() -> None:
    statement = started()
    assert refused(statement.decide, AUTHOR, CURRENT, "A.5.1.1", APPLIES).field == "control"


def test_decisions_are_kept_by_control() -> None:
    statement = started()
    statement.decide(AUTHOR, CURRENT, "5.1", APPLIES)
    statement.decide(AUTHOR, CURRENT, "8.25", EXCLUDED)
    assert statement.decisions["5.1"].applicable and not statement.decisions["8.25"].applicable


def test_an_empty_draft_is_not_submitted() -> None:
    assert refused(started().submit, AUTHOR, 1).field == "version"


def test_the_person_who_submitted_cannot_approve() -> None:
    statement = started()
    statement.decide(AUTHOR, CURRENT, "5.1", APPLIES)
    statement.submit(AUTHOR, 1)
    error = refused(statement.approve, AUTHOR, 1)
    assert error.field == "version" and "someone else" in error.message
    statement.approve(APPROVER, 1)
    assert statement.approved == [1]


def test_someone_who_decided_a_control_of_the_version_cannot_approve_it() -> None:
    """The author decides, someone else submits: the author still may not approve; after approval, the next
    version starts with no author, so the approver of version 1 may decide in version 2."""
    statement = started()
    statement.decide(AUTHOR, CURRENT, "5.1", APPLIES)
    statement.submit(APPROVER, 1)
    error = refused(statement.approve, AUTHOR, 1)
    assert error.field == "version" and "decided a control of this version" in error.message
    third = uuid.uuid4()
    statement.approve(third, 1)
    statement.decide(APPROVER, CURRENT, "8.28", EXCLUDED)
    statement.submit(third, 2)
    assert "decided a control" in refused(statement.approve, APPROVER, 2).message
    statement.approve(AUTHOR, 2)
    assert statement.approved == [1, 2]


def test_a_submitted_version_takes_no_decision_until_approved_or_rejected() -> None:
    statement = started()
    statement.decide(AUTHOR, CURRENT, "5.1", APPLIES)
    statement.submit(AUTHOR, 1)
    assert refused(statement.decide, AUTHOR, CURRENT, "5.2", APPLIES).field == "version"
    statement.reject(APPROVER, 1, "Justify 5.1 better.")
    statement.decide(AUTHOR, CURRENT, "5.2", APPLIES)
    assert statement.number == 1 and statement.status == "draft"


def test_an_approved_version_is_frozen_and_later_decisions_make_the_next() -> None:
    statement = started()
    statement.decide(AUTHOR, CURRENT, "5.1", APPLIES)
    statement.submit(AUTHOR, 1)
    statement.approve(APPROVER, 1)
    assert refused(statement.approve, APPROVER, 1).field == "version"
    assert refused(statement.submit, AUTHOR, 1).field == "version"
    statement.decide(AUTHOR, CURRENT, "5.1", EXCLUDED)
    decided = [e for e in statement.collect_events() if type(e).__name__ == "ControlDecided"]
    assert [e.number for e in decided] == [1, 2]  # type: ignore[attr-defined]
    assert statement.number == 2


def test_a_rejection_needs_a_reason() -> None:
    statement = started()
    statement.decide(AUTHOR, CURRENT, "5.1", APPLIES)
    statement.submit(AUTHOR, 1)
    assert refused(statement.reject, APPROVER, 1, " ").field == "reason"


def test_moving_to_2022_carries_decisions_marked_to_review() -> None:
    statement = started("iso27001-2005")
    statement.decide(AUTHOR, OLD, "A.5.1.1", APPLIES)
    statement.decide(AUTHOR, OLD, "A.5.1.2", EXCLUDED)
    correspondence = shipped().correspondence("iso27001-2005", "iso27001-2022")
    statement.move_to(AUTHOR, CURRENT, correspondence)
    assert statement.catalogue_id == "iso27001-2022"
    carried = statement.decisions["5.1"]
    assert carried.applicable and carried.to_review and carried.implementation == "planned"
    assert "A.5.1.1: Laptops leave the office." in carried.justification


def test_moving_without_a_correspondence_is_refused() -> None:
    statement = started()
    assert refused(statement.move_to, AUTHOR, OLD, None).field == "catalogue"


def test_combining_keeps_the_least_implemented_of_those_that_apply() -> None:
    done = checked_decision(True, ["legal"], "Law.", "implemented")
    merged = combined([("A", done), ("B", APPLIES), ("C", EXCLUDED)])
    assert merged.applicable and merged.implementation == "planned"
    assert merged.reasons == ("risk_treatment", "legal") and merged.to_review


def test_controls_without_a_counterpart_are_not_carried() -> None:
    correspondence = shipped().correspondence("iso27001-2005", "iso27001-2022")
    assert correspondence is not None
    assert carried_decisions({"A.6.1.1": APPLIES}, correspondence) == {}


def test_a_decision_survives_its_event_shape() -> None:
    decision = checked_decision(True, ["legal"], "Law.", "partial", [uuid.uuid4()])
    assert Decision.from_event(decision.as_event()) == decision
