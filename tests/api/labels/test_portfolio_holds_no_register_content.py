"""No content of a client's ISMS can reach a portfolio: after a consultancy attests (and corrects) a mission with a
member whose registers are full (its risks, assets, documents, incidents, context, statement of applicability,
reviews, audits, its coaching ledger...), not one text of those registers, nor the member's name or headcount, is in
the professional's portfolio as the API answers it, as the page shows it, or in its PDF."""

from __future__ import annotations

import io
import json
import re
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from pypdf import PdfReader
from sqlalchemy import select

from backend.services import Services
from domain.engagement.commands import LogCoachingHalfDay
from domain.tenancy.account import account_id
from domain.tenancy.consultancy import consultancy_id
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH
from tests.api.labels.test_mission_attestations import (
    ATTEST,
    ATTESTED,
    CORRECT,
    PORTFOLIO,
    SOPHIE,
    alpine_mission,
    answer,
    shown_again,
)
from tests.support.graphql_client import GraphQLClient

LEDGER_NOTE = "Walked through the flour mill's supplier risk and the oven controller's passwords"
FACT_KEYS = {"consultancy", "cluster", "sector", "sizeBand", "startedOn", "endedOn", "coachingDays", "trainingDays"}


def register_texts(services: Services, organisation_id: uuid.UUID) -> set[str]:
    """Every text of every read table the member has rows in (but the attestations'): its registers, its ledger,
    its name. Free text only: long enough, with a space, so that a word the page uses anyway is not counted."""
    texts: set[str] = set()
    with services.store.reading() as conn:
        for table in services.store.tables.all():
            if "organisation_id" not in table.c or table.name.endswith("mission_attestations"):
                continue
            for row in conn.execute(select(table).where(table.c.organisation_id == organisation_id)).mappings():
                texts |= {v for v in row.values() if isinstance(v, str) and len(v) >= 12 and " " in v.strip()}
    return texts


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_no_register_content_reaches_the_portfolio_answer_page_or_pdf(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    admin, sophie = client_for(ALPINE_ADMIN), client_for(SOPHIE)
    mission = alpine_mission(admin)
    organisation = uuid.UUID(mission["organisation"])
    empty_page = sophie.http.get("/professional/portfolio").text
    empty_pdf = PdfReader(io.BytesIO(sophie.http.get("/professional/portfolio.pdf").content)).pages[0].extract_text()
    attested = answer(admin, ATTEST, mission)["missionId"]
    coach = account_id(ALPINE_COACH)
    demo_services.execute(
        LogCoachingHalfDay(
            consultancy_id("alpine"),
            coach,
            uuid.UUID(mission["cluster"]),
            organisation,
            date(2026, 2, 27),
            coach,
            LEDGER_NOTE,
        )
    )
    correction = shown_again(admin, CORRECT, {"id": attested, "reason": "A half-day logged late."})
    assert answer(admin, CORRECT, correction)["stands"] is True

    found = answer(sophie, PORTFOLIO)
    assert len(found["missions"]) == 2  # the demo's with the Boulangerie Muller, and this one with Kirchberg Dental
    assert all(set(m["facts"]) - {"outcome"} == FACT_KEYS for m in found["missions"])  # the facts, no other field
    allowed = {str(value) for m in found["missions"] for value in m["facts"].values()}
    members = {uuid.UUID(row["organisationId"]) for row in _attested(admin)}
    texts = set().union(*(register_texts(demo_services, member) for member in members)) - allowed
    assert {LEDGER_NOTE, "Boulangerie Muller", "Kirchberg Dental"} <= texts  # ledgers and names among them
    assert len(texts) > 100, len(texts)  # the demo's member has full registers to leak from
    answered = json.dumps(found)
    page = sophie.http.get("/professional/portfolio").text
    pdf = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(sophie.http.get("/professional/portfolio.pdf").content)).pages
    )
    for name, output, before in (("answer", answered, ""), ("page", page, empty_page), ("pdf", pdf, empty_pdf)):
        leaked = [t for t in texts if squeezed(t) in squeezed(output) and squeezed(t) not in squeezed(before)]
        assert not leaked, (name, leaked[:5])
        for identifying in (*(str(member) for member in members), mission["cluster"]):
            assert identifying not in output, (name, identifying)
    assert "employee" not in answered.lower() and "headcount" not in answered.lower()  # a size band, no count


def _attested(admin: GraphQLClient) -> list[dict[str, Any]]:
    return [edge["node"] for edge in answer(admin, ATTESTED)["edges"]]
