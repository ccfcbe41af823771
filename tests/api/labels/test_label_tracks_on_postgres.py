"""On PostgreSQL with row-level security, where a request reads its own tenant's rows only: the registrar still
learns whether the coach they name coaches for a consultancy, and counts the missions attested for a renewal, each
through the policy's one read of the realm; and reads nothing else of it."""

from __future__ import annotations

import uuid
from datetime import date

from starlette.testclient import TestClient

from backend.app import create_app
from backend.services import Services
from domain.labels.commands import AttestMission
from domain.labels.missions import MissionFacts
from domain.tenancy.account import account_id
from domain.tenancy.consultancy import consultancy_id
from tests.api.conftest import ALPINE_ADMIN, events_in_log
from tests.api.labels.test_label_tracks import ENROL, NAME, REGISTRAR, RENEWAL, SOPHIE, TOM, TRACKS, answer, refused
from tests.support.graphql_client import GraphQLClient


def test_the_registrar_reads_the_realm_only_through_the_policy_on_postgres(postgres_services: Services) -> None:
    registrar = GraphQLClient(TestClient(create_app(postgres_services.settings, postgres_services))).sign_in(REGISTRAR)
    ana = str(account_id("ana@pro.example"))
    answer(registrar, ENROL, {"email": "ana@pro.example", "displayName": "Ana Costa", "enrolledOn": "2026-01-05"})
    assert answer(registrar, NAME, {"professionalId": ana, "evaluatorEmail": SOPHIE})["status"] == "CANDIDATE"
    assert refused(registrar, NAME, {"professionalId": ana, "evaluatorEmail": TOM}) == ("VALIDATION", "evaluatorEmail")
    facts = MissionFacts(
        "Alpine Security Coaching",
        "Alpine cluster 2026",
        "Bakery",
        "small",
        date(2026, 3, 2),
        date(2026, 9, 30),
        5.0,
        2.0,
        "isms_established",
    )
    alpine, admin, sophie = consultancy_id("alpine"), account_id(ALPINE_ADMIN), account_id(SOPHIE)
    postgres_services.execute(AttestMission(alpine, admin, sophie, uuid.uuid4(), uuid.uuid4(), facts))
    renewal = registrar.data(RENEWAL, {"id": str(sophie)})["t"]["renewal"]
    assert renewal["missions"] == [{"endedOn": "2026-09-30", "coachingDays": 5.0}]
    edges = registrar.data(TRACKS)["t"]["edges"]
    assert {edge["node"]["candidateName"] for edge in edges} == {"Ana Costa", "Sophie Martin", "Tom Keller"}


INVITE = """mutation($email: String!, $name: String!) {
    r: inviteProfessional(input: {email: $email, displayName: $name}) { __typename } }"""


def test_a_registrar_invites_again_a_candidate_who_has_not_chosen_a_password_on_postgres(
    postgres_services: Services,
) -> None:
    """The body's request finds the realm's account through the policy's one read: a candidate who has not yet
    chosen their password gets a new link (an event), one who has gets nothing, as on SQLite."""
    registrar = GraphQLClient(TestClient(create_app(postgres_services.settings, postgres_services))).sign_in(REGISTRAR)
    invite = {"email": "ana@pro.example", "name": "Ana Costa"}
    assert registrar.data(INVITE, invite)["r"]["__typename"] == "ProfessionalInvited"
    before = events_in_log(postgres_services)
    assert registrar.data(INVITE, invite)["r"]["__typename"] == "ProfessionalInvited"
    assert events_in_log(postgres_services) == before + 1  # a new invitation for the account opened before
    assert registrar.data(INVITE, {"email": SOPHIE, "name": "Sophie"})["r"]["__typename"] == "ProfessionalInvited"
    assert events_in_log(postgres_services) == before + 1  # Sophie signs in as she does: nothing written
