"""The ISMS home's next steps: in the order the standard builds the ISMS, each gone once its register shows it done."""

from __future__ import annotations

from datetime import UTC, datetime

from backend.graphql.isms.steps import Registers, next_steps
from projections.assets.rows import AssetSummary
from projections.context.rows import ContextSummary
from projections.documents.rows import DocumentSummary
from projections.risks.rows import RiskSummary
from projections.soa.rows import SoaSummary

NOTHING = Registers(
    ContextSummary(0, 0, 0, None, 0),
    DocumentSummary(0, 0, 0, 0, False),
    AssetSummary(0, 0),
    SoaSummary(),
    RiskSummary(),
)
TREATED = RiskSummary(open=5)
APPROVED = SoaSummary("iso27001-2022", "draft", 0, 0, 1, datetime(2027, 1, 4, 9, tzinfo=UTC))
DONE = Registers(
    ContextSummary(3, 2, 1, 1, 1), DocumentSummary(4, 4, 0, 0, True), AssetSummary(12, 0), APPROVED, TREATED
)


def texts(registers: Registers) -> list[str]:
    return [step.text for step in next_steps(registers)]


def test_a_new_organisation_starts_with_its_context_and_ends_with_its_inventory() -> None:
    steps = next_steps(NOTHING)
    assert [step.register for step in steps] == ["context"] * 5 + ["documents", "assets", "risks", "soa"]
    assert steps[0].text == "Record the internal and external issues (4.1)."
    assert steps[-1].text == "Start the Statement of Applicability (6.1.3 d)."


def test_nothing_is_waiting_when_every_register_is_done() -> None:
    assert next_steps(DONE) == []


def test_waiting_work_is_counted_in_words() -> None:
    waiting = Registers(DONE.context, DocumentSummary(4, 2, 1, 2, True), AssetSummary(12, 3), APPROVED, TREATED)
    assert texts(waiting) == [
        "Classify 3 assets for confidentiality, integrity, availability.",
        "Approve or return 1 document awaiting approval.",
        "Review 2 documents past their review date.",
    ]


def test_a_stated_scope_is_a_scope_whatever_its_version() -> None:
    stated = Registers(ContextSummary(3, 2, 1, 4, 1), DONE.documents, DONE.assets, DONE.soa, TREATED)
    assert next_steps(stated) == []


def test_the_statement_asks_for_decisions_then_a_submission_then_an_approval() -> None:
    def soa_texts(soa: SoaSummary) -> list[str]:
        return texts(Registers(DONE.context, DONE.documents, DONE.assets, soa, TREATED))

    started = SoaSummary("iso27001-2005", "draft", 133, 0)
    assert soa_texts(started) == ["Decide 133 controls of the Statement of Applicability."]
    moved = SoaSummary("iso27001-2022", "draft", 2, 40)
    assert soa_texts(moved) == [
        "Decide 2 controls of the Statement of Applicability.",
        "Review 40 decisions carried over to the new edition.",
    ]
    assert soa_texts(SoaSummary("iso27001-2022", "draft")) == ["Submit the Statement of Applicability for approval."]
    submitted = SoaSummary("iso27001-2022", "submitted")
    assert soa_texts(submitted) == ["Approve or return the submitted Statement of Applicability."]


def test_risks_wait_on_assessment_treatment_decisions_and_the_plan() -> None:
    waiting = RiskSummary(open=9, unassessed=1, untreated=2, above_criteria=3, acceptances_expired=1, actions_overdue=2)
    steps = next_steps(Registers(DONE.context, DONE.documents, DONE.assets, DONE.soa, waiting))
    assert [(step.register, step.text) for step in steps] == [
        ("risks", "Assess 1 risk on the consultancy's method."),
        ("risks", "Choose a treatment for 2 assessed risks (6.1.3)."),
        ("risks", "Treat further, or have management decide on, 3 risks above the acceptance criteria."),
        ("risks", "Renew or revisit 1 expired risk acceptance."),
        ("plan", "Follow up 2 treatment actions past their due date."),
    ]
