"""The rules of a Statement of Applicability, both ways: decisions, versions and the move to another edition."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace

import pytest

from domain.application import Cordee
from domain.catalogues.catalogue import Catalogue
from domain.catalogues.library import shipped
from domain.catalogues.loading import read_catalogue
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
    return StatementOfApplicability.start(uuid.uuid4(), AUTHOR, uuid.uuid4(), catalogue, catalogue.version)


def decided_whole(statement: StatementOfApplicability, actor: uuid.UUID = AUTHOR) -> StatementOfApplicability:
    """Every control still undecided decided (applicable): what a submission asks."""
    for control in statement.controls:
        if control not in statement.decisions:
            statement.decide(actor, control, APPLIES)
    return statement


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
    assert refused(statement.decide, AUTHOR, "A.5.1.1", APPLIES).field == "control"


def test_decisions_are_kept_by_control() -> None:
    statement = started()
    statement.decide(AUTHOR, "5.1", APPLIES)
    statement.decide(AUTHOR, "8.25", EXCLUDED)
    assert statement.decisions["5.1"].applicable and not statement.decisions["8.25"].applicable


def test_an_empty_draft_is_not_submitted() -> None:
    error = refused(started().submit, AUTHOR, 1)
    assert (
        error.field == "version" and f"{len(CURRENT.controls)} undecided (5.1, 5.2, 5.3, 5.4, 5.5, …)" in error.message
    )


def test_a_draft_with_one_control_undecided_is_not_submitted_and_says_which() -> None:
    statement = started()
    for control in statement.controls[:-1]:
        statement.decide(AUTHOR, control, APPLIES)
    error = refused(statement.submit, AUTHOR, 1)
    assert error.field == "version" and "1 undecided (8.34)" in error.message
    statement.decide(AUTHOR, "8.34", EXCLUDED)
    statement.submit(AUTHOR, 1)
    assert statement.status == "submitted"


def test_a_draft_with_decisions_carried_from_another_edition_is_submitted_once_they_are_reviewed() -> None:
    statement = started("iso27001-2005")
    decided_whole(statement)
    statement.move_to(AUTHOR, CURRENT, shipped().correspondence("iso27001-2005", "iso27001-2022"))
    decided_whole(statement)
    error = refused(statement.submit, AUTHOR, 1)
    to_review = [c for c in statement.controls if statement.decisions[c].to_review]
    assert to_review and f"{len(to_review)} to review ({to_review[0]}," in error.message
    assert "undecided" not in error.message
    for control in to_review:
        statement.decide(AUTHOR, control, APPLIES)
    statement.submit(AUTHOR, 1)
    assert statement.status == "submitted"


def test_the_person_who_submitted_cannot_approve() -> None:
    statement = started()
    decided_whole(statement)
    statement.submit(AUTHOR, 1)
    error = refused(statement.approve, AUTHOR, 1)
    assert error.field == "version" and "someone else" in error.message
    statement.approve(APPROVER, 1)
    assert statement.approved == [1]


def test_someone_who_decided_a_control_of_the_version_cannot_approve_it() -> None:
    """The author decides, someone else submits: the author still may not approve; after approval, the next
    version starts with no author, so the approver of version 1 may decide in version 2."""
    statement = started()
    decided_whole(statement)
    statement.submit(APPROVER, 1)
    error = refused(statement.approve, AUTHOR, 1)
    assert error.field == "version" and "decided a control of this version" in error.message
    third = uuid.uuid4()
    statement.approve(third, 1)
    statement.decide(APPROVER, "8.28", EXCLUDED)
    statement.submit(third, 2)
    assert "decided a control" in refused(statement.approve, APPROVER, 2).message
    statement.approve(AUTHOR, 2)
    assert statement.approved == [1, 2]


def test_a_submitted_version_takes_no_decision_until_approved_or_rejected() -> None:
    statement = started()
    decided_whole(statement)
    statement.submit(AUTHOR, 1)
    assert refused(statement.decide, AUTHOR, "5.2", APPLIES).field == "version"
    statement.reject(APPROVER, 1, "Justify 5.1 better.")
    statement.decide(AUTHOR, "5.2", EXCLUDED)
    assert statement.number == 1 and statement.status == "draft"


def test_an_approved_version_is_frozen_and_later_decisions_make_the_next() -> None:
    statement = started()
    decided_whole(statement)
    statement.submit(AUTHOR, 1)
    statement.approve(APPROVER, 1)
    assert refused(statement.approve, APPROVER, 1).field == "version"
    assert refused(statement.submit, AUTHOR, 1).field == "version"
    statement.decide(AUTHOR, "5.1", EXCLUDED)
    decided = [e for e in statement.collect_events() if type(e).__name__ == "ControlDecided"]
    assert [e.number for e in decided][-2:] == [1, 2]  # type: ignore[attr-defined]
    assert statement.number == 2


def test_a_rejection_needs_a_reason() -> None:
    statement = started()
    decided_whole(statement)
    statement.submit(AUTHOR, 1)
    assert refused(statement.reject, APPROVER, 1, " ").field == "reason"


def test_moving_to_2022_carries_decisions_marked_to_review() -> None:
    statement = started("iso27001-2005")
    statement.decide(AUTHOR, "A.5.1.1", APPLIES)
    statement.decide(AUTHOR, "A.5.1.2", EXCLUDED)
    correspondence = shipped().correspondence("iso27001-2005", "iso27001-2022")
    statement.move_to(AUTHOR, CURRENT, correspondence)
    assert statement.catalogue_id == "iso27001-2022"
    assert statement.controls == tuple(control.id for control in CURRENT.controls)
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


def own_catalogue() -> Catalogue:
    """A consultancy's own catalogue, as an import reads it: two groups, three controls."""
    return read_catalogue(
        {
            "format": "cordee-catalogue/1", "id": "acme-baseline", "edition": "ACME baseline", "title": "ACME",
            "version": "7", "grouping": "theme",
            "groups": [{"id": "org", "title": "Organisation"}, {"id": "tech", "title": "Technology"}],
            "controls": [
                {"id": "AB-1", "group": "org", "title": "Policy"}, {"id": "AB-2", "group": "tech", "title": "Backups"},
                {"id": "AB-10", "group": "tech", "title": "Logs"},
            ],
        }
    )  # fmt: skip


def test_a_statement_on_an_imported_catalogue_keeps_its_controls_and_the_version_given() -> None:
    statement = StatementOfApplicability.start(uuid.uuid4(), AUTHOR, uuid.uuid4(), own_catalogue(), "3")
    assert (statement.catalogue_id, statement.catalogue_version) == ("acme-baseline", "3")
    assert statement.controls == ("AB-1", "AB-2", "AB-10")
    started_event = statement.collect_events()[0]
    assert started_event.controls[2] == ["AB-10", "tech", "Logs"]  # type: ignore[attr-defined]
    assert started_event.groups == [["org", "Organisation"], ["tech", "Technology"]]  # type: ignore[attr-defined]
    assert refused(statement.decide, AUTHOR, "5.1", APPLIES).field == "control"
    decided_whole(statement)
    statement.submit(AUTHOR, 1)
    assert statement.status == "submitted"


def test_a_started_event_stored_before_imported_catalogues_loads_with_the_shipped_controls() -> None:
    """Version 1 of `Started` had no controls: the upcaster gives it the shipped catalogue's, as it named."""
    app = Cordee()
    stored = app.mapper.to_stored_event(started("iso27001-2005").collect_events()[0])
    state = json.loads(stored.state)
    assert state.pop("class_version") == 2
    state.pop("controls"), state.pop("groups")
    old = app.mapper.to_domain_event(replace(stored, state=json.dumps(state).encode()))
    loaded = old.mutate(None)
    assert loaded.catalogue_id == "iso27001-2005"
    assert loaded.controls == tuple(control.id for control in OLD.controls)
    assert old.groups[0] == [OLD.groups[0].id, OLD.groups[0].title]  # type: ignore[attr-defined]
