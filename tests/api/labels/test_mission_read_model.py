"""The attested missions as read: each consultancy reads its own attestations, the professional's portfolio gathers
them across consultancies from the realm's rows, and a renewal counts only those that stand and have ended, with
their facts as last corrected."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import select

from backend.services import Services
from domain.labels.body import PROFESSIONALS
from domain.labels.commands import AttestMission, CorrectMissionAttestation, WithdrawMissionAttestation
from domain.labels.missions import MissionFacts, attestation_id
from domain.labels.track import CoachedMission
from domain.tenancy.account import account_id
from domain.tenancy.consultancy import consultancy_id
from projections.core.scope import Scope

NINA = account_id("nina@pro.example")
"""A professional the demo attests nothing for."""
ALPINE, HARBOUR = consultancy_id("alpine"), consultancy_id("harbour")
ENDED = MissionFacts(
    consultancy="Alpine ISMS Coaching",
    cluster="Valais cluster",
    sector="Manufacturing",
    size_band="small",
    started_on=date(2025, 3, 3),
    ended_on=date(2025, 12, 19),
    coaching_days=8.5,
    training_days=4.0,
    outcome="isms_established",
)
UNDER_WAY = replace(ENDED, consultancy="Harbour Risk Partners", ended_on=None, outcome="under_way")


def a_member(services: Services, tenant_id: uuid.UUID) -> tuple[uuid.UUID, uuid.UUID]:
    """A cluster of the consultancy and one of its members."""
    members = services.store.tables.cluster_members
    with services.store.reading() as conn:
        row = conn.execute(select(members).where(members.c.tenant_id == tenant_id)).mappings().first()
    assert row is not None
    return row["cluster_id"], row["organisation_id"]


def attest(services: Services, tenant_id: uuid.UUID, professional_id: uuid.UUID, facts: MissionFacts) -> uuid.UUID:
    cluster_id, organisation_id = a_member(services, tenant_id)
    admin = uuid.uuid4()
    services.execute(AttestMission(tenant_id, admin, professional_id, cluster_id, organisation_id, facts))
    return attestation_id(tenant_id, professional_id, cluster_id, organisation_id)


def shown(rows: list[Any]) -> list[tuple[str, date | None, float]]:
    return [(row.consultancy, row.ended_on, row.coaching_days) for row in rows]


def test_a_renewal_counts_the_missions_that_stand_and_ended_as_last_corrected(demo_services: Services) -> None:
    missions = demo_services.queries.missions
    alpine = attest(demo_services, ALPINE, NINA, ENDED)
    harbour = attest(demo_services, HARBOUR, NINA, UNDER_WAY)
    attest(demo_services, ALPINE, account_id("tom@pro.example"), ENDED)  # another professional's
    assert missions.coached_missions(NINA) == (CoachedMission(alpine, date(2025, 12, 19), 8.5),)
    assert shown(missions.portfolio(NINA)) == [
        ("Alpine ISMS Coaching", date(2025, 12, 19), 8.5),
        ("Harbour Risk Partners", None, 8.5),
    ]

    corrected = replace(ENDED, coaching_days=10.0)
    demo_services.execute(CorrectMissionAttestation(ALPINE, uuid.uuid4(), alpine, corrected, "Two days were left out."))
    assert missions.coached_missions(NINA) == (CoachedMission(alpine, date(2025, 12, 19), 10.0),)
    [row] = [row for row in missions.portfolio(NINA) if row.mission_id == alpine]
    assert (row.corrections, row.last_reason) == (1, "Two days were left out.")

    demo_services.execute(WithdrawMissionAttestation(ALPINE, uuid.uuid4(), alpine, "Attested for the wrong coach."))
    assert missions.coached_missions(NINA) == ()
    assert [row.mission_id for row in missions.portfolio(NINA)] == [harbour]
    withdrawn = missions.mission(Scope(ALPINE), alpine)
    assert withdrawn is not None and withdrawn in missions.consultancy_missions(Scope(ALPINE))
    assert withdrawn.status == "withdrawn" and withdrawn.last_reason == "Attested for the wrong coach."


def test_each_consultancy_reads_its_own_attestations_and_the_realm_names_no_cluster_or_member(
    demo_services: Services,
) -> None:
    missions = demo_services.queries.missions
    alpine = attest(demo_services, ALPINE, NINA, ENDED)
    harbour = attest(demo_services, HARBOUR, NINA, UNDER_WAY)
    ninas = {alpine, harbour}
    assert [row.mission_id for row in missions.consultancy_missions(Scope(ALPINE)) if row.mission_id in ninas] == [
        alpine
    ]
    assert [row.mission_id for row in missions.consultancy_missions(Scope(HARBOUR))] == [harbour]
    assert missions.mission(Scope(HARBOUR), alpine) is None
    assert missions.mission(Scope(ALPINE), alpine) is not None
    realm = missions.consultancy_missions(Scope(PROFESSIONALS))
    assert {row.mission_id for row in realm if row.professional_id == NINA} == ninas
    assert all(row.cluster_id is None and row.organisation_id is None for row in realm)
    cluster_id, organisation_id = a_member(demo_services, ALPINE)
    consultancy_row = missions.mission(Scope(ALPINE), alpine)
    assert consultancy_row is not None
    assert (consultancy_row.cluster_id, consultancy_row.organisation_id) == (cluster_id, organisation_id)
    assert missions.mission(Scope(ALPINE, organisation_id=uuid.uuid4()), alpine) is None  # another member's people
