"""A professional's portfolio as a PDF, opened and read back: each attested mission's facts, across consultancies,
and the totals; nothing but what the attestations hold."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

from pypdf import PdfReader

from backend.exports.portfolio import PortfolioFile, portfolio_pdf, totals
from tests.unit.labels.support import FACTS

HARBOUR = replace(
    FACTS,
    consultancy="Harbour Advisory",
    cluster="Port SMEs 2027",
    sector="Logistics",
    size_band="small",
    started_on=date(2026, 9, 7),
    ended_on=None,
    coaching_days=2.5,
    training_days=1.0,
    outcome="under_way",
)


def read(pdf: bytes) -> tuple[str, dict[str, str]]:
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text), {k: str(v) for k, v in (reader.metadata or {}).items()}


def test_the_portfolio_lists_every_attested_mission_across_consultancies_with_its_facts() -> None:
    pdf = portfolio_pdf(PortfolioFile("Sophie Martin", (HARBOUR, FACTS), date(2027, 1, 4)))
    text, metadata = read(pdf)
    assert metadata["/Title"] == "Coached missions of Sophie Martin"
    assert "Produced on 2027-01-04" in text
    for expected in (
        "Alpine Conseil", "Luxembourg SMEs 2026", "Dental practice", "micro (under 10)", "2026-03-02", "2026-11-27",
        "ISMS established", "Harbour Advisory", "Port SMEs 2027", "Logistics", "small (10 to 49)", "under way",
    ):  # fmt: skip
        assert expected in text, expected
    assert text.index("Alpine Conseil") < text.index("Harbour Advisory")  # in the order they started
    assert "2 missions for 2 consultancies." in text
    assert "7 days of coaching, 6 days of training." in text
    assert "Outcomes: ISMS established 1, under way 1." in text


def test_a_portfolio_with_no_mission_says_so() -> None:
    text, _ = read(portfolio_pdf(PortfolioFile("Sophie Martin", (), date(2027, 1, 4))))
    assert "No mission has been attested yet." in text and "Consultancy" not in text


def test_the_totals_say_one_mission_and_one_day_in_the_singular() -> None:
    one = replace(FACTS, coaching_days=1, training_days=0.5)
    assert totals((one,))[:2] == ["1 mission for 1 consultancy.", "1 day of coaching, 0.5 days of training."]
    two = (one, replace(one, consultancy="Nordlicht Beratung", coaching_days=2))
    assert totals(two)[:2] == ["2 missions for 2 consultancies.", "3 days of coaching, 1 day of training."]
