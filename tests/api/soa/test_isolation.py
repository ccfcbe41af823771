"""Who sees and acts on Boulangerie Muller's Statement of Applicability: its own member accounts, the coach of its
cluster and the consultancy's admins. Never another member of the same cluster, a coach of another cluster, or the
other consultancy: for them Muller's statement is answered exactly as a random organisation, and nothing is
written."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, HARBOUR_COACH, events_in_log
from tests.api.documents.support import KIRCHBERG_MEMBER, MULLER_AUTHOR, SECOND_COACH
from tests.api.soa.conftest import Muller
from tests.api.soa.support import CONTROL, CONTROLS, REVIEW, STATEMENT, VERSIONS, mutate, statement, versions
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
HARBOUR_MEMBER = "member@quayside.example"
OUTSIDERS = (KIRCHBERG_MEMBER, SECOND_COACH, HARBOUR_ADMIN, HARBOUR_COACH, HARBOUR_MEMBER)
STEPS: list[tuple[str, str, dict[str, Any]]] = [
    ("startSoa", "StartSoaInput", {"catalogue": "iso27001-2022"}),
    ("decideSoaControl", "DecideSoaControlInput",
     {"control": "5.1", "applicable": False, "justification": "Not ours.", "reasons": []}),
    ("submitSoaVersion", "SoaVersionInput", {"version": 2}),
    ("approveSoaVersion", "SoaVersionInput", {"version": 1}),
    ("rejectSoaVersion", "RejectSoaVersionInput", {"version": 2, "reason": "No"}),
    ("moveSoaToEdition", "MoveSoaInput", {"catalogue": "iso27001-2005"}),
]  # fmt: skip
READS = [(STATEMENT, {}), (CONTROL, {"c": "5.1"}), (REVIEW, {}), (CONTROLS, {}), (VERSIONS, {}),
         (VERSIONS, {"status": "APPROVED"})]  # fmt: skip


@pytest.mark.parametrize("email", OUTSIDERS)
def test_an_outsider_reads_nothing_of_muller_s_statement_just_as_a_random_organisation(
    client_for: ClientFor, muller: Muller, email: str
) -> None:
    outsider = client_for(email)
    for document, variables in READS:
        on_muller = outsider.execute(document, {"o": muller.organisation_id, **variables})
        on_random = outsider.execute(document, {"o": str(uuid.uuid4()), **variables})
        assert on_muller == on_random, document
        assert "Marc Muller" not in str(on_muller)


@pytest.mark.parametrize("email", OUTSIDERS)
def test_an_outsider_acts_on_nothing_of_muller_s_statement_and_nothing_is_written(
    demo_services: Services, client_for: ClientFor, muller: Muller, email: str
) -> None:
    outsider = client_for(email)
    before = events_in_log(demo_services)
    for name, input_type, given in STEPS:
        on_muller = mutate(outsider, name, input_type, {"organisationId": muller.organisation_id} | given)
        on_random = mutate(outsider, name, input_type, {"organisationId": str(uuid.uuid4())} | given)
        assert on_muller == on_random, name
        assert on_muller["code"] in {"NOT_FOUND", "FORBIDDEN"}, (name, on_muller)
    assert events_in_log(demo_services) == before


@pytest.mark.parametrize("email", [MULLER_AUTHOR, ALPINE_COACH, ALPINE_ADMIN])
def test_muller_s_people_its_coach_and_the_admins_read_it(client_for: ClientFor, muller: Muller, email: str) -> None:
    found = statement(client_for(email), muller.organisation_id)
    assert found["__typename"] == "StatementOfApplicability" and found["approvedVersion"] == 1
    assert found["viewerCan"]["decide"] is True
    listed = versions(client_for(email), muller.organisation_id)
    assert [v["number"] for v in listed] == [2, 1] and listed[1]["approvedBy"] == "Claire Coach"
